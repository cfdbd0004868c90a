#!/usr/bin/env bash
# mailctl DNS benchmark, one command:
#   bash bench/dns.sh
# A Python authoritative server (bench/dns_server.py, dnslib + asyncio) serves the zone
# bench.test on 127.0.0.2:53 UDP+TCP and delays every answer by 50 ms without blocking other
# questions. Then:
#  (a) `mailctl dns check bench.test --selector s1` against it, n=N_MAILCTL, with /bin/true
#      interleaved as the harness floor: median/p90 wall vs (longest dependency chain + 1) x 50 ms;
#  (b) where mailctl's time goes: n=N_EVENTS `--json` runs, queries, waves, serialized lookups
#      (bench/dns_events.py);
#  (c) mailctl vs checkdmarc (PyPI), same server, interleaved (bench/interleave.py), n=N_CMP,
#      plus the Python start-up + `import checkdmarc` floor as a third command;
#  (d) questions each tool asked, counted by the server.
# checkdmarc runs through bench/dns_checkdmarc.py: its CLI with a loopback-only socket guard
# (its MTA-STS policy and BIMI logo/VMC HTTPS fetches would otherwise resolve names through the
# system resolver); every blocked attempt is listed.
#
# Needs root (port 53 on 127.0.0.2: checkdmarc's --nameserver takes no port). Installs
# python3-venv if missing, and dnslib + checkdmarc from PyPI into a venv ($VENV).
# Env knobs: N_MAILCTL (30), N_EVENTS (10), N_CMP (10), DELAY_MS (50), DNS_ADDR (127.0.0.2),
#            VENV (/tmp/mailctl-dns-venv), BENCH_OUT (/tmp/mailctl-bench; outputs in
#            $BENCH_OUT/dns), BENCH_REV (build this commit from `git archive` instead),
#            PYTHON (/usr/bin/python3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
OUT=${BENCH_OUT:-/tmp/mailctl-bench}/dns
N_MAILCTL=${N_MAILCTL:-30}
N_EVENTS=${N_EVENTS:-10}
N_CMP=${N_CMP:-10}
DELAY_MS=${DELAY_MS:-50}
ADDR=${DNS_ADDR:-127.0.0.2}
PORT=53
VENV=${VENV:-/tmp/mailctl-dns-venv}
PY=${PYTHON:-/usr/bin/python3}
CHAIN=4   # longest chain of dependent lookups in bench.test (see dns_events.py EXPECTED, README)

mkdir -p "$OUT"
[ "$(id -u)" = 0 ] || die "needs root (binds $ADDR:53)"
case "$ADDR" in 127.*) ;; *) die "DNS_ADDR must be a loopback address (127.0.0.0/8)" ;; esac

# ---------------------------------------------------------------- prerequisites
need=()
if [ ! -x "$PY" ] || ! "$PY" -c 'import venv, ensurepip' 2>/dev/null; then
  need+=(python3 python3-venv)
fi
command -v openssl >/dev/null || need+=(openssl)
install_missing "${need[@]}"
if ! "$VENV/bin/python" -c 'import dnslib, checkdmarc' 2>/dev/null; then
  log "creating $VENV with dnslib and checkdmarc (PyPI)"
  "$PY" -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check dnslib checkdmarc >&2
fi

build_mailctl
T_MEASURE=$SECONDS

