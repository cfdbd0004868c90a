#!/usr/bin/env bash
# The long fuzzing runs of fuzz/README.md: every target for EXECS executions (default 10 million)
# with inputs up to 64 KiB, then the stream targets (smtp_reply, pop3, imap) again with inputs up
# to 1 MiB for BIG_EXECS executions (default 1 million). One libFuzzer process at a time; each run
# stops at its first crash, hang (-timeout=10 s) or OOM (-rss_limit_mb=2048) and this script then
# fails, naming the input under $FUZZ_WORK/artifacts/.
#
#   bash fuzz/run-all.sh [EXECS] [BIG_EXECS]
#   TARGETS="pop3 imap" bash fuzz/run-all.sh 1000000 0     # some targets, no 1 MiB runs
#   TARGETS="smtp_reply pop3 imap" bash fuzz/run-all.sh 0   # only the 1 MiB runs
#
# Stable Rust is enough: with --sanitizer none cargo-fuzz passes no -Z flag (safe Rust needs no
# AddressSanitizer; overflow checks and debug assertions stay on). Generated corpora, crash
# artifacts and logs go to $FUZZ_WORK (default fuzz/work, git-ignored); the committed seeds in
# fuzz/corpus/<target> are only read. A summary line per run is appended to
# $FUZZ_WORK/summary.tsv, and fuzz/README.md's results table is rewritten from it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
EXECS=${1:-10000000}
BIG_EXECS=${2:-1000000}
WORK=${FUZZ_WORK:-fuzz/work}
# Fastest first.
ALL="spf_record dkim_key pop3 smtp_reply dmarc_record imap mbox dkim_verify proxy mime pgp"
TARGETS=${TARGETS:-$ALL}
STREAMS="smtp_reply pop3 imap"

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
cargo fuzz build --sanitizer none
# Every run uses this one build (`cargo fuzz run` would rebuild whenever src/ changed meanwhile).
BIN="fuzz/target/$(rustc -vV | sed -n 's/^host: //p')/release"

mkdir -p "$WORK/logs"
SUMMARY="$WORK/summary.tsv"
[ -s "$SUMMARY" ] || printf 'target\tmax_len\texecs\twall_s\texec_per_s\tcorpus\tcoverage\tpeak_rss_mb\tresult\n' >"$SUMMARY"

run() { # target max_len runs
  local t=$1 max_len=$2 runs=$3
  # libFuzzer grows inputs slowly from short ones (-len_control=100): left at that, a 1 MiB run
  # of a million executions never gets past a few KiB. The big runs start at full length.
  local len_control=100
  [ "$max_len" -le 65536 ] || len_control=0
  local corpus="$WORK/corpus/$t" log="$WORK/logs/$t-$max_len.log"
  mkdir -p "$corpus" "$WORK/artifacts/$t"
  echo "== $t: $runs executions, max_len $max_len (log: $log)"
  local start end rc=0
  start=$(date +%s)
  "$BIN/$t" "$corpus" "fuzz/corpus/$t" \
    -runs="$runs" -max_len="$max_len" -len_control="$len_control" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$WORK/artifacts/$t/" >"$log" 2>&1 || rc=$?
  end=$(date +%s)
  # libFuzzer's closing line: "#N DONE cov: C ft: F corp: FILES/SIZE lim: … exec/s: R rss: MMb".
  local done_line execs rate rss corp cov result
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  corp=$(sed -n 's/.* corp: \([^ ]*\) .*/\1/p' <<<"$done_line")
  cov=$(sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\) .*/\1 edges, \2 features/p' <<<"$done_line")
  if [ "$rc" = 0 ]; then result=ok; else result="FAILED (exit $rc): $(grep -m1 -E '^==[0-9]+== ERROR|deadly signal|timeout|out-of-memory|panicked' "$log" || true)"; fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$max_len" "${execs:-?}" "$((end - start))" \
    "${rate:-?}" "${corp:-?}" "${cov:-?}" "${rss:-?}" "$result" | tee -a "$SUMMARY"
  if [ "$rc" != 0 ]; then
    tail -40 "$log"
    return 1
  fi
}

failed=0
if [ "$EXECS" != 0 ]; then
  for t in $TARGETS; do
    run "$t" 65536 "$EXECS" || failed=1
  done
fi
if [ "$BIG_EXECS" != 0 ]; then
  for t in $TARGETS; do
    case " $STREAMS " in *" $t "*) run "$t" 1048576 "$BIG_EXECS" || failed=1 ;; esac
  done
fi
python3 fuzz/results.py "$SUMMARY"
exit "$failed"
