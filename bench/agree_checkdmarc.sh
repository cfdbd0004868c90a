#!/usr/bin/env bash
# Agreement: `mailctl audit` vs checkdmarc (PyPI) on the rig's zones, one command:
#   bash bench/agree_checkdmarc.sh
# For each of rig.test audit.test good.audit.test sts.audit.test expired.audit.test
# broken.audit.test insecure.audit.test:
#  (1) mailctl audit DOMAIN --json --nameserver 127.0.0.1:$RIG_DNS_PORT --ca-file $RIG_CA
#      --trust-anchor $RIG_TRUST_ANCHOR and the --connect-to rules of tests/it/audit.rs (192.0.2.N:25 ->
#      127.0.0.N:10025, 192.0.2.13:10995 -> Dovecot), plus 127.0.0.1:25 -> 127.0.0.1:10025 so that
#      rig.test's MX (mail.rig.test = 127.0.0.1) reaches the rig's Postfix too;
#  (2) checkdmarc DOMAIN (its CLI, JSON) through bench/agree_checkdmarc.py: the loopback-only guard of
#      bench/dns_checkdmarc.py, its DNS sent to 127.0.0.1:$RIG_DNS_PORT (its --nameserver takes no
#      port: dnspython's port is rewritten in-process, nothing listens on port 53);
#  (3) checkdmarc --check-mx-tls DOMAIN, the same plus the same --connect-to rules applied to its
#      smtplib connections (MX names resolved from the rig's NSD for that) and SSL_CERT_FILE=$RIG_CA.
#      Out of the box checkdmarc cannot reach these MX hosts (192.0.2.N:25, RFC 5737 addresses);
#      this run is only for the STARTTLS rows;
# then prints, item by item, what each says, and the differences with who is right
# (bench/agree_checkdmarc.py compare; delv from BIND, with the same trust anchor, as a third
# opinion on DNSSEC).
#
# Needs: a running rig (tests/rig/rig.sh; this script does not start or restart it unless
# AGREE_ENSURE_RIG=1, which runs `rig.sh ensure`), root only to apt-get install python3-venv /
# bind9-dnsutils when missing. Installs checkdmarc from PyPI into $VENV.
# The rig makes new DNSSEC keys at each start: if it restarts during the runs (another test
# session), the runs are repeated (up to 3 times).
# Env knobs: VENV (/tmp/mailctl-agree-venv), CHECKDMARC_SPEC (checkdmarc), RIG_DIR
#            (/tmp/mailctl-rig), BENCH_OUT (/tmp/mailctl-bench; outputs in $BENCH_OUT/agree),
#            BENCH_REV (build that commit from `git archive`), MAILCTL (use this binary, no build),
#            PYTHON (/usr/bin/python3), AGREE_ENSURE_RIG (0).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
OUT=${BENCH_OUT:-/tmp/mailctl-bench}/agree
VENV=${VENV:-/tmp/mailctl-agree-venv}
PY=${PYTHON:-/usr/bin/python3}
RIG_DIR=${RIG_DIR:-/tmp/mailctl-rig}
DOMAINS=(rig.test audit.test good.audit.test sts.audit.test expired.audit.test broken.audit.test
  insecure.audit.test)
mkdir -p "$OUT"

# ---------------------------------------------------------------- prerequisites
need=()
if [ ! -x "$PY" ] || ! "$PY" -c 'import venv, ensurepip' 2>/dev/null; then
  need+=(python3 python3-venv)
fi
command -v delv >/dev/null || need+=(bind9-dnsutils)
install_missing "${need[@]}"
if ! "$VENV/bin/python" -c 'import checkdmarc' 2>/dev/null; then
  log "creating $VENV with ${CHECKDMARC_SPEC:-checkdmarc} (PyPI)"
  "$PY" -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "${CHECKDMARC_SPEC:-checkdmarc}" >&2
fi
if [ -n "${MAILCTL:-}" ]; then
  [ -x "$MAILCTL" ] || die "MAILCTL=$MAILCTL is not executable"
  REV="$(git -C "$ROOT" rev-parse --short HEAD) (binary $MAILCTL)"
else
  build_mailctl
fi

# ---------------------------------------------------------------- the rig (used, not restarted)
if ! bash "$ROOT/tests/rig/rig.sh" status "$RIG_DIR" >/dev/null 2>&1; then
  if [ "${AGREE_ENSURE_RIG:-0}" = 1 ]; then
    use_rig
  else
    die "the rig in $RIG_DIR is not running: start it (bash tests/rig/rig.sh ensure $RIG_DIR) or set AGREE_ENSURE_RIG=1"
  fi
fi
rig_state() { # the NSD pid and the anchor: both change when the rig restarts
  echo "$(cat "$RIG_DIR/pids/nsd.pid" 2>/dev/null) $(sha256sum <"$RIG_DIR/dnssec/trust-anchor.keys" 2>/dev/null | cut -c1-16)"
}