# ---------------------------------------------------------------- DKIM key, server
if [ ! -s "$OUT/dkim-s1.pub" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/dkim-s1.key" 2>/dev/null
  openssl pkey -in "$OUT/dkim-s1.key" -pubout -out "$OUT/dkim-s1.pub"
fi
if command -v ss >/dev/null && ss -Hlnu "src $ADDR:$PORT" | grep -q .; then
  die "$ADDR:$PORT (udp) is already in use"
fi
rm -f "$OUT/ready" "$OUT/queries.log" "$OUT/guard.log"
"$VENV/bin/python" "$BENCH/dns_server.py" --addr "$ADDR" --port "$PORT" --delay-ms "$DELAY_MS" \
  --dkim-pub "$OUT/dkim-s1.pub" --log "$OUT/queries.log" --ready "$OUT/ready" 2>"$OUT/server.err" &
SERVER_PID=$!
stop_server() {
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
    log "server (pid $SERVER_PID) stopped: $(tail -1 "$OUT/server.err")"
  fi
}
trap stop_server EXIT
for _ in $(seq 100); do [ -s "$OUT/ready" ] && break; sleep 0.05; done
[ -s "$OUT/ready" ] || { cat "$OUT/server.err" >&2; die "DNS server did not start"; }
log "DNS server pid $SERVER_PID on $ADDR:$PORT udp+tcp, +$DELAY_MS ms per answer"

MC=("$MAILCTL" dns check bench.test --selector s1 --nameserver "$ADDR:$PORT")
CD=("$VENV/bin/python" "$BENCH/dns_checkdmarc.py" --guard-log "$OUT/guard.log" -n "$ADDR" -t 2 bench.test)
"${MC[@]}" --color never >"$OUT/mailctl-report.txt" ||
  { cat "$OUT/mailctl-report.txt" >&2; die "mailctl dns check of bench.test is not clean (exit $?)"; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
RES="$OUT/results.jsonl"
: >"$RES"
THRESH=$(( (CHAIN + 1) * DELAY_MS ))

# ---------------------------------------------------------------- (a) mailctl vs threshold
log "(a) mailctl dns check, n=$N_MAILCTL (with /bin/true interleaved as the floor)"
"$PY" "$BENCH/interleave.py" --name dns-mailctl --n "$N_MAILCTL" --warmup 3 --json "$RES" \
  "mailctl=${MC[*]} -q" "true=/bin/true" >/dev/null

# ---------------------------------------------------------------- (b) events
log "(b) mailctl --json events, n=$N_EVENTS"
"$PY" "$BENCH/dns_events.py" --n "$N_EVENTS" --delay-ms "$DELAY_MS" --json "$RES" -- "${MC[@]}" --json \
  >"$OUT/events.txt"

# ---------------------------------------------------------------- (c) vs checkdmarc
log "(c) mailctl vs checkdmarc, interleaved, n=$N_CMP (~$(( N_CMP * 5 )) s)"
"$PY" "$BENCH/interleave.py" --name dns-vs-checkdmarc --n "$N_CMP" --warmup 1 --json "$RES" \
  "mailctl=${MC[*]} -q" "checkdmarc=${CD[*]}" \
  "py-import-checkdmarc=$VENV/bin/python -c 'import checkdmarc._cli'" >/dev/null

# ---------------------------------------------------------------- (d) questions per tool
count_q() { : >"$OUT/queries.log"; "$@" >/dev/null; sleep 0.2; wc -l <"$OUT/queries.log"; }
Q_MC=$(count_q "${MC[@]}" -q)
Q_CD=$(count_q "${CD[@]}")
cp "$OUT/queries.log" "$OUT/queries-checkdmarc.log"
"${CD[@]}" >"$OUT/checkdmarc-report.json"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
stop_server
trap - EXIT

# ---------------------------------------------------------------- report
"$PY" - "$RES" "$THRESH" "$CHAIN" "$DELAY_MS" "$Q_MC" "$Q_CD" <<'EOF'
import json, sys
res = {}
for line in open(sys.argv[1]):
    r = json.loads(line); res[r["name"]] = r
thresh, chain, delay, q_mc, q_cd = float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
a = res["dns-mailctl"]["stats"]; ev = res["dns-events"]; c = res["dns-vs-checkdmarc"]
med = lambda xs: sorted(xs)[len(xs) // 2] if len(xs) % 2 else sum(sorted(xs)[len(xs)//2-1:len(xs)//2+1]) / 2
m = a["mailctl"]
print("\n== (a) mailctl dns check bench.test --selector s1, n=%d" % res["dns-mailctl"]["n"])
print("longest chain of dependent lookups: %d  ->  threshold (%d + 1) x %g ms = %g ms" % (chain, chain, delay, thresh))
print("mailctl wall: median %.1f ms, p90 %.1f ms, min %.1f, max %.1f   (/bin/true floor median %.1f ms)"
      % (m["median_ms"], m["p90_ms"], m["min_ms"], m["max_ms"], a["true"]["median_ms"]))
print("TARGET median <= %g ms: %s (p90 %s)" % (thresh, "MET" if m["median_ms"] <= thresh else "MISSED",
      "within" if m["p90_ms"] <= thresh else "over"))
print("\n== (b) events (n=%d): %s distinct questions per run; serial sum median %.1f ms; first question -> last answer median %.1f ms; waves %s; late: %s"
      % (ev["n"], sorted(set(ev["queries"])), med(ev["serial_ms"]), med(ev["span_ms"]), sorted(set(ev["waves"])), ", ".join(ev["late"]) or "none"))
print("\n== (c) same audit vs checkdmarc, interleaved, n=%d" % c["n"])
for k, s in c["stats"].items():
    print("  %-22s median %8.1f ms  p90 %8.1f  min %8.1f  max %8.1f" % (k, s["median_ms"], s["p90_ms"], s["min_ms"], s["max_ms"]))
print("  ratio %s: median %.3f, p90 %.3f" % (c["ratio_label"], c["ratio_median"], c["ratio_p90"]))
print("\n== (d) questions seen by the server in one run: mailctl %d, checkdmarc %d" % (q_mc, q_cd))
EOF
echo
echo "== events (b): run with the median span"
cat "$OUT/events.txt"
echo
echo "== checkdmarc network attempts blocked by the guard (all runs): $(wc -l <"$OUT/guard.log")"
sort "$OUT/guard.log" | uniq -c
echo
echo "== versions / machine"
echo "mailctl $REV; $("$VENV/bin/python" -c 'import importlib.metadata as m; print("; ".join("%s %s" % (p, m.version(p)) for p in ("checkdmarc", "dnslib", "dnspython")))'); venv python $("$VENV/bin/python" -c 'import platform; print(platform.python_version())')"
echo "nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); RAM $(free -g | awk '/Mem:/{print $2}') GiB; kernel $(uname -r)"
echo "load avg before: $LOAD_BEFORE; after: $LOAD_AFTER"
echo "server + measurements took $((SECONDS - T_MEASURE)) s (build and installs before that: $T_MEASURE s)"
echo "outputs: $OUT (results.jsonl, events.txt, queries-checkdmarc.log, checkdmarc-report.json, mailctl-report.txt)"
