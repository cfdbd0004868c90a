#!/usr/bin/env bash
# mailctl audit benchmark, one command:
#   bash bench/audit.sh
# All on loopback, nothing from the internet. A domain, auditbench.test, with 4 MX hosts x 2
# addresses (127.0.1.11/.12, .21/.22, .31/.32, .41/.42), served by bench/audit_dns.py on
# 127.0.0.2:53 (UDP+TCP, every answer delayed DELAY_MS=50 without blocking other questions), and
# a fake MX on port 25 of each of the 8 addresses (bench/audit_smtp.py: BANNER_MS=100 before the
# greeting, STARTTLS with a real TLS handshake, certificate for mx1..mx4 from a throwaway CA made
# here with openssl; the same process serves the MTA-STS policy on mta-sts = 127.0.1.5:443). Then:
#  (p) one probe, the reference for the target: bench/audit_smtp.py probe, a Python client doing
#      one probe's dialogue (connect, banner, EHLO, STARTTLS, handshake, EHLO, QUIT), n=N_PROBE;
#  (a) `mailctl audit auditbench.test --nameserver 127.0.0.2 --ca-file CA --no-dnssec --selector s1
#      -q`, n=N_MAILCTL, /bin/true interleaved as the harness floor, against the target
#      1.5 x (longest dependent chain x DELAY_MS + one probe);
#  (b) where the time goes: n=N_EVENTS `--json` runs (bench/audit_events.py): DNS waves, each
#      probe on the command's clock, probes open at once; also checks all 8 probes completed;
#  (c) mailctl vs checkdmarc --check-mx-tls (PyPI, bench/audit_checkdmarc.py: the loopback guard
#      of dns_checkdmarc.py, MX names resolved through the bench server for port 25 only, the
#      bench CA trusted), interleaved, n=N_CMP, plus the Python start-up + import floor;
#  (d) peak RSS of mailctl (/usr/bin/time -f %M, N_RSS runs) and of one checkdmarc run;
#  (e) DNS questions and SMTP connections each tool made in one run, counted by the servers;
#  (f) diagnostic (DNSSEC_DIAG=1): one mailctl run without --no-dnssec (the zone is unsigned and
#      the bench server serves no root), wall time and questions.
# Targets (issue "mailctl audit DOMAIN"): (a) median <= 1.5 x chain; (c) ratio <= 0.2;
# (d) peak RSS <= 32 MiB.
#
# Needs root (port 53 on 127.0.0.2: checkdmarc's --nameserver takes no port; port 25). Installs
# python3-venv, openssl, time if missing, and dnslib + checkdmarc from PyPI into a venv ($VENV).
# Env knobs: N_MAILCTL (30), N_EVENTS (10), N_CMP (10), N_PROBE (20), N_RSS (5), DELAY_MS (50),
#            BANNER_MS (100), DNS_ADDR (127.0.0.2), VENV (/tmp/mailctl-dns-venv),
#            BENCH_OUT (/tmp/mailctl-bench; outputs in $BENCH_OUT/audit), BENCH_REV (build this
#            commit from `git archive` instead), PYTHON (/usr/bin/python3), DNSSEC_DIAG (1),
#            QUIET_MAX (0: before measuring, wait up to this many seconds for the 1-minute load
#            average to stay under QUIET_LOAD (1.0) for QUIET_HOLD (60) seconds),
#            COMPARE ("LABEL=BINARY ...": other mailctl builds interleaved in (a), same arguments).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
OUT=${BENCH_OUT:-/tmp/mailctl-bench}/audit
N_MAILCTL=${N_MAILCTL:-30}
N_EVENTS=${N_EVENTS:-10}
N_CMP=${N_CMP:-10}
N_PROBE=${N_PROBE:-20}
N_RSS=${N_RSS:-5}
DELAY_MS=${DELAY_MS:-50}
BANNER_MS=${BANNER_MS:-100}
ADDR=${DNS_ADDR:-127.0.0.2}
VENV=${VENV:-/tmp/mailctl-dns-venv}
PY=${PYTHON:-/usr/bin/python3}
DNSSEC_DIAG=${DNSSEC_DIAG:-1}
QUIET_MAX=${QUIET_MAX:-0}
QUIET_LOAD=${QUIET_LOAD:-1.0}
QUIET_HOLD=${QUIET_HOLD:-60}
COMPARE=${COMPARE:-}
DOMAIN=auditbench.test
# Longest chains of dependent questions (see bench/README.md and audit_events.py EXPECTED):
# MX -> A/AAAA of each MX host, then the probes; TXT -> _spf1 -> _spf2 -> _spf3 beside them.
WAVES_BEFORE_PROBE=2
SPF_CHAIN=4
MX_ADDRS=(127.0.1.11 127.0.1.12 127.0.1.21 127.0.1.22 127.0.1.31 127.0.1.32 127.0.1.41 127.0.1.42)

