#!/usr/bin/env bash
# mailctl integration-test rig: private Postfix + Dovecot + NSD instances on loopback.
#
#   rig.sh install        install Debian packages (idempotent, root)
#   rig.sh start DIR      create/refresh a rig in DIR, start daemons, write DIR/rig.env
#   rig.sh ensure DIR     like start, but a no-op if DIR's rig is already up
#   rig.sh stop DIR       stop daemons recorded in DIR/pids (idempotent)
#   rig.sh status DIR     show which daemons are running
#
# Everything listens on 127.0.0.1 (and 127.0.0.2 for Postfix/Dovecot; 127.0.0.11-13 for the
# `mailctl audit` MX hosts) only.
set -euo pipefail

RIG_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Fixed interface (tests rely on these).
SMTP_PORT=10025
SUBMISSION_PORT=10587
SMTPS_PORT=10465
# SMTPS with a certificate that expires in a few days (check --cert-warn-days/--cert-crit-days).
EXPIRING_SMTPS_PORT=10466
LMTP_PORT=10024
IMAP_PORT=10143
IMAPS_PORT=10993
POP3_PORT=10110
POP3S_PORT=10995
DNS_PORT=10053
# Issue 15 ("every way of connecting"): proxies in front of the rig, and Postfix listeners that
# each allow one thing the plain SMTP port must not (so the plain port's EHLO stays as it was).
SOCKS_PORT=11080          # dante SOCKS5, no authentication
SOCKS_AUTH_PORT=11081     # dante SOCKS5, RFC 1929 username/password ($PROXY_USER, a system user)
HTTP_PROXY_PORT=11082     # tinyproxy HTTP CONNECT, no authentication
HTTP_PROXY_AUTH_PORT=11083 # tinyproxy HTTP CONNECT with Basic proxy authentication
HAPROXY_SMTP_PORT=10026   # Postfix smtpd_upstream_proxy_protocol = haproxy
XCLIENT_SMTP_PORT=10027   # Postfix with XCLIENT authorized for 127.0.0.0/8
CCERT_SMTP_PORT=10028     # Postfix asking for a client certificate; relay only for the rig's one
WKD_PORT=10443            # nginx: the OpenPGP Web Key Directory of rig.test and direct.rig.test (HTTPS)
# Cyrus IMAP 3.6's JMAP (tests/rig/cyrus.sh): HTTP, HTTPS, IMAP and LMTP of its own.
CYRUS_PORTS="12080 12443 12143 12024"
EXTRA_PORTS="$CYRUS_PORTS $SOCKS_PORT $SOCKS_AUTH_PORT $HTTP_PROXY_PORT $HTTP_PROXY_AUTH_PORT $HAPROXY_SMTP_PORT $XCLIENT_SMTP_PORT $CCERT_SMTP_PORT $WKD_PORT"
PROXY_USER=mailctl-proxy
PROXY_PASSWORD=proxy-secret-pw
TLS_NAME=mail.rig.test
MAIL_DOMAIN=rig.test
MAIL_UID_USER=mailctl-rig
# `mailctl audit` fixture: zone audit.test (generated at start, see write_audit_zones) whose MX
# hosts are Postfix smtpd services on $SMTP_PORT at these loopback addresses.
AUDIT_DOMAIN=audit.test
AUDIT_MX1A=127.0.0.11 # mx1.audit.test: STARTTLS, audit cert (matches its TLSA), PTR -> mx1
AUDIT_MX1B=127.0.0.12 # mx1.audit.test: no STARTTLS, PTR -> mx1
AUDIT_MX2=127.0.0.13  # mx2.audit.test: STARTTLS, wrongname cert (TLSA mismatch), PTR -> unverified
AUDIT_DEAD=127.0.0.14 # mx3.audit.test: nothing listens
AUDIT_LISTEN=("$AUDIT_MX1A" "$AUDIT_MX1B" "$AUDIT_MX2")
# The zone publishes documentation addresses (RFC 5737 TEST-NET-1) for them, 192.0.2.<last octet
# of the listener>: a resolver answers PTR queries for 127/8 itself (RFC 6761 §6.3, hickory does),
# so reverse DNS can only be tested on other addresses. Tests map each to its listener with
# `mailctl audit --connect-to 192.0.2.11:25:127.0.0.11:$SMTP_PORT` (nothing else is routed there).
AUDIT_PUB=192.0.2
# user:password
USERS=(
  "alice@rig.test:alice-secret-pw"
  "bob@rig.test:bob-secret-pw"
  "carol@rig.test:carol-secret-pw"
  "dave@rig.test:dave-secret-pw"
  "erin@rig.test:erin-secret-pw"
)
# dave: the mailbox of `check roundtrip` tests; erin: where a roundtrip test's message goes when
# it must never arrive in the polled mailbox.
DAEMONS=(nsd dovecot postfix danted danted-auth tinyproxy tinyproxy-auth nginx-wkd cyrus)

log() { printf 'rig: %s\n' "$*" >&2; }
die() { printf 'rig: ERROR: %s\n' "$*" >&2; exit 1; }

need_root() { [ "$(id -u)" = 0 ] || die "must run as root"; }

# ---------------------------------------------------------------- install
RIG_PACKAGES=(
  postfix dovecot-core dovecot-imapd dovecot-pop3d dovecot-lmtpd nsd openssl ldnsutils
  swaks libnet-ssleay-perl libio-socket-ssl-perl libauthen-sasl-perl dante-server tinyproxy
  gnupg gpg-wks-client nginx
)
REQUIRED_BINS=(
  /usr/sbin/postfix /usr/lib/postfix/sbin/master /usr/sbin/dovecot
  /usr/lib/dovecot/imap /usr/lib/dovecot/pop3 /usr/lib/dovecot/lmtp
  /usr/sbin/nsd /usr/bin/openssl /usr/bin/swaks /usr/bin/ldns-signzone /usr/bin/ldns-keygen
  /usr/share/perl5/IO/Socket/SSL.pm /usr/share/perl5/Authen/SASL.pm
  /usr/sbin/danted /usr/bin/tinyproxy
  /usr/bin/gpg /usr/lib/gnupg/gpg-wks-client /usr/sbin/nginx
)

kill_pidfile() { # kill a system daemon started by a postinst, by its pid file
  local f=$1 pid
  [ -r "$f" ] || return 0
  pid=$(tr -dc '0-9' <"$f")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  log "stopping system daemon pid $pid ($f)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

ensure_mail_user() {
  if ! getent group "$MAIL_UID_USER" >/dev/null; then groupadd --system "$MAIL_UID_USER"; fi
  if ! getent passwd "$MAIL_UID_USER" >/dev/null; then
    useradd --system --gid "$MAIL_UID_USER" --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin "$MAIL_UID_USER"
  fi
}

# dante checks RFC 1929 credentials against the system password database (its "username"
# method), so the SOCKS proxy's test user is a system account with no shell and no home.
ensure_proxy_user() {
  if ! getent passwd "$PROXY_USER" >/dev/null; then
    useradd --system --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin "$PROXY_USER"
  fi
  echo "$PROXY_USER:$PROXY_PASSWORD" | chpasswd
}

cmd_install() {
  need_root
  local missing=0 b
  for b in "${REQUIRED_BINS[@]}"; do [ -e "$b" ] || missing=1; done
  # Files alone are not enough: a package that replaced ours (courier-imap removes
  # dovecot-imapd) can leave its binaries behind while dpkg no longer has it installed.
  local p
  for p in "${RIG_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing=1
  done
  if [ "$missing" = 1 ]; then
    export DEBIAN_FRONTEND=noninteractive
    local created_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
      chmod 0755 /usr/sbin/policy-rc.d
      created_policy=1
    fi
    # shellcheck disable=SC2064
    trap "[ $created_policy = 1 ] && rm -f /usr/sbin/policy-rc.d" EXIT
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    # A fresh machine's package lists can be stale (404 on a superseded .deb): refresh first.
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${RIG_PACKAGES[@]}"
    if [ "$created_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
    trap - EXIT
  else
    log "all packages present, skipping apt"
  fi
  # Kill system instances a postinst may have started anyway (not our rigs).
  kill_pidfile /var/spool/postfix/pid/master.pid
  kill_pidfile /run/dovecot/master.pid
  kill_pidfile /run/nsd/nsd.pid
  # tinyproxy's package starts its own instance on 8888 where a service manager runs.
  kill_pidfile /run/tinyproxy/tinyproxy.pid
  # and nginx's a system nginx on port 80.
  kill_pidfile /run/nginx.pid
  ensure_mail_user
  ensure_proxy_user
  # Cyrus (JMAP) conflicts with Dovecot as a package: its .debs are unpacked, not installed.
  bash "$RIG_SRC/cyrus.sh" install || die "cyrus.sh install failed"
  log "install ok"
}

# ---------------------------------------------------------------- helpers
abs_dir() { # create and canonicalise DIR
  local d=$1
  [ -n "$d" ] || die "DIR argument required"
  mkdir -p "$d"
  (cd "$d" && pwd -P)
}

# Run a command fully detached: new session, stdin /dev/null, stdout/stderr to
# a log file, every other inherited fd closed.
run_detached() {
  local logf=$1; shift
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      case $fd in 0|1|2) ;; *) eval "exec $fd>&-" 2>/dev/null || true ;; esac
    done
    exec setsid "$@" </dev/null >>"$logf" 2>&1
  )
}

