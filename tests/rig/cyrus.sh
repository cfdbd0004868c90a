#!/bin/bash
# A real JMAP server (RFC 8620/8621) for the rig: Cyrus IMAP 3.6's httpd JMAP module, from
# Debian's packages unpacked into a private prefix (cyrus-common conflicts with the rig's
# Dovecot as a package, so it is never installed; nothing outside the prefix and DIR changes).
#
#   cyrus.sh install            apt-get download + dpkg -x into $CYRUS_CACHE (default
#                               /var/cache/mailctl-rig/cyrus); skipped when already there
#   cyrus.sh start DIR [CERTDIR] config and state under DIR/cyrus, start, create alice and bob;
#                               CERTDIR (or $RIG_CERT_DIR) with server.pem/server.key adds HTTPS
#   cyrus.sh stop DIR           stop the master by its pid (and wait for its children)
#   cyrus.sh env DIR            print the RIG_JMAP_* lines (also written to DIR/cyrus/cyrus.env)
#   cyrus.sh index DIR USER     update USER's search index (squatter): text search needs it
#   cyrus.sh status DIR         exit 0 when running
#
# Ports (all 127.0.0.1, override with the variables): JMAP over HTTP $CYRUS_HTTP_PORT (12080),
# HTTPS $CYRUS_HTTPS_PORT (12443), IMAP $CYRUS_IMAP_PORT (12143, for seeding and checks), LMTP
# $CYRUS_LMTP_PORT (12024, to deliver mail into Cyrus mailboxes). EmailSubmission goes out by
# SMTP to $CYRUS_SMTP (default 127.0.0.1:10025: the rig's Postfix, which delivers rig.test
# mail to Dovecot).
set -euo pipefail

CACHE=${CYRUS_CACHE:-/var/cache/mailctl-rig/cyrus}
HTTP_PORT=${CYRUS_HTTP_PORT:-12080}
HTTPS_PORT=${CYRUS_HTTPS_PORT:-12443}
IMAP_PORT=${CYRUS_IMAP_PORT:-12143}
LMTP_PORT=${CYRUS_LMTP_PORT:-12024}
SMTP=${CYRUS_SMTP:-127.0.0.1:10025}
# Cyrus services refuse to run as root (exit 64): any unprivileged existing user works.
RUN_USER=${CYRUS_USER:-mail}
# The SASL realm of the users is the server name.
SERVERNAME=jmap.rig.test
USERS=("alice:alice-jmap-pw" "bob:bob-jmap-pw")
ADMIN="admin:admin-jmap-pw"
# cyrus-caldav ships httpd (where JMAP lives); the libraries are those Cyrus needs that the rig
# image lacks; sasl2-bin for saslpasswd2.
PACKAGES=(cyrus-common cyrus-imapd cyrus-caldav libpcre3 libical3 libxapian30 libshp2 sasl2-bin)

log() { printf 'cyrus: %s\n' "$*" >&2; }
die() { printf 'cyrus: ERROR: %s\n' "$*" >&2; exit 1; }

P=$CACHE/prefix
BIN=$P/usr/lib/cyrus/bin
libs() { export LD_LIBRARY_PATH=$P/usr/lib/x86_64-linux-gnu:$P/lib/x86_64-linux-gnu; }