mkdir -p "$OUT"
[ "$(id -u)" = 0 ] || die "needs root (binds $ADDR:53 and port 25)"
case "$ADDR" in 127.*) ;; *) die "DNS_ADDR must be a loopback address (127.0.0.0/8)" ;; esac

# ---------------------------------------------------------------- prerequisites
need=()
if [ ! -x "$PY" ] || ! "$PY" -c 'import venv, ensurepip' 2>/dev/null; then
  need+=(python3 python3-venv)
fi
command -v openssl >/dev/null || need+=(openssl)
[ -x /usr/bin/time ] || need+=(time)
install_missing "${need[@]}"
if ! "$VENV/bin/python" -c 'import dnslib, checkdmarc' 2>/dev/null; then
  log "creating $VENV with dnslib and checkdmarc (PyPI)"
  "$PY" -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check dnslib checkdmarc >&2
fi

build_mailctl
# BENCH_REV: every revision's `git archive` snapshot builds into one target dir, and a snapshot's
# files carry the commit's time. When the last build there is newer than that (another revision,
# built later), cargo finds the sources "older than the binary" and keeps the other revision's
# binary (seen here: a 12:00 commit measured with a 12:07 build of another tree). So: remember
# which revision produced which binary; if that is not this one, touch the snapshot and rebuild.
if [ -n "${BENCH_REV:-}" ]; then
  stamp="$(dirname "$MAILCTL")/.audit-bench-rev"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$REV $(md5sum <"$MAILCTL")" ]; then
    log "making sure $MAILCTL is $REV: touching its snapshot and building again"
    find "${BENCH_OUT:-/tmp/mailctl-bench}/src-$REV/src" -type f -exec touch {} +
    (cd "${BENCH_OUT:-/tmp/mailctl-bench}/src-$REV" && cargo build --release --quiet)
    echo "$REV $(md5sum <"$MAILCTL")" >"$stamp"
  fi
fi
log "mailctl under test: $MAILCTL ($REV, md5 $(md5sum <"$MAILCTL" | cut -c1-12))"
T_MEASURE=$SECONDS

# ---------------------------------------------------------------- keys and certificates
# Throwaway CA and one leaf for mx1..mx4 and the MTA-STS policy host (ECDSA P-256), made once,
# remade within 30 days of expiry or when the names change.
TLS="$OUT/tls"
mkdir -p "$TLS"
printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
  "extendedKeyUsage=serverAuth" \
  "subjectAltName=DNS:mx1.$DOMAIN,DNS:mx2.$DOMAIN,DNS:mx3.$DOMAIN,DNS:mx4.$DOMAIN,DNS:mta-sts.$DOMAIN" \
  >"$TLS/mx.ext.want"
if [ ! -s "$TLS/mx-chain.pem" ] || ! cmp -s "$TLS/mx.ext.want" "$TLS/mx.ext" ||
  ! openssl x509 -in "$TLS/mx.pem" -noout -checkend 2592000 >/dev/null; then
  log "creating the bench CA and MX certificate in $TLS"
  cp "$TLS/mx.ext.want" "$TLS/mx.ext"
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
    -keyout "$TLS/ca.key" -out "$TLS/ca.pem" -subj "/CN=mailctl audit bench CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$TLS/mx.key" -out "$TLS/mx.csr" -subj "/CN=mx1.$DOMAIN" 2>/dev/null
  openssl x509 -req -in "$TLS/mx.csr" -CA "$TLS/ca.pem" -CAkey "$TLS/ca.key" -CAcreateserial \
    -days 365 -extfile "$TLS/mx.ext" -out "$TLS/mx.pem" 2>/dev/null
  cat "$TLS/mx.pem" "$TLS/ca.pem" >"$TLS/mx-chain.pem"
