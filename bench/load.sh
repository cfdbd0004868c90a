#!/usr/bin/env bash
# mailctl load mode (`smtp send --count`) vs Postfix's smtp-source, one command:
#   bash bench/load.sh                  # build the working tree
#   BENCH_REV=HEAD bash bench/load.sh   # build a committed revision (git archive snapshot)
# Server: Postfix's smtp-sink on a loopback high port (takes every message, throws it away).
#  (a) correctness: mailctl (--json) and smtp-source each send N_CHECK messages to a dumping
#      smtp-sink (-d): the sink must hold exactly N_CHECK messages from each, and mailctl's
#      summary must count N_CHECK accepted;
#  (b) throughput, interleaved (bench/interleave.py), n=N_RUNS each: N_MSG messages, CONC
#      sessions at once, a new session per message, the same message size (mailctl --size is set
#      to the exact size of smtp-source's message for -l SIZE): mailctl, smtp-source, and
#      mailctl --no-pipelining (one command per round trip, as smtp-source speaks);
#  (c) peak RSS (/usr/bin/time -f %M) and CPU seconds (user+sys) of each;
#  (d) STARTTLS: smtp-sink cannot do TLS, so a private Postfix smtpd (STARTTLS with the rig's
#      certificate) hands every transaction to smtp-sink through smtpd_proxy_filter (nothing is
#      queued or delivered); mailctl with STARTTLS (verifying the certificate) and without, N_TLS
#      messages, CONC sessions, interleaved.
# Targets: mailctl >= 1.0x smtp-source messages/s, peak RSS <= 50 MB.
# Installs postfix (smtp-sink/smtp-source), python3, time if missing. Env knobs: N_MSG (20000),
# CONC (20), SIZE (1024, smtp-source -l), N_RUNS (5), N_CHECK (500), N_TLS (3000),
# BENCH_OUT (/tmp/mailctl-bench), BENCH_REV, RIG_DIR (/tmp/mailctl-rig: its CA and certificate).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
OUT=${BENCH_OUT:-/tmp/mailctl-bench}/load
N_MSG=${N_MSG:-20000}
CONC=${CONC:-20}
SIZE=${SIZE:-1024}
N_RUNS=${N_RUNS:-5}
N_CHECK=${N_CHECK:-500}
N_TLS=${N_TLS:-3000}
RIG_DIR=${RIG_DIR:-/tmp/mailctl-rig}
SINK=/usr/sbin/smtp-sink
SOURCE=/usr/sbin/smtp-source

mkdir -p "$OUT"

# ---------------------------------------------------------------- prerequisites
need=()
command -v python3 >/dev/null || need+=(python3)
[ -x /usr/bin/time ] || need+=(time)
install_missing "${need[@]}"
if [ ! -x "$SINK" ] || [ ! -x "$SOURCE" ]; then
  log "installing the rig packages (postfix brings smtp-sink and smtp-source)"
  bash "$ROOT/tests/rig/rig.sh" install >&2
fi

build_mailctl
T_MEASURE=$SECONDS

# ---------------------------------------------------------------- servers
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SINK_USER=()
[ "$(id -u)" = 0 ] && SINK_USER=(-u nobody) # smtp-sink refuses to run as root without -u
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -f "$OUT/postfix/etc/main.cf" ]; then postfix -c "$OUT/postfix/etc" stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

start_sink() { # PORT [options...]: start smtp-sink on 127.0.0.1:PORT, wait until it listens
  local port=$1; shift
  "$SINK" "${SINK_USER[@]}" "$@" "127.0.0.1:$port" 1024 >"$OUT/sink-$port.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do
    python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null && return 0
    sleep 0.05
  done
  cat "$OUT/sink-$port.log" >&2
  die "smtp-sink did not start on port $port"
}

count_dumps() { find "$1" -type f | wc -l; }

# ---------------------------------------------------------------- (a) correctness, and the message size
log "(a) correctness: $N_CHECK messages each into a dumping smtp-sink"
DUMP="$OUT/dump"
rm -rf "$DUMP" && mkdir -p "$DUMP/source" "$DUMP/mailctl" && chmod -R 777 "$DUMP"
P_SRC=$(free_port); start_sink "$P_SRC" -d "$DUMP/source/%H%M%S."
"$SOURCE" -s "$CONC" -m "$N_CHECK" -l "$SIZE" -f load@example.org -t sink@example.org -M bench.example "127.0.0.1:$P_SRC" ||
  die "smtp-source failed"
