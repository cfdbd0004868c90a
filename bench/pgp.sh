#!/usr/bin/env bash
# Issue 16's commands beside the tools an admin would otherwise run, on the same inputs, in one
# run, interleaved. One command: `bash bench/pgp.sh`.
#
#   pgp verify   `mailctl pgp verify MSG --key alice.asc -q` (finds the PGP/MIME signature in
#                the whole message, canonicalises the signed part, verifies, checks the key's
#                user ID against From:) vs `gpg --verify sig.asc part` on the part and
#                signature already cut out (gpg does no MIME: it gets the easier job), with
#                the same key in a private keyring.
#   smime verify `mailctl smime verify MSG --ca-file ca.pem -q` vs `openssl cms -verify -in MSG
#                -CAfile ca.pem -purpose smimesign` on the same message (openssl parses the
#                MIME itself).
#   jmap list    `mailctl jmap list` (session discovery + Mailbox/get) vs curl doing the same two
#                requests (GET /.well-known/jmap following the redirect, then POST the same
#                Mailbox/get) against the rig's Cyrus.
#
# Env knobs: N (default 30 runs each), BENCH_REV (build that commit, as bench/smtp.sh), MAILCTL
#            (use this binary instead of building one), RIG_DIR (default /tmp/mailctl-rig),
#            BENCH_OUT (default /tmp/mailctl-bench).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
RIG_DIR=${RIG_DIR:-/tmp/mailctl-rig}
OUT=${BENCH_OUT:-/tmp/mailctl-bench}
N=${N:-30}

mkdir -p "$OUT"
command -v python3 >/dev/null || install_missing python3
command -v curl >/dev/null || install_missing curl

if [ -n "${MAILCTL:-}" ]; then
  [ -x "$MAILCTL" ] || die "MAILCTL=$MAILCTL is not an executable"
  REV="$(git -C "$ROOT" rev-parse --short HEAD) (given binary $MAILCTL)"
else
  build_mailctl
fi

use_rig
[ -n "${RIG_GNUPGHOME:-}" ] && [ -n "${RIG_JMAP_URL:-}" ] ||
  die "the rig has no GnuPG keys or Cyrus JMAP: update tests/rig and restart it"

W="$OUT/pgp-work"
rm -rf "$W"
mkdir -p "$W"
chmod 0700 "$W"
cp -a "$RIG_GNUPGHOME" "$W/gnupg"
G=(gpg --homedir "$W/gnupg" --batch --no-tty --pinentry-mode loopback --passphrase '')

# --- a PGP/MIME message signed by alice (RFC 3156 §5: the part is signed in CRLF form)
printf 'Content-Type: text/plain; charset=utf-8\r\n\r\nThe quarterly numbers, signed.\r\n' >"$W/part"
"${G[@]}" --armor --local-user "alice@rig.test" --detach-sign --digest-algo SHA256 \
  -o "$W/part.asc" "$W/part"
{
  printf 'From: alice@rig.test\r\nTo: bob@rig.test\r\nSubject: signed\r\nMIME-Version: 1.0\r\n'
  printf 'Content-Type: multipart/signed; boundary="b1"; micalg=pgp-sha256;\r\n protocol="application/pgp-signature"\r\n\r\n'
  printf -- '--b1\r\n'
  cat "$W/part"
  printf '\r\n--b1\r\nContent-Type: application/pgp-signature\r\n\r\n'
  sed 's/$/\r/' "$W/part.asc"
  printf '\r\n--b1--\r\n'
} >"$W/pgp.eml"
# gpg's keyring gets alice's public key only, as mailctl gets --key.
mkdir -m 0700 "$W/verify-home"
gpg --homedir "$W/verify-home" --batch --quiet --import "$RIG_PGP_ALICE_KEY" 2>/dev/null
gpg --homedir "$W/verify-home" --batch --quiet --verify "$W/part.asc" "$W/part" 2>/dev/null ||
  die "gpg does not verify its own signature"
"$MAILCTL" pgp verify "$W/pgp.eml" --key "$RIG_PGP_ALICE_KEY" -q >/dev/null ||
  die "mailctl pgp verify fails on the bench message"

# --- an S/MIME message signed with an openssl-issued certificate from the rig CA
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$W/smime.key" \
  -subj "/CN=Alice" -out "$W/smime.csr" 2>/dev/null
printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=emailProtection\nsubjectAltName=email:alice@rig.test\n' >"$W/smime.ext"
openssl x509 -req -in "$W/smime.csr" -CA "$RIG_CERT_DIR/ca.pem" -CAkey "$RIG_CERT_DIR/ca.key" \
  -CAcreateserial -CAserial "$W/ca.srl" -days 2 -extfile "$W/smime.ext" -out "$W/smime.pem" 2>/dev/null
