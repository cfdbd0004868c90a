#!/usr/bin/env bash
# mailctl vs swaks: start-up time and one full STARTTLS + AUTH PLAIN send session
# against the real-server rig (tests/rig). One command: `bash bench/smtp.sh`.
#
# Env knobs: BENCH_REV (build this commit from `git archive` instead of the working tree),
#            N_STARTUP (default 60), N_SESSION (default 40), N_PHASES (default 30),
#            RIG_DIR (default /tmp/mailctl-rig), BENCH_OUT (default /tmp/mailctl-bench).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
RIG_DIR=${RIG_DIR:-/tmp/mailctl-rig}
OUT=${BENCH_OUT:-/tmp/mailctl-bench}
N_STARTUP=${N_STARTUP:-60}
N_SESSION=${N_SESSION:-40}
N_PHASES=${N_PHASES:-30}

mkdir -p "$OUT"

# ---------------------------------------------------------------- prerequisites
command -v python3 >/dev/null || install_missing python3
if ! command -v swaks >/dev/null || ! command -v /usr/sbin/postfix >/dev/null; then
  log "installing rig packages (postfix, dovecot, swaks, ...)"
  bash "$ROOT/tests/rig/rig.sh" install
fi

build_mailctl

use_rig

SWAKS=$(command -v swaks)
CA=$RIG_CA
HOST=$RIG_HOST
PORT=$RIG_SUBMISSION_PORT
export MAILCTL_BENCH_PW=$RIG_PASSWORD

# Same work for both: connect, EHLO, STARTTLS, verify the server certificate against
# the rig CA, EHLO, AUTH PLAIN as alice, MAIL/RCPT bob/DATA one small message, QUIT.
# (swaks --tls-verify checks the chain only, not the host name; mailctl checks both.)
MAILCTL_SEND="$MAILCTL smtp send -s $HOST:$PORT --starttls --ca-file $CA --sni $RIG_TLS_NAME \
  --user $RIG_USER --password-env MAILCTL_BENCH_PW --auth plain \
  --from $RIG_USER --to $RIG_USER2 --color never"
SWAKS_SEND="$SWAKS --server $HOST --port $PORT --tls --tls-verify --tls-ca-path $CA \
  --tls-sni $RIG_TLS_NAME --auth PLAIN --auth-user $RIG_USER --auth-password $RIG_PASSWORD \
  --from $RIG_USER --to $RIG_USER2 --silent 2"

# Sanity: one run each, must succeed.
"$MAILCTL" --version >/dev/null || die "mailctl --version failed"
$MAILCTL_SEND -q >/dev/null || die "mailctl send failed: $MAILCTL_SEND -q"
$SWAKS_SEND >/dev/null || die "swaks send failed: $SWAKS_SEND"

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
RES="$OUT/results.jsonl"
: >"$RES"

log "(a) start-up: --version, interleaved, n=$N_STARTUP each"
python3 "$BENCH/interleave.py" --name startup --n "$N_STARTUP" --warmup 3 --json "$RES" \
  "mailctl=$MAILCTL --version" "swaks=$SWAKS --version" "floor(/bin/true)=/bin/true" >/dev/null

log "(b) STARTTLS+AUTH PLAIN send session, interleaved, n=$N_SESSION each"
python3 "$BENCH/interleave.py" --name session --n "$N_SESSION" --warmup 3 --json "$RES" \
  "mailctl=$MAILCTL_SEND -q" "swaks=$SWAKS_SEND" >/dev/null

log "(c) mailctl per-phase timings (--json summary), n=$N_PHASES"
PHASES=$(python3 "$BENCH/phases.py" --n "$N_PHASES" -- $MAILCTL_SEND --json)

# ---------------------------------------------------------------- report
python3 - "$RES" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
targets = {"startup": ("mailctl median <= 3 ms", lambda r: r["stats"]["mailctl"]["median_ms"] <= 3.0),
           "session": ("mailctl/swaks median <= 0.30", lambda r: r["ratio_median"] <= 0.30)}
print()
print("%-9s %-17s %4s %9s %9s %9s %9s" % ("bench", "tool", "n", "median", "p90", "min", "max"))
print("-" * 72)
for r in rows:
    for label, s in r["stats"].items():
        print("%-9s %-17s %4d %7.2fms %7.2fms %7.2fms %7.2fms"
              % (r["name"], label, r["n"], s["median_ms"], s["p90_ms"], s["min_ms"], s["max_ms"]))
    print("%-9s %-17s      %9.3f %9.3f" % (r["name"], "ratio " + r["ratio_label"], r["ratio_median"], r["ratio_p90"]))
    print("-" * 72)
for r in rows:
    if r["name"] == "session":
        xs = r["times_ms"]["mailctl"]
        print("mailctl sessions >= 30 ms (post-STARTTLS EHLO stall, see RESULTS.md): %d/%d"
              % (sum(x >= 30 for x in xs), len(xs)))
for r in rows:
    desc, ok = targets[r["name"]]
    print("target %-8s %-32s %s" % (r["name"], desc, "MET" if ok(r) else "MISSED"))
EOF
echo
echo "mailctl per-phase (its own --json timings_ms):"
echo "$PHASES"
echo
echo "mailctl $REV ($MAILCTL); $("$SWAKS" --version | head -1); postfix $(/usr/sbin/postconf -d -h mail_version)"
echo "$(nproc) CPUs; load average before: $LOAD0, after: $(cut -d' ' -f1-3 /proc/loadavg) (other load skews everything)"
echo "raw per-run times: $RES"