port_open() { # host port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

read_pid() { # file -> pid or empty
  [ -r "$1" ] && tr -dc '0-9' <"$1" || true
}

pid_alive() { # running and not a zombie
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
  local st
  st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  st=${st##*) }
  [ "${st%% *}" != Z ]
}

descendants() { # pid -> all descendant pids (depth first)
  local c
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    echo "$c"; descendants "$c"
  done
}

backdate() { touch -h -d '1 minute ago' "$@"; }

# ---------------------------------------------------------------- certificates
gen_certs() {
  local T=$1
  if [ -s "$T/ca.pem" ] && [ -s "$T/server.pem" ] &&
    openssl x509 -checkend 86400 -noout -in "$T/server.pem" >/dev/null 2>&1 &&
    openssl x509 -checkend 86400 -noout -in "$T/ca.pem" >/dev/null 2>&1; then
    return 0
  fi
  log "generating test certificates in $T"
  rm -rf "$T"; mkdir -p "$T/ca-db"
  local w="$T/ca-db"
  : >"$w/index.txt"; echo 1000 >"$w/serial"
  cat >"$w/openssl.cnf" <<EOF
[ ca ]
default_ca = rigca
[ rigca ]
dir = $w
database = $w/index.txt
serial = $w/serial
new_certs_dir = $w
certificate = $T/ca.pem
private_key = $T/ca.key
default_md = sha256
policy = pol_any
unique_subject = no
copy_extensions = none
email_in_dn = no
[ pol_any ]
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = placeholder
[ v3_ca ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ v3_server ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:$TLS_NAME,DNS:localhost,IP:127.0.0.1,IP:127.0.0.2
[ v3_wrong ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:other.example
[ v3_self ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
subjectAltName = DNS:$TLS_NAME,DNS:localhost,IP:127.0.0.1,IP:127.0.0.2
EOF
  local cnf="$w/openssl.cnf" o=(-batch -notext -config "$w/openssl.cnf")
  newkey() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; chmod 0600 "$1"; }
  # CA (self-signed, 1 year)
  newkey "$T/ca.key"
  openssl req -config "$cnf" -new -x509 -key "$T/ca.key" -subj "/CN=mailctl rig test CA" \
    -days 365 -sha256 -extensions v3_ca -out "$T/ca.pem"
  # name -> CN, extensions, ca-args
  issue() { # name cn ext startdate enddate
    newkey "$T/$1.key"
    openssl req -config "$cnf" -new -key "$T/$1.key" -subj "/CN=$2" -out "$w/$1.csr"
    openssl ca "${o[@]}" -in "$w/$1.csr" -out "$T/$1.pem" -extensions "$3" \
      -startdate "$4" -enddate "$5" 2>"$w/$1.err" || { cat "$w/$1.err" >&2; return 1; }
  }
  local now30 past1 past2 start
  start=$(date -u -d '1 hour ago' +%Y%m%d%H%M%SZ)
  now30=$(date -u -d '30 days' +%Y%m%d%H%M%SZ)
  past1=$(date -u -d '60 days ago' +%Y%m%d%H%M%SZ)
  past2=$(date -u -d '30 days ago' +%Y%m%d%H%M%SZ)
  issue server "$TLS_NAME" v3_server "$start" "$now30"
  issue expired "$TLS_NAME" v3_server "$past1" "$past2"
  issue wrongname other.example v3_wrong "$start" "$now30"
  # self-signed leaf for mail.rig.test (does not chain to the CA)
  newkey "$T/selfsigned.key"
  openssl req -config "$cnf" -new -x509 -key "$T/selfsigned.key" -subj "/CN=$TLS_NAME" \
    -days 30 -sha256 -extensions v3_self -out "$T/selfsigned.pem"
  # full chain (leaf + CA) for convenience
  cat "$T/server.pem" "$T/ca.pem" >"$T/server-chain.pem"
  chmod 0644 "$T"/*.pem
}

# A leaf valid for 5 days, issued by the rig CA: reissued at start when it has less than 4 days
# left (or the CA was regenerated, which removes it), so a started rig always has one that is
# valid but expiring soon.
gen_expiring_cert() {
  local T=$1 w="$1/ca-db"
  if [ -s "$T/expiring.pem" ] &&
    openssl x509 -checkend $((4 * 86400)) -noout -in "$T/expiring.pem" >/dev/null 2>&1; then
    return 0
  fi
  log "issuing the 5-day certificate in $T"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T/expiring.key" 2>/dev/null
  chmod 0600 "$T/expiring.key"
  openssl req -config "$w/openssl.cnf" -new -key "$T/expiring.key" -subj "/CN=$TLS_NAME" \
    -out "$w/expiring.csr"
  openssl ca -batch -notext -config "$w/openssl.cnf" -in "$w/expiring.csr" \
    -out "$T/expiring.pem" -extensions v3_server \
    -startdate "$(date -u -d '1 hour ago' +%Y%m%d%H%M%SZ)" \
    -enddate "$(date -u -d '5 days' +%Y%m%d%H%M%SZ)" 2>"$w/expiring.err" ||
    { cat "$w/expiring.err" >&2; return 1; }
  chmod 0644 "$T/expiring.pem"
}

# The certificate of the `mailctl audit` MX hosts: CN=mx1.audit.test, SANs mx1 + mx2.audit.test,
# issued by the rig CA, valid from 1 hour ago for 30 days. Issued here rather than in gen_certs
# (which is skipped while the other certificates are valid), so an existing rig DIR gets it too;
# reissued when missing, with less than 1 day left, or not issued by the current CA.
gen_audit_cert() {
  local T=$1 w="$1/ca-db"
  if [ -s "$T/audit.pem" ] && [ -s "$T/audit.key" ] &&
    openssl x509 -checkend 86400 -noout -in "$T/audit.pem" >/dev/null 2>&1 &&
    openssl x509 -noout -ext subjectAltName -in "$T/audit.pem" 2>/dev/null | grep -q "mx-good" &&
    openssl verify -CAfile "$T/ca.pem" "$T/audit.pem" >/dev/null 2>&1; then
    return 0
  fi
  log "issuing the audit certificate (mx1/mx2.audit.test) in $T"
  # openssl.cnf of a DIR made before this certificate existed has no v3_audit section.
  if ! grep -qxF '[ v3_audit ]' "$w/openssl.cnf"; then
    cat >>"$w/openssl.cnf" <<EOF
[ v3_audit ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:mx1.$AUDIT_DOMAIN,DNS:mx2.$AUDIT_DOMAIN,DNS:mx-good.$AUDIT_DOMAIN
EOF
  fi
  # A DIR made when the certificate had two names gets the third.
  sed -i "s/^subjectAltName = DNS:mx1.$AUDIT_DOMAIN,DNS:mx2.$AUDIT_DOMAIN\$/&,DNS:mx-good.$AUDIT_DOMAIN/" "$w/openssl.cnf"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T/audit.key" 2>/dev/null
  chmod 0600 "$T/audit.key"
  openssl req -config "$w/openssl.cnf" -new -key "$T/audit.key" -subj "/CN=mx1.$AUDIT_DOMAIN" \
    -out "$w/audit.csr"
  openssl ca -batch -notext -config "$w/openssl.cnf" -in "$w/audit.csr" \
    -out "$T/audit.pem" -extensions v3_audit \
    -startdate "$(date -u -d '1 hour ago' +%Y%m%d%H%M%SZ)" \
    -enddate "$(date -u -d '30 days' +%Y%m%d%H%M%SZ)" 2>"$w/audit.err" ||
    { cat "$w/audit.err" >&2; return 1; }
  chmod 0644 "$T/audit.pem"
}

# A TLS client certificate for alice@rig.test (CN), issued by the rig CA: RIG_CLIENT_CERT/KEY.
# Postfix relays for its fingerprint on $CCERT_SMTP_PORT (permit_tls_clientcerts) and Dovecot
# takes its CN as the user name for SASL EXTERNAL. Issued like the audit certificate: reissued
# when missing, with less than a day left, or not issued by the current CA.
gen_client_cert() {
  local T=$1 w="$1/ca-db"
  if [ -s "$T/client.pem" ] && [ -s "$T/client.key" ] &&
    openssl x509 -checkend 86400 -noout -in "$T/client.pem" >/dev/null 2>&1 &&
    openssl verify -CAfile "$T/ca.pem" -purpose sslclient "$T/client.pem" >/dev/null 2>&1; then
    return 0
  fi
  log "issuing the client certificate (alice@$MAIL_DOMAIN) in $T"
  if ! grep -qxF '[ v3_client ]' "$w/openssl.cnf"; then
    cat >>"$w/openssl.cnf" <<EOF
[ v3_client ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
  fi
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T/client.key" 2>/dev/null
  chmod 0600 "$T/client.key"
  openssl req -config "$w/openssl.cnf" -new -key "$T/client.key" -subj "/CN=alice@$MAIL_DOMAIN" \
    -out "$w/client.csr"
  openssl ca -batch -notext -config "$w/openssl.cnf" -in "$w/client.csr" \
    -out "$T/client.pem" -extensions v3_client \
    -startdate "$(date -u -d '1 hour ago' +%Y%m%d%H%M%SZ)" \
    -enddate "$(date -u -d '30 days' +%Y%m%d%H%M%SZ)" 2>"$w/client.err" ||
    { cat "$w/client.err" >&2; return 1; }
  chmod 0644 "$T/client.pem"
}

# The client certificate's SHA-256 fingerprint as Postfix writes it (AB:CD:...).
client_cert_fp() {
  openssl x509 -noout -fingerprint -sha256 -in "$1/tls/client.pem" | sed 's/^.*=//'
}

# ---------------------------------------------------------------- OpenPGP keys, OPENPGPKEY, WKD
# The keys of issue 16's tests, made once per rig dir with GnuPG (kept while $D/gnupg/done
# exists): each user's armored public key in $D/gnupg/NAME.asc and its minimal binary form
# (RFC 7929 §2.3 and the WKD draft both want one key, no third-party signatures) in NAME.pgp.
#   alice  Ed25519 + Cv25519, valid          bob    RSA-3072, valid
#   carol  Ed25519, made 2 years ago with a 1-year expiry: expired
#   mallory "Mallory <mallory@elsewhere.test>": published for dave@rig.test (the wrong address)
#   frank  frank@direct.rig.test (a domain with the direct WKD method only)
# erin@rig.test has no key anywhere.
PGP_KEYS=(
  "alice|Alice <alice@$MAIL_DOMAIN>|future-default default 2y"
  "bob|Bob <bob@$MAIL_DOMAIN>|rsa3072 default 2y"
  "carol|Carol <carol@$MAIL_DOMAIN>|ed25519 sign 1y|--faked-system-time $(date -u -d '2 years ago' +%Y%m%dT%H%M%S)"
  "mallory|Mallory <mallory@elsewhere.test>|future-default default 2y"
  "frank|Frank <frank@direct.$MAIL_DOMAIN>|future-default default 2y"
)
# Published name -> key: the local part under which each key is in DNS and the WKD.
PGP_PUBLISHED=(alice:alice bob:bob carol:carol dave:mallory)

gpg_rig() { # GNUPGHOME args...
  local h=$1; shift
  gpg --homedir "$h" --batch --no-tty --pinentry-mode loopback --passphrase '' "$@"
}

gen_pgp_keys() {
  local G="$1/gnupg" k name uid algo extra
  [ -e "$G/done" ] && return 0
  log "generating OpenPGP keys in $G"
  rm -rf "$G"; mkdir -m 0700 "$G"
  for k in "${PGP_KEYS[@]}"; do
    IFS='|' read -r name uid algo extra <<<"$k"
    # shellcheck disable=SC2086 # algo/usage/expiry and the faked time are separate words
    gpg_rig "$G" $extra --quick-gen-key "$uid" $algo >>"$G/keygen.log" 2>&1 ||
      { cat "$G/keygen.log" >&2; die "gpg could not make the key of $name"; }
    gpg_rig "$G" --armor --export "${uid##*<}" >"$G/$name.asc"
    gpg_rig "$G" --export --export-options export-minimal "${uid##*<}" >"$G/$name.pgp"
    gpg_rig "$G" --with-colons --fingerprint "${uid##*<}" 2>/dev/null |
      awk -F: '$1 == "fpr" { print $10; exit }' >"$G/$name.fpr"
    [ -s "$G/$name.pgp" ] && [ -s "$G/$name.fpr" ] || die "no public key exported for $name"
  done
  # The agent started by key generation is not a rig daemon: stop it, tests start their own.
  gpgconf --homedir "$G" --kill gpg-agent 2>/dev/null || true
  chmod 0644 "$G"/*.asc "$G"/*.pgp "$G"/*.fpr
  touch "$G/done"
}

# RFC 7929 §3: the owner name is the SHA-256 of the local part truncated to 28 octets, in hex,
# under _openpgpkey; the RDATA is the binary key (base64 in the zone file, §2.3).
openpgpkey_records() { # DIR -> zone lines for $MAIL_DOMAIN
  local p local_part key
  echo "; OpenPGP keys (RFC 7929), generated by rig.sh from $1/gnupg"
  for p in "${PGP_PUBLISHED[@]}"; do
    local_part=${p%%:*} key=${p#*:}
    printf '%s._openpgpkey IN OPENPGPKEY %s\n' \
      "$(printf %s "$local_part" | sha256sum | cut -c1-56)" "$(base64 -w0 <"$1/gnupg/$key.pgp")"
  done
}

# A leaf for the WKD hosts, from the rig CA.
gen_wkd_cert() {
  local T=$1 w="$1/ca-db"
  if [ -s "$T/wkd.pem" ] && openssl x509 -checkend 86400 -noout -in "$T/wkd.pem" >/dev/null 2>&1 &&
    openssl verify -CAfile "$T/ca.pem" "$T/wkd.pem" >/dev/null 2>&1; then
    return 0
  fi
  log "issuing the WKD certificate in $T"
  if ! grep -qxF '[ v3_wkd ]' "$w/openssl.cnf"; then
    cat >>"$w/openssl.cnf" <<EOF
[ v3_wkd ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:openpgpkey.$MAIL_DOMAIN,DNS:$MAIL_DOMAIN,DNS:direct.$MAIL_DOMAIN,DNS:openpgpkey.direct.$MAIL_DOMAIN
EOF
  fi
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T/wkd.key" 2>/dev/null
  chmod 0600 "$T/wkd.key"
  openssl req -config "$w/openssl.cnf" -new -key "$T/wkd.key" -subj "/CN=openpgpkey.$MAIL_DOMAIN" \
    -out "$w/wkd.csr"
  openssl ca -batch -notext -config "$w/openssl.cnf" -in "$w/wkd.csr" -out "$T/wkd.pem" \
    -extensions v3_wkd -startdate "$(date -u -d '1 hour ago' +%Y%m%d%H%M%SZ)" \
    -enddate "$(date -u -d '30 days' +%Y%m%d%H%M%SZ)" 2>"$w/wkd.err" || { cat "$w/wkd.err" >&2; return 1; }
  chmod 0644 "$T/wkd.pem"
}

# The Web Key Directory (draft-koch-openpgp-webkey-service §3.1) served by one nginx:
#   openpgpkey.rig.test  advanced method: /.well-known/openpgpkey/rig.test/hu/HASH + policy
#   rig.test             direct method:   /.well-known/openpgpkey/hu/HASH + policy
#   direct.rig.test      direct method only (openpgpkey.direct.rig.test has no DNS record)
# HASH is the z-base-32 SHA-1 of the lowercased local part (gpg-wks-client computes it). The
# hash of redirect@rig.test answers 302 to alice's key.
write_wkd() {
  local D=$1 W="$1/wkd" p local_part key h
  local wks=/usr/lib/gnupg/gpg-wks-client
  rm -rf "$W"
  mkdir -p "$W/advanced/.well-known/openpgpkey/$MAIL_DOMAIN/hu" "$W/direct/.well-known/openpgpkey/hu" \
    "$W/direct-only/.well-known/openpgpkey/hu" "$W/tmp"
  : >"$W/advanced/.well-known/openpgpkey/$MAIL_DOMAIN/policy"
  : >"$W/direct/.well-known/openpgpkey/policy"
  : >"$W/direct-only/.well-known/openpgpkey/policy"
  for p in "${PGP_PUBLISHED[@]}"; do
    local_part=${p%%:*} key=${p#*:}
    h=$("$wks" --print-wkd-hash "$local_part@$MAIL_DOMAIN" | cut -d' ' -f1)
    cp "$D/gnupg/$key.pgp" "$W/advanced/.well-known/openpgpkey/$MAIL_DOMAIN/hu/$h"
    cp "$D/gnupg/$key.pgp" "$W/direct/.well-known/openpgpkey/hu/$h"
  done
  h=$("$wks" --print-wkd-hash "frank@direct.$MAIL_DOMAIN" | cut -d' ' -f1)
  cp "$D/gnupg/frank.pgp" "$W/direct-only/.well-known/openpgpkey/hu/$h"
  local redirect alice
  redirect=$("$wks" --print-wkd-hash "redirect@$MAIL_DOMAIN" | cut -d' ' -f1)
  alice=$("$wks" --print-wkd-hash "alice@$MAIL_DOMAIN" | cut -d' ' -f1)
  cat >"$W/nginx.conf" <<EOF
# generated by rig.sh: the rig's Web Key Directory (one process, daemonised: its pid file is its PID)
daemon on;
master_process off;
worker_processes 1;
pid $D/pids/nginx-wkd.pid;
error_log $D/log/nginx-wkd.log info;
events { worker_connections 64; }
http {
    access_log $D/log/nginx-wkd.access.log;
    client_body_temp_path $W/tmp; proxy_temp_path $W/tmp; fastcgi_temp_path $W/tmp;
    uwsgi_temp_path $W/tmp; scgi_temp_path $W/tmp;
    ssl_certificate $D/tls/wkd.pem;
    ssl_certificate_key $D/tls/wkd.key;
    default_type application/octet-stream;
    server_tokens off;
    server {
        listen 127.0.0.1:$WKD_PORT ssl default_server;
        server_name openpgpkey.$MAIL_DOMAIN;
        root $W/advanced;
        add_header Access-Control-Allow-Origin * always;
        location = /.well-known/openpgpkey/$MAIL_DOMAIN/hu/$redirect {
            return 302 https://openpgpkey.$MAIL_DOMAIN/.well-known/openpgpkey/$MAIL_DOMAIN/hu/$alice;
        }
    }
    server {
        listen 127.0.0.1:$WKD_PORT ssl;
        server_name $MAIL_DOMAIN;
        root $W/direct;
        add_header Access-Control-Allow-Origin * always;
        location = /.well-known/openpgpkey/hu/$redirect {
            return 302 https://$MAIL_DOMAIN/.well-known/openpgpkey/hu/$alice;
        }
    }
    server {
        listen 127.0.0.1:$WKD_PORT ssl;
        server_name direct.$MAIL_DOMAIN;
        root $W/direct-only;
        add_header Access-Control-Allow-Origin * always;
    }
}
EOF
  chmod -R a+rX "$W"
}

# ---------------------------------------------------------------- nsd
write_nsd() {
  local D=$1 N="$1/nsd"
  mkdir -p "$N/tmp"
  rm -f "$N"/*.zone
  cat >"$N/nsd.conf" <<EOF
# generated by rig.sh
server:
    ip-address: 127.0.0.1@$DNS_PORT
    port: $DNS_PORT
    do-ip4: yes
    do-ip6: no
    username: ""
    chroot: ""
    database: ""
    zonesdir: "$N"
    zonelistfile: "$N/zone.list"
    xfrdfile: "$N/xfrd.state"
    xfrdir: "$N/tmp"
    pidfile: "$D/pids/nsd.pid"
    logfile: "$D/log/nsd.log"
    server-count: 1
    verbosity: 1
    hide-version: yes
    hide-identity: yes
    reuseport: no
    round-robin: no
remote-control:
    control-enable: no
EOF
  # Zones: the generated ones (write_audit_zones), tests/rig/zones/*.zone (file name = zone
  # name + .zone), plus any *.zone files in $RIG_EXTRA_ZONES (a directory) if set.
  local f z
  write_audit_zones "$D" "$N"
  for f in "$N"/*.zone; do
    z=$(basename "$f" .zone)
    printf 'zone:\n    name: "%s"\n    zonefile: "%s.zone"\n' "$z" "$z" >>"$N/nsd.conf"
  done
  for f in "$RIG_SRC"/zones/*.zone ${RIG_EXTRA_ZONES:+"$RIG_EXTRA_ZONES"/*.zone}; do
    [ -f "$f" ] || continue
    z=$(basename "$f" .zone)
    if [ -e "$N/$z.zone" ]; then log "zone $z is generated by rig.sh; ignoring $f"; continue; fi
    cp "$f" "$N/$z.zone"
    if [ "$z" = "$MAIL_DOMAIN" ]; then openpgpkey_records "$D" >>"$N/$z.zone"; fi
    printf 'zone:\n    name: "%s"\n    zonefile: "%s.zone"\n' "$z" "$z" >>"$N/nsd.conf"
  done
  rm -f "$N/zone.list" "$N/xfrd.state"
  backdate "$N"/*.zone "$N/nsd.conf"
}

# The `mailctl audit` zones, generated at start because the TLSA records hash certificates made
# at start: audit.test (+ good.audit.test) and the reverse zone of $AUDIT_PUB (see AUDIT_PUB).
write_audit_zones() { # DIR NSD-ZONEDIR
  local D=$1 N=$2 spki ca
  spki=$(openssl x509 -pubkey -noout -in "$D/tls/audit.pem" | openssl pkey -pubin -outform DER |
    sha256sum | cut -d' ' -f1)
  ca=$(openssl x509 -outform DER -in "$D/tls/ca.pem" | sha256sum | cut -d' ' -f1)
  if [ ${#spki} != 64 ] || [ ${#ca} != 64 ]; then die "could not hash tls/audit.pem or tls/ca.pem"; fi
  cat >"$N/$AUDIT_DOMAIN.zone" <<EOF
; $AUDIT_DOMAIN -- generated by rig.sh at start (the TLSA records hash tls/audit.pem, tls/ca.pem)
\$ORIGIN $AUDIT_DOMAIN.
\$TTL 300
@           IN SOA  ns.$AUDIT_DOMAIN. hostmaster.$AUDIT_DOMAIN. ( 1 3600 600 86400 300 )
@           IN NS   ns.$AUDIT_DOMAIN.
ns          IN A    127.0.0.1
@           IN MX   10 mx1.$AUDIT_DOMAIN.
@           IN MX   20 mx2.$AUDIT_DOMAIN.
@           IN MX   30 mx3.$AUDIT_DOMAIN.
@           IN TXT  "v=spf1 mx -all"
_dmarc      IN TXT  "v=DMARC1; p=reject; rua=mailto:dmarc@$AUDIT_DOMAIN"
; Addresses are $AUDIT_PUB.N for the listener 127.0.0.N (see AUDIT_PUB).
; mx1: .${AUDIT_MX1A##*.} offers STARTTLS with tls/audit.pem (+ the CA), .${AUDIT_MX1B##*.} offers no STARTTLS
mx1         IN A    $AUDIT_PUB.${AUDIT_MX1A##*.}
mx1         IN A    $AUDIT_PUB.${AUDIT_MX1B##*.}
; mx2: STARTTLS with tls/wrongname.pem (CN other.example): its TLSA record does not match
mx2         IN A    $AUDIT_PUB.${AUDIT_MX2##*.}
; mx3: nothing listens there
mx3         IN A    $AUDIT_PUB.${AUDIT_DEAD##*.}
; RFC 6186 client services: the rig's own Postfix/Dovecot ports on mail.rig.test (127.0.0.1);
; submissions is the listener whose certificate expires in 5 days; POP3 is "not provided";
; pop3s names mx2 (192.0.2.13, which tests map to Dovecot: a certificate for another name).
_submission._tcp  IN SRV 0 1 $SUBMISSION_PORT mail.rig.test.
_submissions._tcp IN SRV 0 1 $EXPIRING_SMTPS_PORT mail.rig.test.
_imap._tcp        IN SRV 0 1 $IMAP_PORT mail.rig.test.
_imaps._tcp       IN SRV 0 1 $IMAPS_PORT mail.rig.test.
_pop3._tcp        IN SRV 0 0 0 .
_pop3s._tcp       IN SRV 0 1 $POP3S_PORT mx2.$AUDIT_DOMAIN.
; DANE-EE SPKI SHA-256 of tls/audit.pem; DANE-TA full-certificate SHA-256 of tls/ca.pem
_25._tcp.mx1 IN TLSA 3 1 1 $spki
_25._tcp.mx1 IN TLSA 2 0 1 $ca
_25._tcp.mx2 IN TLSA 3 1 1 $spki
; sts.$AUDIT_DOMAIN: an MTA-STS policy announced (tests serve it from nginx via --connect-to)
sts         IN MX   10 mx1.$AUDIT_DOMAIN.
sts         IN TXT  "v=spf1 mx -all"
_dmarc.sts  IN TXT  "v=DMARC1; p=reject; rua=mailto:dmarc@$AUDIT_DOMAIN"
_mta-sts.sts IN TXT "v=STSv1; id=20261203T1"
; good.$AUDIT_DOMAIN: the clean case: one MX, the STARTTLS listener, DANE-EE + DANE-TA
good        IN MX   10 mx-good.$AUDIT_DOMAIN.
good        IN TXT  "v=spf1 mx -all"
_dmarc.good IN TXT  "v=DMARC1; p=reject; rua=mailto:dmarc@good.$AUDIT_DOMAIN"
_smtp._tls.good IN TXT "v=TLSRPTv1; rua=mailto:tls@good.$AUDIT_DOMAIN"
mx-good     IN A    $AUDIT_PUB.${AUDIT_MX1A##*.}
_25._tcp.mx-good IN TLSA 3 1 1 $spki
_25._tcp.mx-good IN TLSA 2 0 1 $ca
EOF
  sign_audit_zones "$D" "$N"
  # PTR: mx1's two addresses confirm forward (mx1 -> both); $AUDIT_MX2 names a host with no A.
  local rev
  rev=$(echo "$AUDIT_PUB" | awk -F. '{print $3"."$2"."$1}').in-addr.arpa
  cat >"$N/$rev.zone" <<EOF
; $rev -- generated by rig.sh (PTR records of the audit.test MX addresses)
\$ORIGIN $rev.
\$TTL 300
@           IN SOA  ns.rig.test. hostmaster.rig.test. ( 1 3600 600 86400 300 )
@           IN NS   ns.rig.test.
${AUDIT_MX1A##*.}          IN PTR  mx1.$AUDIT_DOMAIN.
${AUDIT_MX1B##*.}          IN PTR  mx1.$AUDIT_DOMAIN.
${AUDIT_MX2##*.}          IN PTR  unverified.$AUDIT_DOMAIN.
EOF
}

# DNSSEC for the audit (RFC 4033-4035): audit.test is signed (ECDSA P-256, algorithm 13) with a
# KSK that DIR/dnssec/trust-anchor.keys holds as the trust anchor (`mailctl audit
# --trust-anchor`), and three delegated children cover the states a validator reports:
#   expired.audit.test   DS in the parent, but every RRSIG expired two days ago  -> bogus
#   broken.audit.test    DS in the parent for a key the child does not use       -> bogus
#   insecure.audit.test  delegated without DS                                    -> insecure
# Keys are made anew at each start (the zones are too); ldns-keygen/ldns-signzone (ldnsutils).
sign_audit_zones() { # DIR NSD-ZONEDIR
  local D=$1 N=$2 K="$1/dnssec" z ksk zsk now
  rm -rf "$K"; mkdir -p "$K"
  now=$(date -u +%Y%m%d%H%M%S)
  keypair() { # zone -> "KSK ZSK" basenames (in $K)
    local k z2
    k=$(cd "$K" && ldns-keygen -a ECDSAP256SHA256 -k "$1")
    z2=$(cd "$K" && ldns-keygen -a ECDSAP256SHA256 "$1")
    echo "$K/$k $K/$z2"
  }
  child() { # name -> zone file text
    cat <<EOF
\$ORIGIN $1.$AUDIT_DOMAIN.
\$TTL 300
@           IN SOA  ns.$AUDIT_DOMAIN. hostmaster.$AUDIT_DOMAIN. ( 1 3600 600 86400 300 )
@           IN NS   ns.$AUDIT_DOMAIN.
@           IN MX   10 mx-good.$AUDIT_DOMAIN.
@           IN TXT  "v=spf1 mx -all"
_dmarc      IN TXT  "v=DMARC1; p=reject; rua=mailto:dmarc@good.$AUDIT_DOMAIN"
EOF
  }
  for z in expired broken insecure; do
    child "$z" >"$N/$z.$AUDIT_DOMAIN.zone"
    printf '%s IN NS ns.%s.\n' "$z" "$AUDIT_DOMAIN" >>"$N/$AUDIT_DOMAIN.zone"
  done
  # insecure's and expired's own MX publish TLSA records, which an unsigned zone makes
  # worthless and a bogus one makes the MX unusable to DANE senders.
  for z in insecure expired; do
    sed -i "s/^@           IN MX   10 mx-good.$AUDIT_DOMAIN.$/@           IN MX   10 mx/" \
      "$N/$z.$AUDIT_DOMAIN.zone"
    printf 'mx IN A %s\n_25._tcp.mx IN TLSA 3 1 1 %s\n' "$AUDIT_PUB.${AUDIT_MX1A##*.}" "$spki" \
      >>"$N/$z.$AUDIT_DOMAIN.zone"
  done
  # expired: signed with a validity window that ended two days ago.
  read -r ksk zsk <<<"$(keypair "expired.$AUDIT_DOMAIN")"
  ldns-signzone -i "$(date -u -d '10 days ago' +%Y%m%d%H%M%S)" \
    -e "$(date -u -d '2 days ago' +%Y%m%d%H%M%S)" \
    -f "$N/expired.$AUDIT_DOMAIN.zone.signed" "$N/expired.$AUDIT_DOMAIN.zone" "$ksk" "$zsk"
  sed 's/^expired\.'"$AUDIT_DOMAIN"'\.\s\+[0-9]*\s\+IN/expired IN/' "$ksk.ds" >>"$N/$AUDIT_DOMAIN.zone"
  # broken: signed with one key, the parent's DS names another.
  read -r ksk zsk <<<"$(keypair "broken.$AUDIT_DOMAIN")"
  ldns-signzone -i "$(date -u -d '1 day ago' +%Y%m%d%H%M%S)" \
    -f "$N/broken.$AUDIT_DOMAIN.zone.signed" "$N/broken.$AUDIT_DOMAIN.zone" "$ksk" "$zsk"
  read -r ksk zsk <<<"$(keypair "broken.$AUDIT_DOMAIN")"
  sed 's/^broken\.'"$AUDIT_DOMAIN"'\.\s\+[0-9]*\s\+IN/broken IN/' "$ksk.ds" >>"$N/$AUDIT_DOMAIN.zone"
  # insecure: no DS at all (left unsigned).
  # The parent, last (its DS records are in it now).
  read -r ksk zsk <<<"$(keypair "$AUDIT_DOMAIN")"
  ldns-signzone -i "$(date -u -d '1 day ago' +%Y%m%d%H%M%S)" \
    -f "$N/$AUDIT_DOMAIN.zone.signed" "$N/$AUDIT_DOMAIN.zone" "$ksk" "$zsk"
  for z in "$AUDIT_DOMAIN" "expired.$AUDIT_DOMAIN" "broken.$AUDIT_DOMAIN"; do
    mv "$N/$z.zone.signed" "$N/$z.zone"
  done
  # The whole DNSKEY set of audit.test (KSK and ZSK), as `dig DNSKEY audit.test` prints it: with
  # only the KSK, hickory looks for a DS above the anchor (in `test.`, which nobody serves).
  cat "$ksk.key" "$zsk.key" >"$K/trust-anchor.keys"
  chmod 0644 "$K/trust-anchor.keys" "$N"/*.zone
  : "$now"
}

# ---------------------------------------------------------------- dovecot
write_dovecot() {
  local D=$1 V="$1/dovecot" u uid gid
  uid=$(id -u "$MAIL_UID_USER"); gid=$(id -g "$MAIL_UID_USER")
  mkdir -p "$V/run" "$V/state"
  : >"$V/passwd"
  for u in "${USERS[@]}"; do
    printf '%s:{PLAIN}%s:::::\n' "${u%%:*}" "${u#*:}" >>"$V/passwd"
  done
  chmod 0640 "$V/passwd"; chgrp dovecot "$V/passwd"
  cat >"$V/dovecot.conf" <<EOF
# generated by rig.sh
instance_name = mailctl-rig
hostname = $TLS_NAME
base_dir = $V/run
state_dir = $V/state
log_path = $D/log/dovecot.log
info_log_path = $D/log/dovecot.log
debug_log_path = $D/log/dovecot.log
protocols = imap pop3 lmtp
listen = 127.0.0.1, 127.0.0.2
shutdown_clients = yes

ssl = yes
ssl_cert = <$D/tls/server.pem
ssl_key = <$D/tls/server.key
ssl_min_protocol = TLSv1.2
# Ask for (never require) a client certificate, verified against the rig CA: SASL EXTERNAL
# takes the user name from its CN (RFC 4422 App. A).
ssl_ca = <$D/tls/ca.pem
ssl_verify_client_cert = yes
# The rig CA publishes no CRL (Dovecot requires one by default and would then treat every
# client certificate as unverified).
ssl_require_crl = no
auth_ssl_username_from_cert = yes
ssl_cert_username_field = commonName

disable_plaintext_auth = yes
login_trusted_networks =
auth_mechanisms = plain login cram-md5 scram-sha-1 scram-sha-256 oauthbearer xoauth2 external
auth_failure_delay = 0
auth_cache_size = 0
auth_username_format = %Lu
auth_verbose = yes
verbose_proctitle = yes

first_valid_uid = $uid
last_valid_uid = 0
first_valid_gid = $gid
mail_uid = $uid
mail_gid = $gid
mail_location = maildir:$D/mail/%d/%n
mail_fsync = never

# Bearer tokens (RFC 7628 OAUTHBEARER, XOAUTH2) are JWTs validated locally against the HS256
# key in $V/oauth-keys (no token endpoint to run); the user is the token's "sub".
passdb {
  driver = oauth2
  mechanisms = oauthbearer xoauth2
  args = $V/oauth2.conf.ext
}
# EXTERNAL: the user is the CN of a client certificate the rig CA issued; no password.
passdb {
  driver = static
  mechanisms = external
  args = nopassword=y
}
passdb {
  driver = passwd-file
  mechanisms = plain login cram-md5 scram-sha-1 scram-sha-256 none
  args = scheme=PLAIN username_format=%Lu $V/passwd
}
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$D/mail/%d/%n
}

service imap-login {
  inet_listener imap {
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = $IMAPS_PORT
    ssl = yes
  }
  process_min_avail = 1
}
service pop3-login {
  inet_listener pop3 {
    port = $POP3_PORT
  }
  inet_listener pop3s {
    port = $POP3S_PORT
    ssl = yes
  }
  process_min_avail = 1
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
  unix_listener lmtp {
    mode = 0600
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
# No auth penalty: otherwise one failed login (a test of a wrong password) makes every later
# login from 127.0.0.1 wait seconds (Dovecot doc: anvil-auth-penalty mode 0 disables it).
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0600
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
lmtp_add_received_header = no
protocol lmtp {
  postmaster_address = postmaster@$MAIL_DOMAIN
}
EOF
  write_oauth "$D"
  if [ -f "$RIG_SRC/dovecot.local.conf" ]; then
    echo "!include $RIG_SRC/dovecot.local.conf" >>"$V/dovecot.conf"
  fi
  backdate "$V/dovecot.conf" "$V/passwd"
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# A JWT (RFC 7519) signed HS256 with the hex key $2: header.payload.signature.
jwt_hs256() { # payload-json hexkey
  local h p sig
  h=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
  p=$(printf '%s' "$1" | b64url)
  sig=$(printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$2" -binary | b64url)
  printf '%s.%s.%s' "$h" "$p" "$sig"
}

# Dovecot's oauth2 passdb in local-validation mode: the key dict holds the base64 HS256 key under
# <azp>/<alg>/<kid> ("default" for both without azp/kid claims). RIG_OAUTH_TOKEN is valid for
# alice for ten years; RIG_OAUTH_TOKEN_BAD is the same claims signed with another key.
write_oauth() {
  local D=$1 V="$1/dovecot" key bad now claims
  mkdir -p "$V/oauth-keys/default/HS256"
  openssl rand -out "$V/oauth-key.bin" 32
  key=$(od -An -v -tx1 "$V/oauth-key.bin" | tr -d ' \n'); bad=$(openssl rand -hex 32); now=$(date +%s)
  openssl base64 -A -in "$V/oauth-key.bin" >"$V/oauth-keys/default/HS256/default"
  rm -f "$V/oauth-key.bin"
  claims=$(printf '{"sub":"%s","iat":%d,"nbf":%d,"exp":%d}' "${USERS[0]%%:*}" \
    $((now - 60)) $((now - 60)) $((now + 10 * 365 * 86400)))
  jwt_hs256 "$claims" "$key" >"$V/oauth-token"
  jwt_hs256 "$claims" "$bad" >"$V/oauth-token-bad"
  chmod 0640 "$V/oauth-keys/default/HS256/default"; chgrp -R dovecot "$V/oauth-keys"
  chmod 0750 "$V/oauth-keys" "$V/oauth-keys/default" "$V/oauth-keys/default/HS256"
  cat >"$V/oauth2.conf.ext" <<EOF
introspection_mode = local
local_validation_key_dict = fs:posix:prefix=$V/oauth-keys/
username_attribute = sub
EOF
}

# ---------------------------------------------------------------- proxies
# Two dante SOCKS5 servers (no auth; RFC 1929 username against the system account) and two
# tinyproxy HTTP CONNECT proxies (open; Basic auth), all on 127.0.0.1, relaying to loopback only.
# Both daemonise themselves (run_detached waits for the command to return).
# tinyproxy allows CONNECT to the rig's mail ports except LMTP, which tests use for a 403.
write_proxies() {
  local D=$1 X="$1/proxy" n port method
  mkdir -p "$X"
  for n in danted danted-auth; do
    if [ "$n" = danted ]; then port=$SOCKS_PORT method=none; else port=$SOCKS_AUTH_PORT method=username; fi
    cat >"$X/$n.conf" <<EOF
# generated by rig.sh
logoutput: $D/log/$n.log
internal: 127.0.0.1 port = $port
external: 127.0.0.1
clientmethod: none
socksmethod: $method
user.privileged: root
user.unprivileged: nobody
client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }
socks pass { from: 127.0.0.0/8 to: 127.0.0.0/8 command: connect }
socks block { from: 0.0.0.0/0 to: 0.0.0.0/0 }
EOF
  done
  for n in tinyproxy tinyproxy-auth; do
    if [ "$n" = tinyproxy ]; then port=$HTTP_PROXY_PORT; else port=$HTTP_PROXY_AUTH_PORT; fi
    cat >"$X/$n.conf" <<EOF
# generated by rig.sh
User nobody
Group nogroup
Port $port
Listen 127.0.0.1
Timeout 300
LogFile "$D/log/$n.log"
LogLevel Info
PidFile "$D/pids/$n.pid"
MaxClients 200
Allow 127.0.0.1
DisableViaHeader Yes
EOF
    for p in $SMTP_PORT $SUBMISSION_PORT $SMTPS_PORT $IMAP_PORT $IMAPS_PORT $POP3_PORT $POP3S_PORT \
      $HAPROXY_SMTP_PORT $XCLIENT_SMTP_PORT $CCERT_SMTP_PORT; do
      echo "ConnectPort $p" >>"$X/$n.conf"
    done
    [ "$n" = tinyproxy-auth ] && echo "BasicAuth $PROXY_USER $PROXY_PASSWORD" >>"$X/$n.conf"
    touch "$D/log/$n.log"; chown nobody "$D/log/$n.log"
  done
  chmod 0644 "$X"/*.conf
}

# Commands that speak a protocol on stdin/stdout (mailctl --pipe): Postfix's sendmail -bs (an
# smtpd in stand-alone mode, queueing through postdrop) and Dovecot's imap/pop3 pre-authenticated
# as alice (their "Disconnected" line goes to the pipe's stderr). Dovecot's pop3 sends no
# greeting when started this way (IMAP sends PREAUTH), so its wrapper says +OK first, as a
# POP3 server must (RFC 1939 §4).
write_pipes() {
  local D=$1 B="$1/bin" n greet
  mkdir -p "$B"
  printf '#!/bin/sh\nexec /usr/sbin/sendmail -C %s -bs\n' "$D/postfix/etc" >"$B/pipe-smtp"
  for n in imap pop3; do
    greet=""
    [ "$n" = pop3 ] && greet="printf '+OK rig pop3 pre-authenticated as ${USERS[0]%%:*}\\r\\n'"
    cat >"$B/pipe-$n" <<EOF
#!/bin/sh
$greet
exec /usr/lib/dovecot/$n -c $D/dovecot/dovecot.conf -u ${USERS[0]%%:*}
EOF
  done
  chmod 0755 "$B"/pipe-*
}

# ---------------------------------------------------------------- postfix
write_postfix() {
  local D=$1 P="$1/postfix" u
  mkdir -p "$P/etc" "$P/spool" "$P/data"
  : >"$P/etc/vmailbox"
  for u in "${USERS[@]}"; do
    printf '%s %s/%s/\n' "${u%%:*}" "$MAIL_DOMAIN" "${u%%@*}" >>"$P/etc/vmailbox"
  done
  cat >"$P/etc/main.cf" <<EOF
# generated by rig.sh -- private Postfix instance, never relays off-box
compatibility_level = 3.6
config_directory = $P/etc
queue_directory = $P/spool
data_directory = $P/data
mail_owner = postfix
setgid_group = postdrop
syslog_name = postfix-rig
maillog_file = $D/log/postfix.log
maillog_file_prefixes = $D/log
import_environment = MAIL_CONFIG MAIL_DEBUG MAIL_LOGTAG TZ LANG=C

# 127.0.0.2 is not an interface address, so it cannot go in inet_interfaces;
# master.cf binds the smtpd services to both loopback addresses explicitly.
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = $TLS_NAME
mydomain = $MAIL_DOMAIN
myorigin = \$myhostname
mydestination =
mynetworks = 127.0.0.255/32
relayhost =
relay_domains =
local_recipient_maps =
# "nomail" is a pipe(8) transport that always fails permanently (EX_UNAVAILABLE):
# authenticated relay is accepted and then bounced locally. (A transport named
# "error" would make smtpd reject at RCPT time; error(8) refuses other names.)
local_transport = nomail:rig has no local delivery
default_transport = nomail:rig has no outbound mail
relay_transport = nomail:rig has no outbound mail
# never add/rewrite headers (Message-ID, Date, From, To) -- keep bodies exact
local_header_rewrite_clients =
remote_header_rewrite_domain =
always_add_missing_headers = no
alias_maps =
alias_database =
biff = no
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
lmtp_host_lookup = native

virtual_mailbox_domains = $MAIL_DOMAIN
virtual_mailbox_maps = texthash:$P/etc/vmailbox
virtual_transport = lmtp:inet:127.0.0.1:$LMTP_PORT
virtual_mailbox_limit = 0
mailbox_size_limit = 0
message_size_limit = 60000000

smtpd_banner = \$myhostname ESMTP mailctl-rig
smtputf8_enable = yes
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions =
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = $D/dovecot/run/auth-postfix
smtpd_sasl_security_options = noanonymous
smtpd_sasl_tls_security_options = noanonymous
smtpd_tls_auth_only = yes
smtpd_tls_security_level = may
smtpd_tls_chain_files = $D/tls/server.key, $D/tls/server.pem
smtpd_tls_loglevel = 1
smtpd_tls_received_header = no
smtpd_tls_session_cache_database =
smtp_tls_security_level = none

# no throttling (tests + load benchmarks)
smtpd_error_sleep_time = 0
smtpd_soft_error_limit = 1000
smtpd_hard_error_limit = 1000
smtpd_junk_command_limit = 1000
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
smtpd_client_message_rate_limit = 0
smtpd_client_recipient_rate_limit = 0
smtpd_client_new_tls_session_rate_limit = 0
smtpd_client_auth_rate_limit = 0
in_flow_delay = 0
default_process_limit = 100
smtpd_timeout = 300s
queue_run_delay = 10s
minimal_backoff_time = 10s
maximal_backoff_time = 60s
lmtp_destination_concurrency_limit = 20
lmtp_destination_recipient_limit = 50
EOF
  cat >"$P/etc/master.cf" <<EOF
# generated by rig.sh -- chroot column is n everywhere
# service          type  private unpriv chroot wakeup maxproc command
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
nomail    unix  -       n       n       -       -       pipe
  flags=q user=nobody argv=/bin/sh -c {echo "5.7.1 rig has no outbound mail"; exit 69}
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
  local ip
  for ip in 127.0.0.1 127.0.0.2; do
    cat >>"$P/etc/master.cf" <<EOF
$ip:$SMTP_PORT inet n - n - - smtpd
$ip:$SUBMISSION_PORT inet n - n - - smtpd
  -o syslog_name=postfix-rig/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
$ip:$SMTPS_PORT inet n - n - - smtpd
  -o syslog_name=postfix-rig/smtps
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
EOF
  done
  cat >>"$P/etc/master.cf" <<EOF
127.0.0.1:$EXPIRING_SMTPS_PORT inet n - n - - smtpd
  -o syslog_name=postfix-rig/smtps-expiring
  -o smtpd_tls_wrappermode=yes
  -o smtpd_tls_chain_files=$D/tls/expiring.key,$D/tls/expiring.pem
127.0.0.1:$HAPROXY_SMTP_PORT inet n - n - - smtpd
  -o syslog_name=postfix-rig/haproxy
  -o smtpd_upstream_proxy_protocol=haproxy
127.0.0.1:$XCLIENT_SMTP_PORT inet n - n - - smtpd
  -o syslog_name=postfix-rig/xclient
  -o smtpd_authorized_xclient_hosts=127.0.0.0/8
127.0.0.1:$CCERT_SMTP_PORT inet n - n - - smtpd
  -o syslog_name=postfix-rig/ccert
  -o smtpd_tls_security_level=may
  -o smtpd_tls_ask_ccert=yes
  -o smtpd_tls_CAfile=$D/tls/ca.pem
  -o smtpd_tls_fingerprint_digest=sha256
  -o relay_clientcerts=texthash:$P/etc/relay_clientcerts
  -o smtpd_relay_restrictions=permit_tls_clientcerts,reject_unauth_destination
  -o smtpd_tls_received_header=yes
$AUDIT_MX1A:$SMTP_PORT inet n - n - - smtpd
  -o syslog_name=postfix-rig/audit-mx1a
  -o myhostname=mx1.$AUDIT_DOMAIN
  -o smtpd_tls_security_level=may
  -o smtpd_tls_chain_files=$D/tls/audit.key,$D/tls/audit.pem,$D/tls/ca.pem
  -o smtpd_tls_protocols=>=TLSv1.2
  -o smtpd_tls_mandatory_protocols=>=TLSv1.2
$AUDIT_MX1B:$SMTP_PORT inet n - n - - smtpd
  -o syslog_name=postfix-rig/audit-mx1b
  -o myhostname=mx1.$AUDIT_DOMAIN
  -o smtpd_tls_security_level=none
$AUDIT_MX2:$SMTP_PORT inet n - n - - smtpd
  -o syslog_name=postfix-rig/audit-mx2
  -o myhostname=mx2.$AUDIT_DOMAIN
  -o smtpd_tls_security_level=may
  -o smtpd_tls_chain_files=$D/tls/wrongname.key,$D/tls/wrongname.pem
EOF
  printf '%s alice@%s\n' "$(client_cert_fp "$D")" "$MAIL_DOMAIN" >"$P/etc/relay_clientcerts"
  chmod 0644 "$P/etc/main.cf" "$P/etc/master.cf" "$P/etc/vmailbox" "$P/etc/relay_clientcerts"
  backdate "$P/etc/main.cf" "$P/etc/master.cf" "$P/etc/vmailbox" "$P/etc"
}

# ---------------------------------------------------------------- start/stop
pidfile_of() { echo "$1/pids/$2.pid"; }

daemon_pid() { # DIR name -> live pid or empty
  local p; p=$(read_pid "$(pidfile_of "$1" "$2")")
  if pid_alive "$p"; then echo "$p"; fi
}

fail_start() { # DIR msg
  local D=$1; shift
  log "$*"
  local f
  for f in "$D"/log/*.log; do
    [ -f "$f" ] || continue
    printf '==== tail %s ====\n' "$f" >&2
    tail -n 25 "$f" >&2
  done
  cmd_stop "$D" >/dev/null 2>&1 || true
  die "start failed"
}

wait_ports() { # DIR
  local D=$1 deadline=$((SECONDS + 20)) p pending
  while :; do
    pending=""
    for p in $SMTP_PORT $SUBMISSION_PORT $SMTPS_PORT $EXPIRING_SMTPS_PORT $LMTP_PORT $IMAP_PORT $IMAPS_PORT $POP3_PORT $POP3S_PORT $DNS_PORT $EXTRA_PORTS; do
      port_open 127.0.0.1 "$p" || pending="$pending 127.0.0.1:$p"
    done
    for p in $SMTP_PORT $IMAP_PORT $POP3_PORT; do
      port_open 127.0.0.2 "$p" || pending="$pending 127.0.0.2:$p"
    done
    for p in "${AUDIT_LISTEN[@]}"; do
      port_open "$p" "$SMTP_PORT" || pending="$pending $p:$SMTP_PORT"
    done
    [ -z "$pending" ] && return 0
    [ "$SECONDS" -ge "$deadline" ] && fail_start "$D" "ports not accepting connections after 20s:$pending"
    sleep 0.05
  done
}

check_ports_free() {
  local p busy=""
  for p in $SMTP_PORT $SUBMISSION_PORT $SMTPS_PORT $EXPIRING_SMTPS_PORT $LMTP_PORT $IMAP_PORT $IMAPS_PORT $POP3_PORT $POP3S_PORT $DNS_PORT $EXTRA_PORTS; do
    port_open 127.0.0.1 "$p" && busy="$busy 127.0.0.1:$p"
  done
  for p in "${AUDIT_LISTEN[@]}"; do
    port_open "$p" "$SMTP_PORT" && busy="$busy $p:$SMTP_PORT"
  done
  [ -z "$busy" ] || die "ports already in use:$busy (another rig running? use 'rig.sh stop OTHERDIR')"
}

check_traversable() { # path user
  runuser -u "$2" -- test -x "$1" ||
    die "$1 is not traversable by user '$2'; all parent directories of DIR need o+x"
}

write_env() {
  local D=$1 tmp="$1/rig.env.tmp"
  cat >"$tmp" <<EOF
RIG_DIR=$D
RIG_CA=$D/tls/ca.pem
RIG_CERT_DIR=$D/tls
RIG_HOST=127.0.0.1
RIG_HOST2=127.0.0.2
RIG_TLS_NAME=$TLS_NAME
RIG_SMTP_PORT=$SMTP_PORT
RIG_SUBMISSION_PORT=$SUBMISSION_PORT
RIG_SMTPS_PORT=$SMTPS_PORT
RIG_EXPIRING_SMTPS_PORT=$EXPIRING_SMTPS_PORT
RIG_LMTP_PORT=$LMTP_PORT
RIG_IMAP_PORT=$IMAP_PORT
RIG_IMAPS_PORT=$IMAPS_PORT
RIG_POP3_PORT=$POP3_PORT
RIG_POP3S_PORT=$POP3S_PORT
RIG_DNS_PORT=$DNS_PORT
RIG_MAILDIR_ROOT=$D/mail
RIG_LOG_DIR=$D/log
RIG_USER=${USERS[0]%%:*}
RIG_PASSWORD=${USERS[0]#*:}
RIG_USER2=${USERS[1]%%:*}
RIG_PASSWORD2=${USERS[1]#*:}
RIG_USER3=${USERS[2]%%:*}
RIG_PASSWORD3=${USERS[2]#*:}
RIG_USER4=${USERS[3]%%:*}
RIG_PASSWORD4=${USERS[3]#*:}
RIG_USER5=${USERS[4]%%:*}
RIG_PASSWORD5=${USERS[4]#*:}
RIG_AUDIT_DOMAIN=$AUDIT_DOMAIN
RIG_AUDIT_MX1A=$AUDIT_MX1A
RIG_AUDIT_MX1B=$AUDIT_MX1B
RIG_AUDIT_MX2=$AUDIT_MX2
RIG_AUDIT_DEAD=$AUDIT_DEAD
RIG_AUDIT_PUB=$AUDIT_PUB
RIG_TRUST_ANCHOR=$D/dnssec/trust-anchor.keys
RIG_AUDIT_CERT=$D/tls/audit.pem
RIG_SOCKS_PORT=$SOCKS_PORT
RIG_SOCKS_AUTH_PORT=$SOCKS_AUTH_PORT
RIG_HTTP_PROXY_PORT=$HTTP_PROXY_PORT
RIG_HTTP_PROXY_AUTH_PORT=$HTTP_PROXY_AUTH_PORT
RIG_HTTP_PROXY_DENIED_PORT=$LMTP_PORT
RIG_PROXY_USER=$PROXY_USER
RIG_PROXY_PASSWORD=$PROXY_PASSWORD
RIG_HAPROXY_SMTP_PORT=$HAPROXY_SMTP_PORT
RIG_XCLIENT_SMTP_PORT=$XCLIENT_SMTP_PORT
RIG_CCERT_SMTP_PORT=$CCERT_SMTP_PORT
RIG_CLIENT_CERT=$D/tls/client.pem
RIG_CLIENT_KEY=$D/tls/client.key
RIG_CLIENT_CERT_FP=$(client_cert_fp "$D")
RIG_OAUTH_TOKEN=$(cat "$D/dovecot/oauth-token")
RIG_OAUTH_TOKEN_BAD=$(cat "$D/dovecot/oauth-token-bad")
RIG_PIPE_SMTP=$D/bin/pipe-smtp
RIG_PIPE_IMAP=$D/bin/pipe-imap
RIG_PIPE_POP3=$D/bin/pipe-pop3
RIG_LMTP_SOCKET=$D/dovecot/run/lmtp
RIG_WKD_PORT=$WKD_PORT
RIG_GNUPGHOME=$D/gnupg
$(bash "$RIG_SRC/cyrus.sh" env "$D")
$(pgp_env "$D")
RIG_CONFIG_HASH=$(config_hash)
EOF
  mv "$tmp" "$D/rig.env"
}

pgp_env() { # DIR -> RIG_PGP_<NAME>_KEY / _FPR lines
  local k name up
  for k in "${PGP_KEYS[@]}"; do
    name=${k%%|*} up=$(echo "$name" | tr a-z A-Z)
    printf 'RIG_PGP_%s_KEY=%s\nRIG_PGP_%s_FPR=%s\n' "$up" "$1/gnupg/$name.asc" "$up" "$(cat "$1/gnupg/$name.fpr")"
  done
}

# Postfix commands log fatal errors only to syslog (absent here) unless stderr
# is a tty, so run them under script(1) to capture the messages in a log file.
postfix_diag() { # DIR postfix-subcommand
  local D=$1
  script -qec "postfix -c $D/postfix/etc $2" /dev/null </dev/null >>"$D/log/postfix-setup.log" 2>&1
}

wait_pidfile() { # DIR name source-pidfile: copy daemon's own pid file to DIR/pids/name.pid
  local D=$1 n=$2 src=$3 p deadline=$((SECONDS + 10))
  while :; do
    p=$(read_pid "$src")
    if pid_alive "$p"; then
      [ "$src" = "$D/pids/$n.pid" ] || echo "$p" >"$D/pids/$n.pid"
      return 0
    fi
    [ "$SECONDS" -ge "$deadline" ] && fail_start "$D" "$n: no live pid in $src after 10s"
    sleep 0.05
  done
}

cmd_start() {
  need_root
  local D; D=$(abs_dir "${1:-}")
  case $D in *[[:space:]]*|*=*|*\'*|*\"*) die "DIR must not contain spaces, quotes or '='";; esac
  [ ${#D} -le 80 ] || die "DIR path too long (${#D} > 80 chars; unix socket paths are limited)"
  for b in "${REQUIRED_BINS[@]:0:7}"; do [ -x "$b" ] || die "$b missing; run 'rig.sh install' first"; done
  getent passwd "$MAIL_UID_USER" >/dev/null || ensure_mail_user

  # restart semantics: stop whatever this DIR already runs
  local n
  for n in "${DAEMONS[@]}"; do
    if [ -n "$(daemon_pid "$D" "$n")" ]; then cmd_stop "$D" >/dev/null; break; fi
  done
  check_ports_free

  chmod o+x "$D"
  mkdir -p "$D/pids" "$D/log" "$D/mail/$MAIL_DOMAIN"
  rm -f "$D/rig.env" "$D"/pids/*.pid
  chown -R "$MAIL_UID_USER:$MAIL_UID_USER" "$D/mail"
  chmod 0755 "$D/mail" "$D/log"
  local u
  for u in "${USERS[@]}"; do # pre-create Maildirs so tests can watch new/ at once
    u=${u%%:*}
    install -d -o "$MAIL_UID_USER" -g "$MAIL_UID_USER" -m 0700 \
      "$D/mail/$MAIL_DOMAIN/${u%%@*}" "$D/mail/$MAIL_DOMAIN/${u%%@*}/cur" \
      "$D/mail/$MAIL_DOMAIN/${u%%@*}/new" "$D/mail/$MAIL_DOMAIN/${u%%@*}/tmp"
  done
  check_traversable "$D/mail/$MAIL_DOMAIN" "$MAIL_UID_USER"
  check_traversable "$D/log" postfix

  gen_certs "$D/tls"
  gen_expiring_cert "$D/tls"
  gen_audit_cert "$D/tls"
  gen_client_cert "$D/tls"
  gen_wkd_cert "$D/tls"
  gen_pgp_keys "$D"
  write_nsd "$D"
  write_dovecot "$D"
  write_postfix "$D"
  write_proxies "$D"
  write_pipes "$D"
  write_wkd "$D"
  # postlogd opens the log as root; make sure it exists with sane perms
  touch "$D/log/postfix.log" "$D/log/dovecot.log" "$D/log/nsd.log"

  # --- nsd
  nsd-checkconf "$D/nsd/nsd.conf" >/dev/null 2>"$D/log/nsd.checkconf" ||
    fail_start "$D" "nsd-checkconf failed: $(cat "$D/log/nsd.checkconf")"
  run_detached "$D/log/nsd.log" nsd -c "$D/nsd/nsd.conf" ||
    fail_start "$D" "nsd failed to start"
  wait_pidfile "$D" nsd "$D/pids/nsd.pid"

  # --- dovecot
  run_detached "$D/log/dovecot.log" dovecot -c "$D/dovecot/dovecot.conf" ||
    fail_start "$D" "dovecot failed to start"
  wait_pidfile "$D" dovecot "$D/dovecot/run/master.pid"

  # --- postfix
  local P="$D/postfix"
  if [ ! -e "$P/spool/.rig-initialised" ]; then
    postfix_diag "$D" set-permissions || fail_start "$D" "postfix set-permissions failed"
    postfix_diag "$D" check || fail_start "$D" "postfix check failed"
    touch "$P/spool/.rig-initialised"
  fi
  touch "$P/spool/quick-start" # skip the slow postfix-script integrity checks
  if ! run_detached "$D/log/postfix-start.log" postfix -c "$P/etc" start; then
    postfix_diag "$D" check || true
    fail_start "$D" "postfix failed to start"
  fi
  wait_pidfile "$D" postfix "$P/spool/pid/master.pid"

  # --- proxies
  getent passwd "$PROXY_USER" >/dev/null || ensure_proxy_user
  for n in danted danted-auth; do
    run_detached "$D/log/$n.out" danted -D -f "$D/proxy/$n.conf" -p "$D/pids/$n.pid" ||
      fail_start "$D" "$n failed to start"
    wait_pidfile "$D" "$n" "$D/pids/$n.pid"
  done
  for n in tinyproxy tinyproxy-auth; do
    run_detached "$D/log/$n.out" tinyproxy -c "$D/proxy/$n.conf" ||
      fail_start "$D" "$n failed to start"
    wait_pidfile "$D" "$n" "$D/pids/$n.pid"
  done

  # --- nginx (the WKD)
  touch "$D/log/nginx-wkd.log"
  run_detached "$D/log/nginx-wkd.out" nginx -p "$D/wkd" -c "$D/wkd/nginx.conf" -e "$D/log/nginx-wkd.log" ||
    fail_start "$D" "nginx (WKD) failed to start"
  wait_pidfile "$D" nginx-wkd "$D/pids/nginx-wkd.pid"

  # --- Cyrus (JMAP); EmailSubmission goes out through the rig's Postfix, so after it.
  # fd 9 (the machine-wide rig lock) closed: Cyrus's master would otherwise hold it for its
  # whole life, and every later rig.sh start/stop/ensure would wait on it forever.
  CYRUS_SMTP=127.0.0.1:$SMTP_PORT bash "$RIG_SRC/cyrus.sh" start "$D" "$D/tls" </dev/null 9>&- >>"$D/log/cyrus-start.log" 2>&1 ||
    fail_start "$D" "cyrus failed to start (log/cyrus-start.log)"
  wait_pidfile "$D" cyrus "$D/cyrus/run/master.pid"

  wait_ports "$D"
  for n in "${DAEMONS[@]}"; do
    [ -n "$(daemon_pid "$D" "$n")" ] || fail_start "$D" "$n died after start"
  done
  write_env "$D"
  log "rig running in $D (env: $D/rig.env)"
}

cmd_stop() { # TERM every recorded master at once, wait <= 5 s for them and their children, then KILL
  local D; [ -n "${1:-}" ] || die "DIR argument required"
  [ -d "$1" ] || { echo "nothing to stop"; return 0; }
  D=$(cd "$1" && pwd -P)
  local n pid all="" c i alive
  for n in postfix dovecot nsd danted danted-auth tinyproxy tinyproxy-auth nginx-wkd cyrus; do
    pid=$(read_pid "$(pidfile_of "$D" "$n")")
    if pid_alive "$pid"; then
      all="$all $pid $(descendants "$pid" | tr '\n' ' ')"
      kill -TERM "$pid" 2>/dev/null || true
      echo "stopping $n ($pid)"
    fi
  done
  for i in $(seq 100); do
    alive=""
    for c in $all; do pid_alive "$c" && alive="$alive $c"; done
    [ -z "$alive" ] && break
    sleep 0.05
  done
  for c in $alive; do
    log "pid $c did not exit after 5s, sending KILL"
    kill -KILL "$c" 2>/dev/null || true
  done
  for n in postfix dovecot nsd danted danted-auth tinyproxy tinyproxy-auth nginx-wkd cyrus; do rm -f "$(pidfile_of "$D" "$n")"; done
  rm -f "$D/postfix/spool/pid/master.pid" "$D/dovecot/run/master.pid"
}

cmd_status() {
  local D; [ -n "${1:-}" ] || die "DIR argument required"
  [ -d "$1" ] || die "no such dir $1"
  D=$(cd "$1" && pwd -P)
  local n p rc=0
  for n in "${DAEMONS[@]}"; do
    p=$(daemon_pid "$D" "$n")
    if [ -n "$p" ]; then echo "$n running (pid $p)"; else echo "$n stopped"; rc=3; fi
  done
  return $rc
}

# Serialise start/stop/ensure machine-wide (the ports are fixed). fd 9 is closed
# in the daemons by run_detached, so the lock is released when we exit.
take_lock() {
  mkdir -p /run/lock
  exec 9>>/run/lock/mailctl-rig.lock
  flock -w 60 9 || die "could not get /run/lock/mailctl-rig.lock within 60s"
}

# Fingerprint of everything `start` builds the configuration from (this script, the zones,
# dovecot.local.conf): contents and zone names only, so identical checkouts agree.
config_hash() {
  local f
  {
    cat "$RIG_SRC/rig.sh"
    for f in "$RIG_SRC"/zones/*.zone ${RIG_EXTRA_ZONES:+"$RIG_EXTRA_ZONES"/*.zone} \
      "$RIG_SRC/dovecot.local.conf" "$RIG_SRC/cyrus.sh"; do
      [ -f "$f" ] || continue
      printf '\n== %s\n' "$(basename "$f")"; cat "$f"
    done
  } | sha256sum | cut -d' ' -f1
}

# ensure DIR: start only if the rig in DIR is not already fully up with the current
# configuration (RIG_CONFIG_HASH in rig.env; a rig started by an older rig.sh has none, or
# another one, and is restarted).
cmd_ensure() {
  need_root
  local D n up=1; D=$(abs_dir "${1:-}")
  for n in "${DAEMONS[@]}"; do [ -n "$(daemon_pid "$D" "$n")" ] || up=0; done
  if [ "$up" = 1 ] && [ -s "$D/rig.env" ]; then
    if grep -qx "RIG_CONFIG_HASH=$(config_hash)" "$D/rig.env"; then
      log "rig already running in $D"; return 0
    fi
    log "rig in $D was started with another configuration; restarting it"
  fi
  cmd_start "$D"
}

case "${1:-}" in
  install) cmd_install ;;
  start) shift; take_lock; cmd_start "${1:-}" ;;
  ensure) shift; take_lock; cmd_ensure "${1:-}" ;;
  stop) shift; take_lock; cmd_stop "${1:-}" ;;
  status) shift; cmd_status "${1:-}" ;;
  *) echo "usage: $0 {install|start DIR|ensure DIR|stop DIR|status DIR}" >&2; exit 2 ;;
esac