sleep 0.5
[ "$(count_dumps "$DUMP/source")" = "$N_CHECK" ] || die "smtp-sink holds $(count_dumps "$DUMP/source") messages from smtp-source, not $N_CHECK"
# The message smtp-source sends, as on the wire: smtp-sink's dump without its own 8 header lines
# (X-Client-Addr .. the 3-line Received:) and its trailing empty line, LF -> CRLF.
MSG_BYTES=$(python3 - "$(find "$DUMP/source" -type f | head -1)" <<'EOF'
import sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
i = next(k for k, l in enumerate(lines) if l.startswith(b"Received:")) + 3
msg = lines[i:]
while msg and msg[-1] == b"":
    msg.pop()
print(sum(len(l) + 2 for l in msg))
EOF
)
log "smtp-source -l $SIZE sends messages of $MSG_BYTES bytes (headers + payload); mailctl uses --size $MSG_BYTES"
P_MC=$(free_port); start_sink "$P_MC" -d "$DUMP/mailctl/%H%M%S."
"$MAILCTL" --json smtp send -s "127.0.0.1:$P_MC" --from load@example.org --to sink@example.org \
  --helo bench.example --count "$N_CHECK" --concurrency "$CONC" --size "$MSG_BYTES" >"$OUT/check.jsonl" ||
  die "mailctl load run failed (see $OUT/check.jsonl)"
sleep 0.5
python3 - "$OUT/check.jsonl" "$N_CHECK" "$(count_dumps "$DUMP/mailctl")" <<'EOF' || die "mailctl's summary and smtp-sink disagree"
import json, sys
s = json.loads(open(sys.argv[1]).read().splitlines()[-1])
n, dumped = int(sys.argv[2]), int(sys.argv[3])
m = s["load"]["messages"]
print("mailctl: exit %s, messages %s, sessions %s; smtp-sink holds %d" % (s["exit_code"], m, s["load"]["sessions"], dumped), file=sys.stderr)
sys.exit(0 if s["exit_code"] == 0 and m["accepted"] == n == dumped else 1)
EOF
python3 - "$DUMP/mailctl" "$MSG_BYTES" <<'EOF' || die "mailctl's messages are not all distinct and of the right size"
import os, sys
d, want = sys.argv[1], int(sys.argv[2])
ids, sizes = set(), set()
for f in os.listdir(d):
    lines = open(os.path.join(d, f), "rb").read().split(b"\n")
    i = next(k for k, l in enumerate(lines) if l.startswith(b"Received:")) + 3
    msg = lines[i:]
    while msg and msg[-1] == b"":
        msg.pop()
    sizes.add(sum(len(l) + 2 for l in msg))
    ids.add(next(l for l in msg if l.lower().startswith(b"message-id:")))
print("mailctl messages: %d files, %d distinct Message-IDs, sizes %s" % (len(os.listdir(d)), len(ids), sorted(sizes)), file=sys.stderr)
sys.exit(0 if len(ids) == len(os.listdir(d)) and sizes == {want} else 1)
EOF

# ---------------------------------------------------------------- (b) throughput
P=$(free_port); start_sink "$P"
MC="$MAILCTL -q smtp send -s 127.0.0.1:$P --from load@example.org --to sink@example.org --helo bench.example --count $N_MSG --concurrency $CONC --size $MSG_BYTES"
SRC_CMD="$SOURCE -s $CONC -m $N_MSG -l $SIZE -f load@example.org -t sink@example.org -M bench.example 127.0.0.1:$P"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
RES="$OUT/results.jsonl"
: >"$RES"
log "(b) $N_MSG messages of $MSG_BYTES bytes, $CONC sessions at once, new session per message; interleaved n=$N_RUNS"
python3 "$BENCH/interleave.py" --name load --n "$N_RUNS" --warmup 1 --json "$RES" \
  "mailctl=$MC" "smtp-source=$SRC_CMD" "mailctl --no-pipelining=$MC --no-pipelining" >/dev/null

# ---------------------------------------------------------------- (c) RSS, CPU
log "(c) peak RSS and CPU"
rm -f "$OUT"/rss-*.txt
for _ in 1 2 3; do
  /usr/bin/time -a -o "$OUT/rss-mailctl.txt" -f '%M %U %S %e' $MC >/dev/null
  /usr/bin/time -a -o "$OUT/rss-source.txt" -f '%M %U %S %e' $SRC_CMD >/dev/null
done
"$MAILCTL" --json smtp send -s "127.0.0.1:$P" --from load@example.org --to sink@example.org --helo bench.example \
  --count "$N_MSG" --concurrency "$CONC" --size "$MSG_BYTES" | tail -1 >"$OUT/mailctl-summary.json"