printf 'Content-Type: text/plain\r\n\r\nThe quarterly numbers, signed.\r\n' >"$W/smime-part"
openssl cms -sign -in "$W/smime-part" -signer "$W/smime.pem" -inkey "$W/smime.key" \
  -from alice@rig.test -to bob@rig.test -subject signed -out "$W/smime.eml" 2>/dev/null
"$MAILCTL" smime verify "$W/smime.eml" --ca-file "$RIG_CA" -q >/dev/null ||
  die "mailctl smime verify fails on the bench message"
openssl cms -verify -in "$W/smime.eml" -CAfile "$RIG_CA" -purpose smimesign -out /dev/null 2>/dev/null ||
  die "openssl cms does not verify the bench message"

# --- JMAP: the same two requests both ways
export MAILCTL_BENCH_JMAP_PW=$RIG_JMAP_PASSWORD
JMAP="$MAILCTL jmap list -s $RIG_JMAP_URL --user $RIG_JMAP_USER --password-env MAILCTL_BENCH_JMAP_PW -q"
$JMAP >/dev/null || die "mailctl jmap list fails: $JMAP"
cat >"$W/jmap-curl.sh" <<EOF
#!/bin/sh
set -e
session=\$(curl -sf -L -u "$RIG_JMAP_USER:$RIG_JMAP_PASSWORD" "${RIG_JMAP_URL%/}/.well-known/jmap")
api=\$(printf '%s' "\$session" | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["apiUrl"]); print(s["primaryAccounts"]["urn:ietf:params:jmap:mail"])')
url=\$(echo "\$api" | sed -n 1p); acct=\$(echo "\$api" | sed -n 2p)
case \$url in /*) url="${RIG_JMAP_URL%/}\$url";; esac
curl -sf -u "$RIG_JMAP_USER:$RIG_JMAP_PASSWORD" -H 'Content-Type: application/json' \\
  -d "{\\"using\\":[\\"urn:ietf:params:jmap:core\\",\\"urn:ietf:params:jmap:mail\\"],\\"methodCalls\\":[[\\"Mailbox/get\\",{\\"accountId\\":\\"\$acct\\"},\\"0\\"]]}" \\
  "\$url" >/dev/null
EOF
chmod +x "$W/jmap-curl.sh"
"$W/jmap-curl.sh" || die "the curl JMAP script fails"

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
RES="$OUT/pgp.jsonl"
: >"$RES"
log "pgp verify vs gpg --verify, n=$N each"
python3 "$BENCH/interleave.py" --name pgp-verify --n "$N" --warmup 3 --json "$RES" \
  "mailctl=$MAILCTL pgp verify $W/pgp.eml --key $RIG_PGP_ALICE_KEY -q" \
  "gpg=gpg --homedir $W/verify-home --batch --quiet --verify $W/part.asc $W/part" >/dev/null
log "smime verify vs openssl cms -verify, n=$N each"
python3 "$BENCH/interleave.py" --name smime-verify --n "$N" --warmup 3 --json "$RES" \
  "mailctl=$MAILCTL smime verify $W/smime.eml --ca-file $RIG_CA -q" \
  "openssl=openssl cms -verify -in $W/smime.eml -CAfile $RIG_CA -purpose smimesign -out /dev/null" >/dev/null
log "jmap list vs curl, n=$N each"
python3 "$BENCH/interleave.py" --name jmap-list --n "$N" --warmup 3 --json "$RES" \
  "mailctl=$JMAP" "curl=$W/jmap-curl.sh" >/dev/null

python3 - "$RES" <<'EOF'
import json, sys
print()
print("%-13s %-8s %4s %9s %9s   %-8s %9s %9s   %s" % ("task", "mailctl", "n", "median", "p90", "other", "median", "p90", "ratio (median)"))
print("-" * 96)
for line in open(sys.argv[1]):
    r = json.loads(line)
    (a, sa), (b, sb) = list(r["stats"].items())
    print("%-13s %-8s %4d %7.2fms %7.2fms   %-8s %7.2fms %7.2fms   %.2f"
          % (r["name"], a, r["n"], sa["median_ms"], sa["p90_ms"], b, sb["median_ms"], sb["p90_ms"],
             sa["median_ms"] / sb["median_ms"]))
EOF
echo
echo "mailctl $REV; $(gpg --version | head -1); $(openssl version); curl $(curl --version | head -1 | cut -d' ' -f2); Cyrus 3.6 (rig)"
echo "$(nproc) CPUs; load average before: $LOAD0, after: $(cut -d' ' -f1-3 /proc/loadavg) (other load skews everything)"
echo "raw per-run times: $RES"
