#!/usr/bin/env bash
# mailctl retrieval benchmark against the real-server rig (tests/rig), one command:
#   bash bench/fetch.sh
# (1) POP3S RETR of one ~100 MiB message: mailctl vs curl (output on disk, then on tmpfs)
# (2) IMAPS FETCH BODY[] of the same message: mailctl (--full) vs curl
# (3) IMAPS header table of 10,000 messages: mailctl vs Python imaplib (curl cannot: its
#     custom-request mode aborts on the literals in FETCH responses, exit 56)
# Wall time (interleaved, bench/interleave.py), throughput, peak RSS (/usr/bin/time %M of every
# run), sha256 of the retrieved message against the fixture.
#
# Env knobs: BENCH_REV (build this commit from `git archive` instead of the working tree),
#            N_BIG (default 9), N_HDR (default 15), RIG_DIR (default /tmp/mailctl-rig),
#            BENCH_OUT (default /tmp/mailctl-bench; outputs go to $BENCH_OUT/fetch),
#            PYTHON (default /usr/bin/python3: the system Python, no pyenv shim start-up).
#
# Fixtures (bench/fetch_fixtures.py, idempotent): bob's Maildir++ folders .bench100m (the big
# message) and .bench10k (10,000 small ones), plus one copy of the big message in bob's INBOX
# for POP3 (which sees only INBOX). Nothing is ever deleted; carol (POP3 tests) and alice are
# not touched.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
RIG_DIR=${RIG_DIR:-/tmp/mailctl-rig}
OUT=${BENCH_OUT:-/tmp/mailctl-bench}/fetch
N_BIG=${N_BIG:-9}
N_HDR=${N_HDR:-15}
PY=${PYTHON:-/usr/bin/python3}

mkdir -p "$OUT"

# ---------------------------------------------------------------- prerequisites
need=()
[ -x "$PY" ] || need+=(python3)
command -v curl >/dev/null || need+=(curl)
[ -x /usr/bin/time ] || need+=(time)
install_missing "${need[@]}"
[ -x "$PY" ] || PY=$(command -v python3)
if ! command -v /usr/sbin/dovecot >/dev/null; then
  log "installing rig packages"
  bash "$ROOT/tests/rig/rig.sh" install
fi

build_mailctl

use_rig
CA=$RIG_CA
HOST=$RIG_HOST
TLSN=$RIG_TLS_NAME
USER2=$RIG_USER2
export MAILCTL_BENCH_PW=$RIG_PASSWORD2

# ---------------------------------------------------------------- fixtures
log "fixtures (idempotent; ~5 s the first time)"
eval "$("$PY" "$BENCH/fetch_fixtures.py" "$RIG_MAILDIR_ROOT/rig.test" mailctl-rig)"
[ -n "${BIG_VSIZE:-}" ] || die "fixture script printed no BIG_VSIZE"

POP="-s $HOST:$RIG_POP3S_PORT --tls --ca-file $CA --sni $TLSN --user $USER2 --password-env MAILCTL_BENCH_PW"
IMAP="-s $HOST:$RIG_IMAPS_PORT --tls --ca-file $CA --sni $TLSN --user $USER2 --password-env MAILCTL_BENCH_PW"
CURL="curl -s -S --cacert $CA --resolve $TLSN:$RIG_POP3S_PORT:$HOST --resolve $TLSN:$RIG_IMAPS_PORT:$HOST -u $USER2:$RIG_PASSWORD2"

retry() { # retry a command a few times (bob's INBOX may be briefly busy with other tests)
  local i
  for i in 1 2 3 4 5; do "$@" && return 0; sleep 0.5; done
  return 1
}

# POP3 message number of the big message in bob's INBOX: the one with exactly BIG_VSIZE octets.
pop_num() {
  "$MAILCTL" --json pop3 list $POP | tail -1 | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
n = [m["msg"] for m in d.get("messages", []) if m["size"] == int(sys.argv[1])]
print(n[0] if len(n) == 1 else "")' "$BIG_VSIZE"
}
N=$(retry pop_num) || die "mailctl pop3 list failed"
[ -n "$N" ] || die "no unique ${BIG_VSIZE}-octet message in $USER2's INBOX"
UID100=$("$MAILCTL" --json imap fetch bench100m 1 $IMAP | tail -1 |
  "$PY" -c 'import json,sys; print(json.load(sys.stdin)["messages"][0]["uid"])') ||
  die "mailctl imap fetch bench100m failed"