fi
CA="$TLS/ca.pem"
TLSA_EE=$(openssl x509 -in "$TLS/mx.pem" -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1)
TLSA_TA=$(openssl x509 -in "$CA" -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1)
if [ ! -s "$OUT/dkim-s1.pub" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/dkim-s1.key" 2>/dev/null
  openssl pkey -in "$OUT/dkim-s1.key" -pubout -out "$OUT/dkim-s1.pub"
fi

# MTA-STS policy (RFC 8461 §3.2), served by audit_smtp.py on mta-sts.$DOMAIN (127.0.1.5:443).
printf 'version: STSv1\r\nmode: enforce\r\nmx: mx1.%s\r\nmx: mx2.%s\r\nmx: mx3.%s\r\nmx: mx4.%s\r\nmax_age: 604800\r\n' \
  "$DOMAIN" "$DOMAIN" "$DOMAIN" "$DOMAIN" >"$OUT/mta-sts.txt"

# ---------------------------------------------------------------- servers
rm -f "$OUT/dns.ready" "$OUT/smtp.ready" "$OUT/queries.log" "$OUT/smtp.log" "$OUT/guard.log"
DNS_PID="" SMTP_PID=""
stop_servers() {
  local p
  for p in $SMTP_PID $DNS_PID; do
    if kill -0 "$p" 2>/dev/null; then kill "$p" && wait "$p" 2>/dev/null || true; fi
  done
  [ -z "$DNS_PID" ] || log "DNS server (pid $DNS_PID) stopped: $(tail -1 "$OUT/dns.err" 2>/dev/null)"
  [ -z "$SMTP_PID" ] || log "SMTP server (pid $SMTP_PID) stopped: $(tail -1 "$OUT/smtp.err" 2>/dev/null)"
  DNS_PID="" SMTP_PID=""
}
trap stop_servers EXIT
"$VENV/bin/python" "$BENCH/audit_dns.py" --addr "$ADDR" --port 53 --delay-ms "$DELAY_MS" \
  --dkim-pub "$OUT/dkim-s1.pub" --tlsa-ee "$TLSA_EE" --tlsa-ta "$TLSA_TA" \
  --log "$OUT/queries.log" --ready "$OUT/dns.ready" 2>"$OUT/dns.err" &
DNS_PID=$!
listen=()
for ip in "${MX_ADDRS[@]}"; do listen+=(--listen "$ip=mx${ip:8:1}.$DOMAIN"); done
"$PY" "$BENCH/audit_smtp.py" serve --cert "$TLS/mx-chain.pem" --key "$TLS/mx.key" "${listen[@]}" \
  --port 25 --banner-delay-ms "$BANNER_MS" --https 127.0.1.5 --policy "$OUT/mta-sts.txt" \
  --log "$OUT/smtp.log" --ready "$OUT/smtp.ready" 2>"$OUT/smtp.err" &
SMTP_PID=$!
for _ in $(seq 100); do [ -s "$OUT/dns.ready" ] && [ -s "$OUT/smtp.ready" ] && break; sleep 0.05; done
[ -s "$OUT/dns.ready" ] || { cat "$OUT/dns.err" >&2; die "DNS server did not start (is $ADDR:53 in use? bench/dns.sh?)"; }
[ -s "$OUT/smtp.ready" ] || { cat "$OUT/smtp.err" >&2; die "SMTP listeners did not start (port 25 of 127.0.1.x in use?)"; }
log "DNS server pid $DNS_PID on $ADDR:53 udp+tcp (+$DELAY_MS ms per answer); SMTP pid $SMTP_PID on ${#MX_ADDRS[@]} addresses:25 (+$BANNER_MS ms banner)"

MC=("$MAILCTL" audit "$DOMAIN" --nameserver "$ADDR" --ca-file "$CA" --no-dnssec --selector s1)
CD=("$VENV/bin/python" "$BENCH/audit_checkdmarc.py" --guard-log "$OUT/guard.log" --smtp-zone "$DOMAIN"
    --smtp-ns "$ADDR" --ca-file "$CA" --check-mx-tls -n "$ADDR" -t 2 "$DOMAIN")

# Sanity: mailctl's report (exit 11 = warnings: the 127/8 reverse DNS, see README) and checkdmarc's
# must show every MX with STARTTLS.
rc=0; "${MC[@]}" --color never >"$OUT/mailctl-report.txt" || rc=$?
[ "$rc" = 0 ] || [ "$rc" = 11 ] || { cat "$OUT/mailctl-report.txt" >&2; die "mailctl audit exited $rc"; }
"${CD[@]}" >"$OUT/checkdmarc-report.json"
"$PY" - "$OUT/checkdmarc-report.json" <<'EOF' || die "checkdmarc did not complete STARTTLS on every MX host"
import json, sys
r = json.load(open(sys.argv[1]))
hosts = r["mx"]["hosts"]
bad = [h["hostname"] for h in hosts if not h.get("starttls")]
sys.exit(1 if len(hosts) != 4 or bad else 0)
EOF

# ---------------------------------------------------------------- quiet machine
if [ "$QUIET_MAX" -gt 0 ]; then
  log "waiting up to $QUIET_MAX s for the 1-minute load to stay under $QUIET_LOAD for $QUIET_HOLD s"
  t0=$SECONDS quiet_since=""
  while [ $((SECONDS - t0)) -lt "$QUIET_MAX" ]; do
    l1=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$l1" -v m="$QUIET_LOAD" 'BEGIN{exit !(l < m)}'; then
      quiet_since=${quiet_since:-$SECONDS}
      [ $((SECONDS - quiet_since)) -ge "$QUIET_HOLD" ] && break
    else
      quiet_since=""
    fi
    [ $(( (SECONDS - t0) % 60 )) -lt 5 ] && log "load $(cut -d' ' -f1-3 /proc/loadavg) after $((SECONDS - t0)) s"
    sleep 5
  done
  log "waited $((SECONDS - t0)) s; load now $(cut -d' ' -f1-3 /proc/loadavg)"
fi

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
RES="$OUT/results.jsonl"
: >"$RES"

# ---------------------------------------------------------------- (p) one probe
log "(p) one probe's dialogue, Python client, n=$N_PROBE"
"$PY" "$BENCH/audit_smtp.py" probe --addr 127.0.1.11 --name "mx1.$DOMAIN" --ca "$CA" --n 3 >/dev/null
"$PY" "$BENCH/audit_smtp.py" probe --addr 127.0.1.11 --name "mx1.$DOMAIN" --ca "$CA" --n "$N_PROBE" \
  --json "$RES" >/dev/null

# ---------------------------------------------------------------- (a) mailctl vs target
log "(a) mailctl audit, n=$N_MAILCTL (with /bin/true interleaved as the floor)"
extra=()
for c in $COMPARE; do
  [ -x "${c#*=}" ] || die "COMPARE: ${c#*=} is not an executable"
  extra+=("${c%%=*}=${c#*=} ${MC[*]:1} -q")
done
"$PY" "$BENCH/audit_interleave.py" --ok-exit 11 --name audit-mailctl --n "$N_MAILCTL" --warmup 3 \
  --json "$RES" "mailctl=${MC[*]} -q" "true=/bin/true" "${extra[@]}" >/dev/null

# ---------------------------------------------------------------- (b) events
log "(b) mailctl --json events, n=$N_EVENTS"
"$PY" "$BENCH/audit_events.py" --n "$N_EVENTS" --delay-ms "$DELAY_MS" --json "$RES" -- "${MC[@]}" --json \
  >"$OUT/events.txt"

# ---------------------------------------------------------------- (c) vs checkdmarc
log "(c) mailctl vs checkdmarc --check-mx-tls, interleaved, n=$N_CMP (~$(( N_CMP * 6 )) s)"
"$PY" "$BENCH/audit_interleave.py" --ok-exit 11 --name audit-vs-checkdmarc --n "$N_CMP" --warmup 1 \
  --json "$RES" "mailctl=${MC[*]} -q" "checkdmarc=${CD[*]}" \
  "py-import-checkdmarc=$VENV/bin/python -c 'import checkdmarc._cli'" >/dev/null

# ---------------------------------------------------------------- (d) peak RSS
log "(d) peak RSS: mailctl x$N_RSS, checkdmarc x1"
: >"$OUT/rss-mailctl.txt"
for _ in $(seq "$N_RSS"); do
  /usr/bin/time -f '%M' -a -o "$OUT/rss-mailctl.txt" "${MC[@]}" -q >/dev/null || true
done
RSS_MC=$(grep -E '^[0-9]+$' "$OUT/rss-mailctl.txt" | sort -n | tail -1)
/usr/bin/time -f '%M' -o "$OUT/rss-checkdmarc.txt" "${CD[@]}" >/dev/null
RSS_CD=$(grep -E '^[0-9]+$' "$OUT/rss-checkdmarc.txt" | tail -1)

# ---------------------------------------------------------------- (e) questions, connections
count_run() { # prints "questions smtp-connections https-connections"
  : >"$OUT/queries.log"; local c0; c0=$(wc -l <"$OUT/smtp.log")
  "$@" >/dev/null || true; sleep 0.3
  echo "$(wc -l <"$OUT/queries.log") $(tail -n +"$((c0 + 1))" "$OUT/smtp.log" | grep -vc '"https": true')" \
    "$(tail -n +"$((c0 + 1))" "$OUT/smtp.log" | grep -c '"https": true')"
}
read -r Q_MC C_MC H_MC < <(count_run "${MC[@]}" -q)
cp "$OUT/queries.log" "$OUT/queries-mailctl.log"
read -r Q_CD C_CD H_CD < <(count_run "${CD[@]}")
cp "$OUT/queries.log" "$OUT/queries-checkdmarc.log"

# ---------------------------------------------------------------- (f) DNSSEC diagnostic
DIAG="-"
if [ "$DNSSEC_DIAG" = 1 ]; then
  log "(f) diagnostic: one mailctl run without --no-dnssec"
  : >"$OUT/queries.log"
  t0=$("$PY" -c 'import time; print(time.time())')
  MC_DNSSEC=()
  for x in "${MC[@]}"; do [ "$x" = --no-dnssec ] || MC_DNSSEC+=("$x"); done
  rc=0; "${MC_DNSSEC[@]}" -q >"$OUT/dnssec-diag.txt" 2>&1 || rc=$?
  t1=$("$PY" -c 'import time; print(time.time())')
  sleep 0.3
  cp "$OUT/queries.log" "$OUT/queries-dnssec.log"
  DIAG="$("$PY" -c "print('%.0f' % (($t1 - $t0) * 1000))") ms, exit $rc, $(wc -l <"$OUT/queries.log") questions ($(awk '{print $4" "$5}' "$OUT/queries.log" | sort | uniq -c | sort -rn | head -3 | awk '{printf "%s%s %s x%s", (NR>1?", ":""), $2, $3, $1}'))"
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
stop_servers
trap - EXIT
SMTP_TALLY=$(tail -1 "$OUT/smtp.err")

# ---------------------------------------------------------------- report
"$PY" - "$RES" "$DELAY_MS" "$WAVES_BEFORE_PROBE" "$SPF_CHAIN" "$RSS_MC" "$RSS_CD" \
  "$Q_MC $C_MC $H_MC $Q_CD $C_CD $H_CD" <<'EOF'
import json, sys
res = {}
for line in open(sys.argv[1]):
    r = json.loads(line); res[r["name"]] = r
delay, wb, spf = float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rss_mc, rss_cd = int(sys.argv[5]), int(sys.argv[6])
q_mc, c_mc, h_mc, q_cd, c_cd, h_cd = map(int, sys.argv[7].split())
P = res["one-probe"]["stats"]["total"]["median_ms"]
chain = max(wb * delay + P, spf * delay)
target = 1.5 * chain
a = res["audit-mailctl"]["stats"]; c = res["audit-vs-checkdmarc"]; ev = res["audit-events"]["median"]
ok = lambda b: "MET" if b else "MISSED"
row = lambda k, s: print("| %-34s | %8.1f | %8.1f | %8.1f | %8.1f |" % (k, s["median_ms"], s["p90_ms"], s["min_ms"], s["max_ms"]))
print("\n== wall time (ms), interleaved")
print("| %-34s | %8s | %8s | %8s | %8s |" % ("command", "median", "p90", "min", "max"))
print("|%s|%s|%s|%s|%s|" % ("-" * 36, "-" * 10, "-" * 10, "-" * 10, "-" * 10))
row("(a) mailctl audit, n=%d" % res["audit-mailctl"]["n"], a["mailctl"])
row("(a) /bin/true (harness floor)", a["true"])
for k, s in a.items():
    if k not in ("mailctl", "true"):
        row("(a) %s (COMPARE)" % k, s)
for k, s in c["stats"].items():
    row("(c) %s, n=%d" % (k, c["n"]), s)
print("ratio mailctl/checkdmarc: median %.3f, p90 %.3f" % (c["ratio_median"], c["ratio_p90"]))
ps = res["one-probe"]["stats"]
print("\n== chain: one probe (Python client, n=%d) median %.1f ms (connect %.2f, banner %.1f, ehlo %.2f, starttls %.2f, tls %.2f, ehlo %.2f, quit %.2f)"
      % (res["one-probe"]["n"], P, ps["connect"]["median_ms"], ps["banner"]["median_ms"], ps["ehlo"]["median_ms"],
         ps["starttls"]["median_ms"], ps["tls"]["median_ms"], ps["ehlo_tls"]["median_ms"], ps["quit"]["median_ms"]))
print("longest chain: max(%d waves x %g + probe %.1f, SPF %d waves x %g) = %.1f ms -> target 1.5 x = %.1f ms"
      % (wb, delay, P, spf, delay, chain, target))
print("\n== (b) mailctl --json, medians of n=%d runs (command clock, ms)" % res["audit-events"]["n"])
print("first question %.1f | MX answer %.1f | MX-host addresses answered %.1f | probes start %.1f .. %.1f | last probe ends %.1f | last DNS answer %.1f | total_ms %.1f"
      % (ev["first_question_ms"], ev["mx_answer_ms"], ev["addresses_answered_ms"], ev["probe_first_start_ms"],
         ev["probe_last_start_ms"], ev["probe_last_end_ms"], ev["last_dns_answer_ms"], ev["total_ms"]))
print("probes: 8/8 complete in every run; open at once: median %d, min %d; one probe (mailctl's total_ms) median %.1f, p90 %.1f; sum of the 8 %.1f ms vs command %.1f ms"
      % (ev["probes_open_at_once"], ev["min_probes_open_at_once"], ev["probe_total_median_ms"], ev["probe_total_p90_ms"],
         ev["probe_sum_ms"], ev["total_ms"]))
print("probe phases (median over all probes): " + ", ".join("%s %.2f" % kv for kv in ev["phase_median_ms"].items()))
T, d0 = ev["total_ms"], ev["probe_first_start_ms"]
if ev["legacy_probes"]:
    print("TLS 1.0/1.1 probes: %d per run (%d accepted), one connection each, beside their address's probe; one takes %.1f ms (median); the last ends at %.1f ms"
          % (ev["legacy_probes"], ev["legacy_accepted"], ev["legacy_total_median_ms"], ev["legacy_last_end_ms"]))
    d1 = ev["probe_last_end_ms"]
    print("split of total_ms %.1f: DNS before the probes %.1f ms (%.0f%%), probes %.1f ms (%.0f%%), then TLS 1.0/1.1 probes %.1f ms (%.0f%%); wall %.1f - total_ms (start-up, exit) %.1f ms"
          % (T, d0, 100 * d0 / T, d1 - d0, 100 * (d1 - d0) / T, T - d1, 100 * (T - d1) / T, ev["wall_ms"], ev["outside_ms"]))
else:
    print("TLS 1.0/1.1 probes: none in this build")
    print("split of total_ms %.1f: DNS before the probes %.1f ms (%.0f%%), probes %.1f ms (%.0f%%); wall %.1f - total_ms (start-up, exit) %.1f ms"
          % (T, d0, 100 * d0 / T, T - d0, 100 * (T - d0) / T, ev["wall_ms"], ev["outside_ms"]))
print("questions to the server per run %s (+%s answered by hickory itself); waves %s; late: %s; unexpected: %s"
      % (ev["questions_remote"], ev["questions_local"], ev["max_wave"], "; ".join(ev["late"]) or "none", ", ".join(ev["unexpected"]) or "none"))
print("non-ok finding codes: %s; exit codes %s" % (", ".join(ev["findings_not_ok"]), ev["exits"]))
if ev.get("mta_sts_ms") == ev.get("mta_sts_ms"):  # not NaN: this build fetches the policy
    print("MTA-STS policy fetch (mta-sts.auditbench.test:443, no delay): %.1f ms median, usable in every run, beside the probes" % ev["mta_sts_ms"])
print("\n== (e) one run each, counted by the servers: mailctl %d questions, %d SMTP + %d HTTPS connections; checkdmarc %d questions, %d SMTP + %d HTTPS connections"
      % (q_mc, c_mc, h_mc, q_cd, c_cd, h_cd))
print("\n== targets")
m = a["mailctl"]
print("(a) mailctl median %.1f ms <= 1.5 x chain %.1f ms: %s (p90 %.1f: %s; %.2f x chain)"
      % (m["median_ms"], target, ok(m["median_ms"] <= target), m["p90_ms"], "within" if m["p90_ms"] <= target else "over", m["median_ms"] / chain))
for k, s in a.items():
    if k not in ("mailctl", "true"):
        print("    (COMPARE, not the build under test) %s median %.1f ms: %s, %.2f x chain" % (k, s["median_ms"], ok(s["median_ms"] <= target), s["median_ms"] / chain))
print("(c) mailctl/checkdmarc median %.3f <= 0.2: %s (p90 %.3f)" % (c["ratio_median"], ok(c["ratio_median"] <= 0.2), c["ratio_p90"]))
print("(d) mailctl peak RSS %d KiB (%.1f MiB) <= 32 MiB: %s   (checkdmarc %.1f MiB)"
      % (rss_mc, rss_mc / 1024, ok(rss_mc <= 32 * 1024), rss_cd / 1024))
EOF
echo
echo "== (b) the median run, event by event"
cat "$OUT/events.txt"
echo
echo "== (f) DNSSEC diagnostic (not a target): $DIAG"
echo "== SMTP listeners: $SMTP_TALLY"
echo "== checkdmarc network attempts blocked by the guard (all runs): $(wc -l <"$OUT/guard.log")"
sort "$OUT/guard.log" | uniq -c
echo
echo "== versions / machine"
echo "mailctl $REV; $("$VENV/bin/python" -c 'import importlib.metadata as m; print("; ".join("%s %s" % (p, m.version(p)) for p in ("checkdmarc", "dnslib", "dnspython")))'); venv python $("$VENV/bin/python" -c 'import platform; print(platform.python_version())'); $(openssl version | cut -d' ' -f1-2)"
echo "nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); RAM $(free -g | awk '/Mem:/{print $2}') GiB; kernel $(uname -r)"
echo "load avg before: $LOAD_BEFORE; after: $LOAD_AFTER"
echo "servers + measurements took $((SECONDS - T_MEASURE)) s (build and installs before that: $T_MEASURE s)"
echo "outputs: $OUT (results.jsonl, events.txt, mailctl-report.txt, checkdmarc-report.json, smtp.log, queries-*.log, rss-*.txt)"
