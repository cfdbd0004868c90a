#!/usr/bin/env bash
# mailctl smtp sink vs Postfix's smtp-sink as the receiving end of a load run, one command:
#   bash bench/sink.sh                  # build the working tree
#   BENCH_REV=HEAD bash bench/sink.sh   # build a committed revision (git archive snapshot)
# The client is the same for both: `mailctl smtp send --count N_MSG --concurrency CONC --size 1k`
# (a new session per message, PIPELINING). Each sink runs under /usr/bin/time (peak RSS, CPU),
# counting and discarding: `mailctl -q smtp sink` (no storage flag) and `smtp-sink 127.0.0.1:PORT
# 1024`. Alternated N_RUNS times; reported: the client's messages/s (median), the sink's peak RSS
# and CPU seconds. Correctness: mailctl's sink summary must count every message (--json run).
# Target: mailctl sink >= 1.0x smtp-sink's messages/s.
# Env knobs: N_MSG (20000), CONC (20), N_RUNS (5), BENCH_OUT (/tmp/mailctl-bench), BENCH_REV.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
OUT=${BENCH_OUT:-/tmp/mailctl-bench}/sink
N_MSG=${N_MSG:-20000}
CONC=${CONC:-20}
N_RUNS=${N_RUNS:-5}
SMTP_SINK=/usr/sbin/smtp-sink

mkdir -p "$OUT"
need=()
command -v python3 >/dev/null || need+=(python3)
[ -x /usr/bin/time ] || need+=(time)
install_missing "${need[@]}"
[ -x "$SMTP_SINK" ] || install_missing postfix

build_mailctl

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
  for _ in $(seq 200); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1',$1),0.2)" 2>/dev/null && return 0
    sleep 0.05
  done
  die "nothing listens on port $1"
}
SINK_USER=()
[ "$(id -u)" = 0 ] && SINK_USER=(-u nobody) # smtp-sink refuses to run as root without -u
TIMEPID=""
cleanup() { [ -n "$TIMEPID" ] && kill "$TIMEPID" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

# run_one NAME: start that sink under time(1), drive N_MSG messages into it, stop it (SIGINT to
# the sink itself), append {name, mps, rss_kb, cpu_s} to results.jsonl.
run_one() {
  local name=$1 port
  port=$(free_port)
  case $name in
    mailctl) /usr/bin/time -o "$OUT/time-$name.txt" -f '%M %U %S' \
      "$MAILCTL" -q smtp sink --listen "127.0.0.1:$port" --max-connections 1000 >"$OUT/sink-$name.log" 2>&1 & ;;
    smtp-sink) /usr/bin/time -o "$OUT/time-$name.txt" -f '%M %U %S' \
      "$SMTP_SINK" "${SINK_USER[@]}" "127.0.0.1:$port" 1024 >"$OUT/sink-$name.log" 2>&1 & ;;
  esac
  TIMEPID=$!
  wait_port "$port"
  "$MAILCTL" --json smtp send -s "127.0.0.1:$port" --from load@example.org --to sink@example.org \
    --helo bench.example --count "$N_MSG" --concurrency "$CONC" --size 1k | tail -1 >"$OUT/client-$name.json"
  local child
  child=$(pgrep -P "$TIMEPID" | head -1)
  kill -INT "$child" 2>/dev/null || true
  sleep 0.2
  kill -TERM "$child" 2>/dev/null || true
  wait "$TIMEPID" 2>/dev/null || true
  TIMEPID=""
  python3 - "$name" "$OUT/client-$name.json" "$OUT/time-$name.txt" >>"$OUT/results.jsonl" <<'EOF'
import json, sys
name, client, timef = sys.argv[1:]
s = json.load(open(client))
load = s["load"]
assert load["messages"]["accepted"] == load["count"], load["messages"]
line = [l for l in open(timef) if l[:1].isdigit()][-1].split()
print(json.dumps({"name": name, "mps": load["messages_per_s"], "rss_kb": int(line[0]),
                  "cpu_s": round(float(line[1]) + float(line[2]), 2)}))
EOF
}

log "correctness: $N_MSG messages into mailctl smtp sink --json --max $N_MSG"
port=$(free_port)
"$MAILCTL" --json smtp sink --listen "127.0.0.1:$port" --max "$N_MSG" --max-connections 1000 >"$OUT/check.jsonl" &
SPID=$!
wait_port "$port"
"$MAILCTL" -q smtp send -s "127.0.0.1:$port" --to sink@example.org --count "$N_MSG" --concurrency "$CONC" --size 1k >/dev/null
wait "$SPID"
python3 - "$OUT/check.jsonl" "$N_MSG" <<'EOF' || die "mailctl smtp sink miscounted"
import json, sys
s = json.loads(open(sys.argv[1]).read().splitlines()[-1])
print("mailctl sink: %s messages, %s connections, %s errors, ended by %s" % (s["messages"], s["connections"], s["errors"], s["ended_by"]), file=sys.stderr)
sys.exit(0 if s["messages"] == int(sys.argv[2]) and s["errors"] == 0 else 1)
EOF

: >"$OUT/results.jsonl"
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq "$N_RUNS"); do
  log "run $i/$N_RUNS"
  if [ $((i % 2)) = 1 ]; then run_one mailctl; run_one smtp-sink; else run_one smtp-sink; run_one mailctl; fi
done
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$OUT/results.jsonl" "$REV" "$N_MSG" "$CONC" "$LOAD0" "$LOAD1" <<'EOF'
import json, statistics, sys
res, rev, n, conc, l0, l1 = sys.argv[1:]
rows = [json.loads(l) for l in open(res)]
def med(name, key):
    return statistics.median(r[key] for r in rows if r["name"] == name)
print(f"mailctl {rev}: {n} messages of 1 KiB, {conc} sessions at once, new session per message; loadavg {l0} -> {l1}")
print(f"{'sink':<22}{'messages/s (median)':>20}{'runs':>28}{'peak RSS':>12}{'CPU s':>8}")
for name in ("mailctl", "smtp-sink"):
    runs = ", ".join(f"{r['mps']:.0f}" for r in rows if r["name"] == name)
    label = "mailctl smtp sink" if name == "mailctl" else "Postfix smtp-sink"
    print(f"{label:<22}{med(name, 'mps'):>20.0f}{runs:>28}{med(name, 'rss_kb')/1024:>9.1f} MB{med(name, 'cpu_s'):>8.2f}")
print(f"ratio mailctl/smtp-sink: {med('mailctl', 'mps') / med('smtp-sink', 'mps'):.2f}x (target >= 1.0x)")
EOF