# Let Dovecot index/cache the 10k folder before timing (the first FETCH reads 10,000 files).
for _ in 1 2; do "$MAILCTL" -q imap fetch bench10k '1:*' $IMAP >/dev/null; done

log "POP3 msg $N and IMAP bench100m UID $UID100: $BIG_VSIZE octets as served (CRLF)"

# ---------------------------------------------------------------- runs
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
RES="$OUT/results.jsonl"
: >"$RES"
rm -f "$OUT"/rss-*.txt
T="/usr/bin/time -a -f %M -o $OUT/rss"   # appends peak RSS (KiB) of every run, warm-ups included

# Each 100 MiB run twice: output files on the real disk ($OUT, ext4 here: mailctl fsyncs and
# renames its file, curl does neither) and on tmpfs (/dev/shm: fsync is free), which isolates
# the transfer itself.
SHM=/dev/shm/mailctl-bench-fetch
mkdir -p "$SHM"
for FS in disk tmpfs; do
  D=$OUT; [ "$FS" = tmpfs ] && D=$SHM
  log "(1/$FS) POP3S RETR $N, ~100 MiB, interleaved, n=$N_BIG each"
  "$PY" "$BENCH/interleave.py" --name "pop3-retr-100m-$FS" --n "$N_BIG" --warmup 1 --json "$RES" \
    "mailctl=$T-pop3-retr-100m-$FS-mailctl.txt $MAILCTL -q pop3 retr $N $POP -o $D/pop3-mailctl.eml --force" \
    "curl=$T-pop3-retr-100m-$FS-curl.txt $CURL pop3s://$TLSN:$RIG_POP3S_PORT/$N -o $D/pop3-curl.eml" >/dev/null
  log "(2/$FS) IMAPS FETCH BODY[] ~100 MiB, interleaved, n=$N_BIG each"
  "$PY" "$BENCH/interleave.py" --name "imap-fetch-100m-$FS" --n "$N_BIG" --warmup 1 --json "$RES" \
    "mailctl=$T-imap-fetch-100m-$FS-mailctl.txt $MAILCTL -q imap fetch bench100m $UID100 --uid --full -o $D/imap-mailctl --force $IMAP" \
    "curl=$T-imap-fetch-100m-$FS-curl.txt $CURL imaps://$TLSN:$RIG_IMAPS_PORT/bench100m;UID=$UID100 -o $D/imap-curl.eml" >/dev/null
done

log "(3) IMAPS header table of 10,000 messages, interleaved, n=$N_HDR each"
"$PY" "$BENCH/interleave.py" --name imap-headers-10k --n "$N_HDR" --warmup 2 --json "$RES" \
  "mailctl=$T-imap-headers-10k-mailctl.txt $MAILCTL -q imap fetch bench10k 1:* $IMAP" \
  "python-imaplib=$T-imap-headers-10k-python-imaplib.txt $PY $BENCH/fetch_imaplib.py $HOST $RIG_IMAPS_PORT $CA $USER2 bench10k" \
  >/dev/null
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

# mailctl's own phase timings for one run of each (where the time goes)
# (summary line only, trimmed to timings and the number of header rows)
trim() { "$PY" -c 'import json,sys; d=json.loads(sys.stdin.readlines()[-1]); print(json.dumps({"timings_ms": d["timings_ms"], "total_ms": d["total_ms"], "rows": len(d.get("messages") or [])}))'; }
PH_POP=$("$MAILCTL" --json pop3 retr "$N" $POP -o "$OUT/pop3-mailctl.eml" --force | trim)
PH_IMAP=$("$MAILCTL" --json imap fetch bench100m "$UID100" --uid --full -o "$OUT/imap-mailctl" --force $IMAP | trim)
PH_HDR=$("$MAILCTL" --json imap fetch bench10k '1:*' $IMAP | trim)
HDR_ROWS_M=$(printf '%s' "$PH_HDR" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["rows"])')
HDR_ROWS_P=$("$PY" "$BENCH/fetch_imaplib.py" "$HOST" "$RIG_IMAPS_PORT" "$CA" "$USER2" bench10k | wc -l)

