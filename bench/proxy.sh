#!/usr/bin/env bash
# What --proxy costs: one full STARTTLS + AUTH PLAIN send session on the rig's submission port,
# direct vs through the rig's dante SOCKS5 proxy (socks5://, no auth), interleaved.
# One command: `bash bench/proxy.sh`.
#
# Target: the proxy adds <= 1 ms to the median session (wall clock, process start to exit).
# The SOCKS5 exchange itself is also shown from mailctl's own --json timings (`proxy` phase:
# hello, method, CONNECT and dante's reply, which includes dante's own connect to Postfix).
#
# Env knobs: N (default 40 sessions each), BENCH_REV (build that commit, as bench/smtp.sh),
#            MAILCTL (use this binary instead of building one: e.g. target/debug/mailctl for a
#            quick check on a busy machine; debug numbers are not the release ones),
#            RIG_DIR (default /tmp/mailctl-rig), BENCH_OUT (default /tmp/mailctl-bench).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
RIG_DIR=${RIG_DIR:-/tmp/mailctl-rig}
OUT=${BENCH_OUT:-/tmp/mailctl-bench}
N=${N:-40}

mkdir -p "$OUT"
command -v python3 >/dev/null || install_missing python3

if [ -n "${MAILCTL:-}" ]; then
  [ -x "$MAILCTL" ] || die "MAILCTL=$MAILCTL is not an executable"
  REV="$(git -C "$ROOT" rev-parse --short HEAD) (given binary $MAILCTL)"
else
  build_mailctl
fi

use_rig
[ -n "${RIG_SOCKS_PORT:-}" ] || die "the rig has no RIG_SOCKS_PORT (dante): update tests/rig and restart it"

export MAILCTL_BENCH_PW=$RIG_PASSWORD
# The same session both ways; through the proxy the target is resolved here (an IP literal)
# and the proxy is asked for the address, so the only difference is the SOCKS5 hop.
SEND="$MAILCTL smtp send -s $RIG_HOST:$RIG_SUBMISSION_PORT --starttls --ca-file $RIG_CA \
  --sni $RIG_TLS_NAME --user $RIG_USER --password-env MAILCTL_BENCH_PW --auth plain \
  --from $RIG_USER --to $RIG_USER2 --color never"
VIA="--proxy socks5://$RIG_HOST:$RIG_SOCKS_PORT"

$SEND -q >/dev/null || die "direct send failed: $SEND -q"
# shellcheck disable=SC2086
$SEND $VIA -q >/dev/null || die "send through the proxy failed: $SEND $VIA -q"

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
RES="$OUT/proxy.jsonl"
: >"$RES"

log "STARTTLS+AUTH PLAIN session, via SOCKS5 vs direct, interleaved, n=$N each"
python3 "$BENCH/interleave.py" --name proxy --n "$N" --warmup 3 --json "$RES" \
  "socks5=$SEND $VIA -q" "direct=$SEND -q" >/dev/null

log "mailctl's own timings through the proxy (--json), n=$N"
# shellcheck disable=SC2086
PHASES=$(python3 "$BENCH/phases.py" --n "$N" -- $SEND $VIA --json)

python3 - "$RES" <<'EOF'
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])][-1]
print()
print("%-8s %4s %9s %9s %9s %9s" % ("route", "n", "median", "p90", "min", "max"))
print("-" * 54)
for label, s in r["stats"].items():
    print("%-8s %4d %7.2fms %7.2fms %7.2fms %7.2fms"
          % (label, r["n"], s["median_ms"], s["p90_ms"], s["min_ms"], s["max_ms"]))
added = r["stats"]["socks5"]["median_ms"] - r["stats"]["direct"]["median_ms"]
print("-" * 54)
print("added by the proxy (median socks5 - median direct): %+.2f ms" % added)
print("target: added <= 1 ms  %s" % ("MET" if added <= 1.0 else "MISSED"))
EOF
echo
echo "mailctl's per-phase timings through the proxy (proxy = the SOCKS5 exchange):"
echo "$PHASES"
echo
echo "mailctl $REV; $(danted -v 2>&1 | head -1); postfix $(/usr/sbin/postconf -d -h mail_version)"
echo "$(nproc) CPUs; load average before: $LOAD0, after: $(cut -d' ' -f1-3 /proc/loadavg) (other load skews everything)"
echo "raw per-run times: $RES"
