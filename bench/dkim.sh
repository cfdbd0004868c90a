#!/usr/bin/env bash
# mailctl DKIM verification benchmark, one command:
#   bash bench/dkim.sh                  # build the working tree
#   BENCH_REV=HEAD bash bench/dkim.sh   # build a committed revision (git archive snapshot)
# A Maildir of N_MSG (10,000) messages signed by dkimpy (RSA-2048 x3 selectors, Ed25519 x2,
# ~4.2 KB each, LF line ends) is generated once under $BENCH_OUT/dkim (bench/dkim_gen.py).
# The keys are served on loopback by bench/dkim_server.py (stdlib, UDP+TCP, no delay). Then:
#  (a) correctness: one `mailctl dkim verify DIR --json` run must report every message pass
#      and ask each selector's key once; one dkimpy run must verify every message;
#  (b) wall time, interleaved (bench/interleave.py), n=N_RUNS each:
#      `mailctl dkim verify DIR --nameserver 127.0.0.1:PORT -q` vs bench/dkim_py.py (dkimpy,
#      one process, keys from a dict); every run must exit 0 (i.e. all pass);
#  (c) peak RSS of each (/usr/bin/time -f %M), and `/usr/bin/time -v` user+sys vs wall of
#      mailctl (core usage), and mailctl's own total_ms.
# Targets: mailctl >= 20,000 messages/s, and >= 15x dkimpy's messages/s.
# Installs python3-dkim python3-nacl time openssl if missing. Env knobs: N_MSG (10000),
# N_RUNS (5), DNS_ADDR (127.0.0.1), BENCH_OUT (/tmp/mailctl-bench), BENCH_REV, PYTHON
# (/usr/bin/python3: Debian's, the one with python3-dkim).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
OUT=${BENCH_OUT:-/tmp/mailctl-bench}/dkim
N_MSG=${N_MSG:-10000}
N_RUNS=${N_RUNS:-5}
ADDR=${DNS_ADDR:-127.0.0.1}
PY=${PYTHON:-/usr/bin/python3}

mkdir -p "$OUT"
case "$ADDR" in 127.*) ;; *) die "DNS_ADDR must be a loopback address (127.0.0.0/8)" ;; esac

# ---------------------------------------------------------------- prerequisites
need=()
"$PY" -c 'import dkim' 2>/dev/null || need+=(python3-dkim)
"$PY" -c 'import nacl.signing' 2>/dev/null || need+=(python3-nacl)
[ -x /usr/bin/time ] || need+=(time)
command -v openssl >/dev/null || need+=(openssl)
install_missing "${need[@]}"

build_mailctl
T_MEASURE=$SECONDS

# ---------------------------------------------------------------- corpus, server
"$PY" "$BENCH/dkim_gen.py" --out "$OUT" --n "$N_MSG"
MD="$OUT/maildir"
rm -f "$OUT/ready" "$OUT/queries.log"
"$PY" "$BENCH/dkim_server.py" --keys "$OUT/keys.json" --addr "$ADDR" --port 0 \
  --log "$OUT/queries.log" --ready "$OUT/ready" 2>"$OUT/server.err" &
SERVER_PID=$!
stop_server() {
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
    log "server (pid $SERVER_PID) stopped"
  fi
}
trap stop_server EXIT
for _ in $(seq 100); do [ -s "$OUT/ready" ] && break; sleep 0.05; done
[ -s "$OUT/ready" ] || { cat "$OUT/server.err" >&2; die "DNS server did not start"; }
PORT=$(cat "$OUT/ready")
log "DNS server pid $SERVER_PID on $ADDR:$PORT udp+tcp (keys: $(tr -d '\n' <"$OUT/keys.json" | grep -o '"[a-z0-9]*":' | tr -d '":\n' | sed 's/ /,/g'))"

MC=("$MAILCTL" dkim verify "$MD" --nameserver "$ADDR:$PORT")
PYV=("$PY" "$BENCH/dkim_py.py" --keys "$OUT/keys.json" "$MD")

# ---------------------------------------------------------------- (a) correctness
log "(a) correctness: mailctl --json, dkimpy"
: >"$OUT/queries.log"
set +e
"${MC[@]}" --json >"$OUT/mailctl.jsonl" 2>"$OUT/mailctl.err"; RC=$?
set -e
sleep 0.2
cp "$OUT/queries.log" "$OUT/queries-one-run.log"
"$PY" - "$OUT/mailctl.jsonl" "$RC" "$N_MSG" "$OUT/queries-one-run.log" <<'EOF' || die "mailctl did not verify every message as pass (see $OUT/mailctl.jsonl)"
import collections, json, sys
path, rc, n, qlog = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
res, sigs, summary = collections.Counter(), collections.Counter(), None
for line in open(path):
    try:
        e = json.loads(line)
    except ValueError:
        continue
    if e.get("type") == "summary":
        summary = e
        for m in e.get("messages", []):
            res[m.get("result")] += 1
            for s in m["signatures"]:
                sigs[(s.get("s"), s.get("a"), s.get("result"))] += 1
qs = collections.Counter(l.split()[2] for l in open(qlog) if l.strip())
print("mailctl: exit %d, message results %s" % (rc, dict(res)))
print("mailctl: signatures by (s, a, result): %s" % dict(sorted(sigs.items())))
print("server saw %d questions: %s" % (sum(qs.values()), dict(qs)))
if summary:
    print("mailctl summary: %s; counts %s; total_ms %s" % (summary.get("detail"), summary.get("counts"), summary.get("total_ms")))