# ---------------------------------------------------------------- (d) STARTTLS through a private Postfix smtpd
TLS_NOTE=""
if [ -r "$RIG_DIR/tls/server.pem" ] && [ -r "$RIG_DIR/tls/ca.pem" ] && [ "$(id -u)" = 0 ]; then
  log "(d) STARTTLS: private Postfix smtpd -> smtpd_proxy_filter -> smtp-sink"
  PF="$OUT/postfix"
  P_PROXY=$(free_port); start_sink "$P_PROXY"
  P_TLS=$(free_port)
  postfix -c "$PF/etc" stop >/dev/null 2>&1 || true
  rm -rf "$PF" && mkdir -p "$PF/etc" "$PF/spool" "$PF/data"
  cat >"$PF/etc/main.cf" <<EOF
# bench/load.sh: a private smtpd that queues nothing (every transaction goes to smtp-sink)
compatibility_level = 3.6
config_directory = $PF/etc
queue_directory = $PF/spool
data_directory = $PF/data
mail_owner = postfix
setgid_group = postdrop
syslog_name = postfix-bench
maillog_file = $OUT/postfix.log
maillog_file_prefixes = $OUT
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mail.rig.test
mydestination =
mynetworks = 127.0.0.0/8
relay_domains = example.org
local_recipient_maps =
alias_maps =
alias_database =
smtpd_relay_restrictions = reject_unauth_destination
smtpd_recipient_restrictions =
smtpd_peername_lookup = no
smtpd_tls_security_level = may
smtpd_tls_chain_files = $RIG_DIR/tls/server.key, $RIG_DIR/tls/server.pem
smtpd_tls_received_header = no
smtpd_proxy_filter = 127.0.0.1:$P_PROXY
smtpd_proxy_timeout = 30s
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
smtpd_client_message_rate_limit = 0
smtpd_client_new_tls_session_rate_limit = 0
smtpd_error_sleep_time = 0
in_flow_delay = 0
default_process_limit = 200
max_use = 100000
EOF
  cat >"$PF/etc/master.cf" <<EOF
127.0.0.1:$P_TLS inet n - n - $((CONC + 5)) smtpd
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
proxymap  unix  -       -       n       -       -       proxymap
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
  # Postfix reports fatal errors only to syslog unless stderr is a terminal: run it under script.
  pf() { script -qec "postfix -c $PF/etc $1" /dev/null </dev/null >>"$OUT/postfix-setup.log" 2>&1; }
  : >"$OUT/postfix-setup.log"
  pf set-permissions || true
  pf check || true
  touch "$PF/spool/quick-start"
  if pf start; then
    for _ in $(seq 100); do
      python3 -c "import socket; socket.create_connection(('127.0.0.1',$P_TLS),0.2)" 2>/dev/null && break
      sleep 0.05
    done
    TLSC="$MAILCTL -q smtp send -s 127.0.0.1:$P_TLS --from load@example.org --to sink@example.org --helo bench.example --count $N_TLS --concurrency $CONC --size $MSG_BYTES"
    $TLSC --starttls --ca-file "$RIG_DIR/tls/ca.pem" --sni mail.rig.test >/dev/null ||
      die "mailctl STARTTLS load run through the private smtpd failed"
    python3 "$BENCH/interleave.py" --name starttls --n 3 --warmup 1 --json "$RES" \
      "mailctl --starttls=$TLSC --starttls --ca-file $RIG_DIR/tls/ca.pem --sni mail.rig.test" \
      "mailctl plaintext=$TLSC" >/dev/null
    rm -f "$OUT/rss-tls.txt"
    /usr/bin/time -o "$OUT/rss-tls.txt" -f '%M %U %S %e' $TLSC --starttls --ca-file "$RIG_DIR/tls/ca.pem" --sni mail.rig.test >/dev/null
    "$MAILCTL" --json smtp send -s "127.0.0.1:$P_TLS" --from load@example.org --to sink@example.org --helo bench.example \
      --count "$N_TLS" --concurrency "$CONC" --size "$MSG_BYTES" --starttls --ca-file "$RIG_DIR/tls/ca.pem" --sni mail.rig.test |
      tail -1 >"$OUT/tls-summary.json"
    postfix -c "$PF/etc" stop >/dev/null 2>&1 || true
  else
    TLS_NOTE="(d) skipped: the private Postfix did not start (see $OUT/postfix-setup.log)"
  fi