collect() {
  # shellcheck disable=SC1091
  . "$RIG_DIR/rig.env"
  local ns="127.0.0.1:$RIG_DNS_PORT" n ct=() cdct=()
  for n in "$RIG_AUDIT_MX1A" "$RIG_AUDIT_MX1B" "$RIG_AUDIT_MX2" "$RIG_AUDIT_DEAD"; do
    ct+=(--connect-to "$RIG_AUDIT_PUB.${n##*.}:25:$n:$RIG_SMTP_PORT")
  done
  ct+=(--connect-to "$RIG_AUDIT_PUB.13:$RIG_POP3S_PORT:127.0.0.1:$RIG_POP3S_PORT")
  ct+=(--connect-to "127.0.0.1:25:127.0.0.1:$RIG_SMTP_PORT")
  cdct=("${ct[@]}")
  cp "$RIG_TRUST_ANCHOR" "$OUT/trust-anchor.keys"
  rm -f "$OUT"/guard*.log
  for d in "${DOMAINS[@]}"; do
    local rc=0
    "$MAILCTL" audit "$d" --json --nameserver "$ns" --ca-file "$RIG_CA" \
      --trust-anchor "$OUT/trust-anchor.keys" "${ct[@]}" >"$OUT/mailctl-$d.jsonl" || rc=$?
    case $rc in 0|11|12|13) ;; *) die "mailctl audit $d: exit $rc (see $OUT/mailctl-$d.jsonl)" ;; esac
    "$VENV/bin/python" "$BENCH/agree_checkdmarc.py" run --dns "$ns" --guard-log "$OUT/guard.log" \
      -- -n 127.0.0.1 -t 2 -f json "$d" >"$OUT/checkdmarc-$d.json" 2>"$OUT/checkdmarc-$d.err" ||
      die "checkdmarc $d failed: $(tail -3 "$OUT/checkdmarc-$d.err")"
    "$VENV/bin/python" "$BENCH/agree_checkdmarc.py" run --dns "$ns" --guard-log "$OUT/guard-tls.log" \
      "${cdct[@]}" --mx-zone audit.test --mx-zone rig.test --ca-file "$RIG_CA" \
      -- --check-mx-tls -n 127.0.0.1 -t 2 -f json "$d" >"$OUT/checkdmarc-tls-$d.json" \
      2>"$OUT/checkdmarc-tls-$d.err" || die "checkdmarc --check-mx-tls $d failed: $(tail -3 "$OUT/checkdmarc-tls-$d.err")"
  done
  # mailctl's default (root) anchor on rig.test, for the record (see the DNSSEC rows)
  "$MAILCTL" audit rig.test --json --nameserver "$ns" --ca-file "$RIG_CA" --no-probe \
    >"$OUT/mailctl-rootanchor-rig.test.jsonl" || true
}

ok=
for attempt in 1 2 3; do
  before=$(rig_state)
  log "run $attempt: ${DOMAINS[*]} (rig nsd pid ${before%% *})"
  collect
  after=$(rig_state)
  if [ "$before" = "$after" ] && bash "$ROOT/tests/rig/rig.sh" status "$RIG_DIR" >/dev/null 2>&1; then
    ok=1
    break
  fi
  log "the rig restarted during the runs (or is down): again"
  for _ in $(seq 60); do bash "$ROOT/tests/rig/rig.sh" status "$RIG_DIR" >/dev/null 2>&1 && break; sleep 2; done
done
[ -n "$ok" ] || die "the rig kept restarting: no consistent run"

# ---------------------------------------------------------------- report
"$VENV/bin/python" "$BENCH/agree_checkdmarc.py" compare --out "$OUT" --trust-anchor "$OUT/trust-anchor.keys" \
  --delv --dns "127.0.0.1:$RIG_DNS_PORT" --markdown "$OUT/differences.md" "${DOMAINS[@]}" | tee "$OUT/report.txt"
echo
echo "== mailctl with its default anchor (the root's keys), rig.test --no-probe: dnssec[]"
"$PY" -c '
import json, sys
s = [json.loads(l) for l in open(sys.argv[1]) if l.strip()][-1]
for c in s.get("dnssec") or []:
    print("  %s %s: %s (%s)" % (c["type"], c["name"], c["status"], c.get("reason")))
' "$OUT/mailctl-rootanchor-rig.test.jsonl"
echo
echo "== checkdmarc lookups the wrapper refused (plain runs: loopback guard) or answered from the rig (--check-mx-tls runs)"
echo "plain runs: $(sort "$OUT/guard.log" 2>/dev/null | uniq -c | sed 's/^ *//' | paste -sd';' -)"
echo "--check-mx-tls runs: $(sort "$OUT/guard-tls.log" 2>/dev/null | uniq -c | sed 's/^ *//' | paste -sd';' -)"
echo
echo "== versions"
echo "mailctl $REV; $("$VENV/bin/python" -c 'import importlib.metadata as m; print("; ".join("%s %s" % (p, m.version(p)) for p in ("checkdmarc", "dnspython")))'); venv python $("$VENV/bin/python" -c 'import platform; print(platform.python_version())'); $(delv -v 2>&1 | head -1); NSD $(nsd -v 2>&1 | head -1 | awk '{print $NF}')"
echo "outputs: $OUT (mailctl-*.jsonl, checkdmarc-*.json/.err, checkdmarc-tls-*.json, report.txt, differences.md)"