ok = rc == 0 and res.get("pass", 0) == n and sum(res.values()) == n
dup = [q for q, c in qs.items() if c > 1]
if dup:
    print("NOTE: asked more than once: %s" % dup)
sys.exit(0 if ok else 1)
EOF
"${PYV[@]}" >"$OUT/dkimpy.txt" || { cat "$OUT/dkimpy.txt" >&2; die "dkimpy did not verify every message"; }
log "dkimpy: $(cat "$OUT/dkimpy.txt")"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
RES="$OUT/results.jsonl"
: >"$RES"

# ---------------------------------------------------------------- (b) wall time
log "(b) mailctl vs dkimpy, interleaved, n=$N_RUNS"
"$PY" "$BENCH/interleave.py" --name dkim-verify --n "$N_RUNS" --warmup 1 --json "$RES" \
  "mailctl=${MC[*]} -q" "dkimpy=${PYV[*]}" >/dev/null

# ---------------------------------------------------------------- (c) RSS, cores
log "(c) peak RSS and core usage"
rm -f "$OUT/rss-mailctl.txt" "$OUT/rss-dkimpy.txt"
for _ in 1 2 3; do /usr/bin/time -a -o "$OUT/rss-mailctl.txt" -f %M "${MC[@]}" -q >/dev/null; done
/usr/bin/time -a -o "$OUT/rss-dkimpy.txt" -f %M "${PYV[@]}" >/dev/null
/usr/bin/time -v -o "$OUT/time-v-mailctl.txt" "${MC[@]}" -q >/dev/null
"${MC[@]}" --json | grep '"type":"summary"' >"$OUT/mailctl-summary.json" || true
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
stop_server
trap - EXIT

# ---------------------------------------------------------------- report
"$PY" - "$RES" "$N_MSG" "$OUT" <<'EOF'
import json, re, sys
res = {}
for line in open(sys.argv[1]):
    r = json.loads(line); res[r["name"]] = r
n, out = int(sys.argv[2]), sys.argv[3]
r = res["dkim-verify"]
print("\n== DKIM verify of %d messages (Maildir), interleaved, n=%d each" % (n, r["n"]))
rate = {}
for k, s in r["stats"].items():
    rate[k] = n / (s["median_ms"] / 1000.0)
    print("  %-8s median %9.1f ms  p90 %9.1f  min %9.1f  max %9.1f   -> %8.0f msgs/s (median), %8.0f (p90)"
          % (k, s["median_ms"], s["p90_ms"], s["min_ms"], s["max_ms"], rate[k], n / (s["p90_ms"] / 1000.0)))
speed = rate["mailctl"] / rate["dkimpy"]
print("  speed-up mailctl vs dkimpy (msgs/s, medians): %.1fx   (p90: %.1fx)" % (speed, 1 / r["ratio_p90"]))
rss = lambda f: [int(x) for x in open(f).read().split()]
rm, rp = rss(out + "/rss-mailctl.txt"), rss(out + "/rss-dkimpy.txt")
print("  peak RSS: mailctl %s KiB (max %.1f MiB), dkimpy %s KiB (%.1f MiB)" % (rm, max(rm) / 1024, rp, max(rp) / 1024))
tv = open(out + "/time-v-mailctl.txt").read()
g = lambda k: re.search(re.escape(k) + r": (.*)", tv).group(1).strip()
wall = g("Elapsed (wall clock) time (h:mm:ss or m:ss)")
m, s = wall.split(":")[-2:]
wall_s = float(m) * 60 + float(s)
us = float(g("User time (seconds)")) + float(g("System time (seconds)"))
print("  mailctl /usr/bin/time -v: user %s s + sys %s s over wall %.2f s = %.2f cores busy; CPU %s; ctx switches vol %s invol %s"
      % (g("User time (seconds)"), g("System time (seconds)"), wall_s, us / wall_s if wall_s else 0,
         g("Percent of CPU this job got"), g("Voluntary context switches"), g("Involuntary context switches")))
try:
    sm = json.load(open(out + "/mailctl-summary.json"))
    print("  mailctl --json (separate run) total_ms %s, timings_ms %s" % (sm.get("total_ms"), sm.get("timings_ms")))
except Exception:
    pass
print("\nTARGET >= 20,000 msgs/s: %s (%.0f)" % ("MET" if rate["mailctl"] >= 20000 else "MISSED", rate["mailctl"]))
print("TARGET >= 15x dkimpy:     %s (%.1fx)" % ("MET" if speed >= 15 else "MISSED", speed))
EOF
echo
echo "== versions / machine"
echo "mailctl $REV ($MAILCTL); dkimpy $(dpkg-query -W -f '${Version}' python3-dkim 2>/dev/null) (python3-dkim), python3-nacl $(dpkg-query -W -f '${Version}' python3-nacl 2>/dev/null); python $("$PY" -c 'import platform; print(platform.python_version())')"
echo "nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); RAM $(free -g | awk '/Mem:/{print $2}') GiB; kernel $(uname -r)"
echo "load avg before: $LOAD_BEFORE; after: $LOAD_AFTER"
echo "corpus + server + measurements took $((SECONDS - T_MEASURE)) s (build and installs before that: $T_MEASURE s)"
echo "outputs: $OUT (results.jsonl, mailctl.jsonl, queries-one-run.log, rss-*.txt, time-v-mailctl.txt)"