# ---------------------------------------------------------------- report
SUMS=$(sha256sum "$OUT/pop3-mailctl.eml" "$OUT/pop3-curl.eml" "$OUT/imap-mailctl/$UID100.eml" "$OUT/imap-curl.eml" \
  "$SHM/pop3-mailctl.eml" "$SHM/pop3-curl.eml" "$SHM/imap-mailctl/$UID100.eml" "$SHM/imap-curl.eml")
rm -rf "$SHM"   # 400 MB of RAM
"$PY" - "$RES" "$OUT" "$BIG_VSIZE" "$BIG_SHA256" "$HDR_ROWS_M" "$HDR_ROWS_P" "$SUMS" \
  "$PH_POP" "$PH_IMAP" "$PH_HDR" <<'EOF'
import json, os, statistics, sys
res, out, vsize, sha = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
rows_m, rows_p, sums = int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
phases = [json.loads(x) for x in sys.argv[8:11]]
rows = [json.loads(l) for l in open(res)]
def rss(name, label):
    xs = [int(l) for l in open(os.path.join(out, "rss-%s-%s.txt" % (name, label)))
          if l.strip().isdigit()]
    return statistics.median(xs) / 1024, max(xs) / 1024
print()
print("%-22s %-15s %3s %9s %9s %9s %8s %11s %10s" % ("bench", "tool", "n", "median", "p90", "min",
      "MB/s", "RSS med/max", ""))
print("-" * 101)
verdict = {}
for r in rows:
    big = "100m" in r["name"]
    for label, s in r["stats"].items():
        med_rss, max_rss = rss(r["name"], label)
        mbs = "%8.1f" % (vsize / 1e6 / (s["median_ms"] / 1000)) if big else "%8s" % "-"
        print("%-22s %-15s %3d %7.0fms %7.0fms %7.0fms %s %5.1f/%4.1f MiB"
              % (r["name"], label, r["n"], s["median_ms"], s["p90_ms"], s["min_ms"], mbs,
                 med_rss, max_rss))
        if label == "mailctl":
            verdict[r["name"]] = (r["ratio_median"], max_rss)
    print("%-22s %-15s     %9.3f %9.3f   (time ratio; < 1 = mailctl faster)"
          % (r["name"], "ratio " + r["ratio_label"], r["ratio_median"], r["ratio_p90"]))
    print("-" * 101)
ok_sha = all(l.split()[0] == sha for l in sums.splitlines())
print("sha256 of all eight retrieved copies == fixture (CRLF form, %d octets): %s"
      % (vsize, "yes" if ok_sha else "NO\n" + sums))
print("header rows: mailctl %d, python-imaplib %d" % (rows_m, rows_p))
for name in ("pop3-retr-100m-disk", "pop3-retr-100m-tmpfs", "imap-fetch-100m-disk", "imap-fetch-100m-tmpfs"):
    if name in verdict:
        ratio, mx = verdict[name]
        print("target %-22s throughput >= curl (time ratio <= 1.00): %-6s (%.3f); peak RSS <= 32 MiB: %s (%.1f MiB)"
              % (name, "MET" if ratio <= 1.0 else "MISSED", ratio, "MET" if mx <= 32 else "MISSED", mx))
if "imap-headers-10k" in verdict:
    ratio, mx = verdict["imap-headers-10k"]
    print("target %-22s peak RSS <= 32 MiB: %s (%.1f MiB); time vs python-imaplib %.3f"
          % ("imap-headers-10k", "MET" if mx <= 32 else "MISSED", mx, ratio))
print()
print("mailctl --json timings_ms, one run each:")
for name, p in zip(("pop3 retr", "imap fetch --full", "imap fetch 10k"), phases):
    t = " ".join("%s %.1f" % kv for kv in p["timings_ms"].items())
    print("  %-18s %s | total %.1f ms" % (name, t, p["total_ms"]))
EOF
echo
echo "mailctl $REV ($MAILCTL); $(curl --version | head -1 | cut -d' ' -f1-5)"
echo "$("$PY" --version) ($PY); dovecot $(/usr/sbin/dovecot --version)"
echo "$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/{print $2}') GiB RAM, kernel $(uname -r)"
echo "load average before: $LOAD0, after: $LOAD1 (other load skews everything)"
echo "raw per-run times: $RES; peak RSS per run (KiB): $OUT/rss-*.txt"