else
  TLS_NOTE="(d) skipped: needs root and the rig's certificate in $RIG_DIR/tls (bash tests/rig/rig.sh ensure $RIG_DIR)"
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- report
python3 - "$RES" "$N_MSG" "$N_TLS" "$OUT" <<'EOF'
import json, os, sys
res = {}
for line in open(sys.argv[1]):
    r = json.loads(line); res[r["name"]] = r
n, n_tls, out = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
r = res["load"]
print("\n== %d messages, new session per message, interleaved n=%d each (wall time per run)" % (n, r["n"]))
rate = {}
for k, s in r["stats"].items():
    rate[k] = n / (s["median_ms"] / 1000.0)
    print("  %-24s median %8.1f ms  min %8.1f  max %8.1f   -> %7.0f messages/s (median run)"
          % (k, s["median_ms"], s["min_ms"], s["max_ms"], rate[k]))
ratio = rate["mailctl"] / rate["smtp-source"]
ratio_np = rate["mailctl --no-pipelining"] / rate["smtp-source"]
print("  mailctl / smtp-source messages/s (medians): %.2fx   (--no-pipelining: %.2fx)" % (ratio, ratio_np))
def rows(f):
    return [l.split() for l in open(f) if l.strip()]
rss = {}
for label, f in (("mailctl", "rss-mailctl.txt"), ("smtp-source", "rss-source.txt")):
    rs = rows(os.path.join(out, f))
    rss[label] = max(int(x[0]) for x in rs)
    cpu = [float(x[1]) + float(x[2]) for x in rs]
    print("  %-12s peak RSS %s KiB (max %.1f MiB); CPU user+sys per run %s s -> %.1f us/message"
          % (label, [int(x[0]) for x in rs], rss[label] / 1024, ["%.2f" % c for c in cpu], min(cpu) / n * 1e6))
try:
    s = json.load(open(os.path.join(out, "mailctl-summary.json")))
    l = s["load"]
    lat = l["latency_ms"]
    print("  mailctl --json (separate run): %s messages/s; latency ms p50/p99: %s" % (l["messages_per_s"],
          ", ".join("%s %s/%s" % (k, v["p50"], v["p99"]) for k, v in lat.items() if v["n"])))
except Exception as e:
    print("  (no mailctl summary: %s)" % e)
if "starttls" in res:
    t = res["starttls"]
    print("\n== STARTTLS through a private Postfix smtpd (proxy filter to smtp-sink), %d messages, interleaved n=%d" % (n_tls, t["n"]))
    for k, s in t["stats"].items():
        print("  %-20s median %8.1f ms -> %6.0f messages/s" % (k, s["median_ms"], n_tls / (s["median_ms"] / 1000.0)))
    try:
        x = rows(os.path.join(out, "rss-tls.txt"))[0]
        print("  mailctl --starttls: peak RSS %.1f MiB, CPU user+sys %.2f s over %s s wall -> %.0f us/message"
              % (int(x[0]) / 1024, float(x[1]) + float(x[2]), x[3], (float(x[1]) + float(x[2])) / n_tls * 1e6))
        s = json.load(open(os.path.join(out, "tls-summary.json")))
        lat = s["load"]["latency_ms"]
        print("  mailctl --starttls --json: %s messages/s; latency ms p50/p99: %s" % (s["load"]["messages_per_s"],
              ", ".join("%s %s/%s" % (k, v["p50"], v["p99"]) for k, v in lat.items() if v["n"])))
    except Exception as e:
        print("  (no STARTTLS details: %s)" % e)
print("\nTARGET >= 1.0x smtp-source messages/s: %s (%.2fx)" % ("MET" if ratio >= 1.0 else "MISSED", ratio))
print("TARGET peak RSS <= 50 MB:              %s (%.1f MiB)" % ("MET" if rss["mailctl"] <= 50 * 1024 else "MISSED", rss["mailctl"] / 1024))
EOF
[ -z "$TLS_NOTE" ] || echo "$TLS_NOTE"
echo
echo "== versions / machine"
echo "mailctl $REV ($MAILCTL); postfix $(/usr/sbin/postconf -d -h mail_version 2>/dev/null) (smtp-sink, smtp-source, smtpd)"
echo "nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); kernel $(uname -r)"
echo "load avg before: $LOAD_BEFORE; after: $LOAD_AFTER"
echo "measurements took $((SECONDS - T_MEASURE)) s (build and installs before that: $T_MEASURE s)"
echo "outputs: $OUT (results.jsonl, check.jsonl, rss-*.txt, *-summary.json, dump/)"