cmd_install() {
  if [ -x "$BIN/httpd" ] && [ -x "$P/usr/sbin/saslpasswd2" ]; then
    log "already unpacked in $P"
    return 0
  fi
  mkdir -p "$CACHE/debs" "$P"
  # A fresh machine's package lists can be stale (404 on a superseded .deb): refresh first.
  if ! (cd "$CACHE/debs" && apt-get download -q "${PACKAGES[@]}"); then
    apt-get update -q
    (cd "$CACHE/debs" && apt-get download -q "${PACKAGES[@]}")
  fi
  local f
  for f in "$CACHE"/debs/*.deb; do dpkg -x "$f" "$P"; done
  [ -x "$BIN/httpd" ] || die "no httpd in the unpacked packages"
  log "install ok ($P)"
}

abs_dir() { mkdir -p "$1" && (cd "$1" && pwd -P); }

pid_of() { # DIR -> live master pid or empty
  local f=$1/cyrus/run/master.pid p
  [ -s "$f" ] || return 0
  p=$(cat "$f")
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null && [ "$(ps -o stat= -p "$p" | cut -c1)" != Z ]; then
    echo "$p"
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

cmd_stop() {
  local D; D=$(abs_dir "${1:?DIR}")
  local p; p=$(pid_of "$D")
  [ -n "$p" ] || { log "not running"; return 0; }
  kill -TERM "$p"
  for _ in $(seq 50); do
    [ -n "$(pid_of "$D")" ] || break
    sleep 0.1
  done
  [ -z "$(pid_of "$D")" ] || { kill -KILL "$p" 2>/dev/null || true; }
  # The services the master forked (imapd, httpd, lmtpd) end with it; wait for the ports.
  for _ in $(seq 50); do
    port_open "$HTTP_PORT" || port_open "$IMAP_PORT" || break
    sleep 0.1
  done
  log "stopped"
}

write_config() { # DIR CERTDIR
  local D=$1 C=$2 R=$1/cyrus/run
  mkdir -p "$R"/{conf,spool,search,proc,lock,socket,sieve,log,tls}
  cat >"$R/imapd.conf" <<EOF
configdirectory: $R/conf
partition-default: $R/spool
defaultpartition: default
proc_path: $R/proc
mboxname_lockpath: $R/lock
sievedir: $R/sieve
lmtpsocket: $R/socket/lmtp
idlesocket: $R/socket/idle
notifysocket: $R/socket/notify
master_pid_file: $R/master.pid
servername: $SERVERNAME
cyrus_user: $RUN_USER
admins: ${ADMIN%%:*}
allowplaintext: yes
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: $R/sasldb2
sasl_mech_list: PLAIN LOGIN
httpmodules: jmap
httpallowcompress: no
# No push: Cyrus 3.6 reads jmap_pushpoll only when built with WebSocket support (wslay), which
# Debian's build is not, so its event source always answers 204 No Content.
conversations: yes
conversations_db: twoskip
search_engine: xapian
search_index_headers: yes
defaultsearchtier: t1
t1searchpartition-default: $R/search
unixhierarchysep: yes
altnamespace: yes
autocreate_quota: 0
autocreate_post: 1
lmtp_downcase_rcpt: yes
# EmailSubmission/set hands the message to this SMTP server (the rig's Postfix).
smtp_backend: host
smtp_host: $SMTP/noauth
EOF
  local tls=0
  if [ -n "$C" ] && [ -s "$C/server.pem" ] && [ -s "$C/server.key" ]; then
    install -m 0644 -o "$RUN_USER" "$C/server.pem" "$R/tls/server.pem"
    install -m 0600 -o "$RUN_USER" "$C/server.key" "$R/tls/server.key"
    cat >>"$R/imapd.conf" <<EOF
tls_server_cert: $R/tls/server.pem
tls_server_key: $R/tls/server.key
EOF
    tls=1
  fi
  cat >"$R/cyrus.conf" <<EOF
START {
  recover cmd="$BIN/ctl_cyrusdb -C $R/imapd.conf -r"
}
SERVICES {
  imap cmd="$BIN/imapd -C $R/imapd.conf" listen="127.0.0.1:$IMAP_PORT" prefork=0
  http cmd="$BIN/httpd -C $R/imapd.conf" listen="127.0.0.1:$HTTP_PORT" prefork=0
  lmtp cmd="$BIN/lmtpd -a -C $R/imapd.conf" listen="127.0.0.1:$LMTP_PORT" prefork=0
  lmtpunix cmd="$BIN/lmtpd -C $R/imapd.conf" listen="$R/socket/lmtp" prefork=0
EOF
  if [ "$tls" = 1 ]; then
    echo "  https cmd=\"$BIN/httpd -s -C $R/imapd.conf\" listen=\"127.0.0.1:$HTTPS_PORT\" prefork=0" >>"$R/cyrus.conf"
  fi
  cat >>"$R/cyrus.conf" <<EOF
}
EVENTS {
}
EOF
  echo "$tls"
}

cmd_env() {
  local D; D=$(abs_dir "${1:?DIR}")
  local R=$D/cyrus/run
  echo "RIG_JMAP_URL=http://127.0.0.1:$HTTP_PORT/"
  echo "RIG_JMAP_HOST=127.0.0.1:$HTTP_PORT"
  if grep -q '^tls_server_cert' "$R/imapd.conf" 2>/dev/null; then
    echo "RIG_JMAPS_URL=https://localhost:$HTTPS_PORT/"
    echo "RIG_JMAPS_PORT=$HTTPS_PORT"
  fi
  echo "RIG_JMAP_USER=${USERS[0]%%:*}"
  echo "RIG_JMAP_PASSWORD=${USERS[0]#*:}"
  echo "RIG_JMAP_USER2=${USERS[1]%%:*}"
  echo "RIG_JMAP_PASSWORD2=${USERS[1]#*:}"
  echo "RIG_JMAP_IMAP_PORT=$IMAP_PORT"
  echo "RIG_JMAP_LMTP_PORT=$LMTP_PORT"
  echo "RIG_CYRUS_DIR=$D"
  echo "RIG_CYRUS_CACHE=$CACHE"
  echo "RIG_CYRUS_SH=$(cd "$(dirname "$0")" && pwd -P)/cyrus.sh"
}

cmd_start() {
  local D; D=$(abs_dir "${1:?DIR}")
  local C=${2:-${RIG_CERT_DIR:-}}
  [ -x "$BIN/master" ] || die "not installed: run 'cyrus.sh install' first"
  getent passwd "$RUN_USER" >/dev/null || die "user $RUN_USER missing"
  [ -z "$(pid_of "$D")" ] || cmd_stop "$D"
  local port
  for port in "$HTTP_PORT" "$IMAP_PORT" "$LMTP_PORT"; do
    ! port_open "$port" || die "port $port is taken"
  done
  # A fresh state each start: tests create mail; an old spool would make counts drift.
  rm -rf "$D/cyrus"
  local tls; tls=$(write_config "$D" "$C")
  local R=$D/cyrus/run
  chmod o+x "$D" "$D/cyrus"
  libs
  local u
  for u in "${USERS[@]}" "$ADMIN"; do
    printf %s "${u#*:}" | "$P/usr/sbin/saslpasswd2" -f "$R/sasldb2" -u "$SERVERNAME" -p -c "${u%%:*}"
  done
  chown -R "$RUN_USER:" "$R"
  setsid "$BIN/master" -C "$R/imapd.conf" -M "$R/cyrus.conf" -p "$R/master.pid" \
    -L "$R/log/master.log" -D </dev/null >"$R/log/master.out" 2>&1 &

  for _ in $(seq 100); do
    port_open "$HTTP_PORT" && port_open "$IMAP_PORT" && port_open "$LMTP_PORT" &&
      { [ "$tls" = 0 ] || port_open "$HTTPS_PORT"; } && break
    sleep 0.1
  done
  port_open "$HTTP_PORT" || die "httpd did not start: see $R/log/master.out"
  # The first IMAP login creates a user's INBOX (autocreate_quota >= 0).
  for u in "${USERS[@]}"; do
    curl -sS --max-time 10 -u "$u" "imap://127.0.0.1:$IMAP_PORT/" -X 'LIST "" "*"' >/dev/null ||
      die "IMAP login as ${u%%:*} failed: see $R/log"
  done
  cmd_env "$D" >"$D/cyrus/cyrus.env"
  log "started (master $(pid_of "$D")), env in $D/cyrus/cyrus.env"
}

cmd_index() {
  local D; D=$(abs_dir "${1:?DIR}")
  local user=${2:?USER}
  libs
  runuser -u "$RUN_USER" -- env LD_LIBRARY_PATH="$LD_LIBRARY_PATH" \
    "$BIN/squatter" -C "$D/cyrus/run/imapd.conf" -u "$user" >>"$D/cyrus/run/log/squatter.log" 2>&1
}

case ${1:-} in
  install) cmd_install ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  env) shift; cmd_env "$@" ;;
  index) shift; cmd_index "$@" ;;
  status) shift; D=$(abs_dir "${1:?DIR}"); [ -n "$(pid_of "$D")" ] ;;
  *) sed -n '2,20p' "$0" >&2; exit 2 ;;
esac
