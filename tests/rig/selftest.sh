#!/usr/bin/env bash
# Smoke-test a running rig: tests/rig/selftest.sh DIR   (needs swaks, openssl, python3; dig optional)
# Prints PASS/FAIL per check; exit status = number of failures.
set -uo pipefail
D=$(cd "${1:?usage: selftest.sh DIR}" && pwd -P)
# shellcheck disable=SC1091
. "$D/rig.env"
fails=0
ok() { echo "PASS $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
expect() { # name regex output
  if grep -qE -- "$2" <<<"$3"; then ok "$1"; else bad "$1"; echo "$3" | sed 's/^/    | /' | tail -15; fi
}
newcount() { find "$RIG_MAILDIR_ROOT/rig.test/$1/new" -type f | wc -l; }
wait_new() { # user old-count
  local i; for i in $(seq 100); do [ "$(newcount "$1")" -gt "$2" ] && return 0; sleep 0.05; done; return 1
}
SW=(swaks --server "$RIG_HOST" --suppress-data --hide-informational)
TLSW=(--tls --tls-verify --tls-ca-path "$RIG_CA")

n=$(newcount alice)
out=$("${SW[@]}" -p "$RIG_SMTP_PORT" --to alice@rig.test --from x@example.org 2>&1)
expect "smtp/10025 plain delivery accepted" '^<-  250 2.0.0 Ok: queued' "$out"
if wait_new alice "$n"; then ok "maildir delivery to alice/new"; else bad "maildir delivery to alice/new"; fi

out=$("${SW[@]}" -p "$RIG_SMTP_PORT" --to x@example.org --from x@example.org --quit-after RCPT 2>&1)
expect "smtp/10025 unauth relay denied (554)" '^<\*\* 554 5\.7\.1 .*Relay access denied' "$out"
out=$("${SW[@]}" -p "$RIG_SMTP_PORT" --to unknown@rig.test --from x@example.org --quit-after RCPT 2>&1)
expect "smtp/10025 unknown user (550 5.1.1)" '^<\*\* 550 5\.1\.1 ' "$out"
out=$("${SW[@]}" -p "$RIG_SMTP_PORT" --quit-after EHLO 2>&1)
if grep -q AUTH <<<"$out"; then bad "smtp/10025 no AUTH before TLS"; else ok "smtp/10025 no AUTH before TLS"; fi

n=$(newcount alice)
out=$("${SW[@]}" -p "$RIG_SUBMISSION_PORT" "${TLSW[@]}" --auth PLAIN --auth-user "$RIG_USER" \
  --auth-password "$RIG_PASSWORD" --from "$RIG_USER" --to someone@example.org 2>&1)
expect "submission/10587 AUTH PLAIN relay accepted" '^<~  250 2.0.0 Ok: queued' "$out"
if wait_new alice "$n"; then ok "relayed mail bounced locally (DSN in alice/new)"; else bad "relay bounce"; fi
for m in LOGIN CRAM-MD5; do
  out=$("${SW[@]}" -p "$RIG_SUBMISSION_PORT" "${TLSW[@]}" --auth "$m" --auth-user "$RIG_USER2" \
    --auth-password "$RIG_PASSWORD2" --quit-after AUTH 2>&1)
  expect "submission/10587 AUTH $m" '^<~  235 2\.7\.0' "$out"
done
out=$("${SW[@]}" -p "$RIG_SUBMISSION_PORT" "${TLSW[@]}" --auth PLAIN --auth-user "$RIG_USER" \
  --auth-password wrong --quit-after AUTH 2>&1)
expect "submission/10587 wrong password 535" '^<~\* 535 5\.7\.8' "$out"
out=$("${SW[@]}" -p "$RIG_SUBMISSION_PORT" --to alice@rig.test --from x@example.org --quit-after MAIL 2>&1)
expect "submission/10587 MAIL before STARTTLS refused" '^<\*\* 530 5\.7\.0 Must issue a STARTTLS' "$out"
out=$("${SW[@]}" -p "$RIG_SMTPS_PORT" --tlsc --tls-verify --tls-ca-path "$RIG_CA" --auth CRAM-MD5 \
  --auth-user carol@rig.test --auth-password carol-secret-pw --quit-after AUTH 2>&1)
expect "smtps/10465 implicit TLS + AUTH CRAM-MD5" '^<~  235 2\.7\.0' "$out"

s_client() { # name args...
  local name=$1; shift
  out=$(openssl s_client -connect "$@" -CAfile "$RIG_CA" -verify_hostname "$RIG_TLS_NAME" \
    -verify_return_error </dev/null 2>&1 | tr -d '\0')
  expect "TLS verify $name" 'Verify return code: 0 \(ok\)' "$out"
}
s_client "smtps/10465" "$RIG_HOST:$RIG_SMTPS_PORT"
s_client "imaps/10993" "$RIG_HOST:$RIG_IMAPS_PORT"
s_client "pop3s/10995" "$RIG_HOST:$RIG_POP3S_PORT"
s_client "starttls smtp/10025" "$RIG_HOST:$RIG_SMTP_PORT" -starttls smtp
s_client "starttls smtp/10587" "$RIG_HOST:$RIG_SUBMISSION_PORT" -starttls smtp
s_client "starttls imap/10143" "$RIG_HOST:$RIG_IMAP_PORT" -starttls imap
s_client "starttls pop3/10110" "$RIG_HOST:$RIG_POP3_PORT" -starttls pop3

out=$(python3 - "$D/rig.env" <<'PY' 2>&1
import sys, ssl, socket, imaplib, poplib
env = dict(l.strip().split("=", 1) for l in open(sys.argv[1]) if "=" in l)
H, U, P = env["RIG_HOST"], env["RIG_USER"], env["RIG_PASSWORD"]
ctx = ssl.create_default_context(cafile=env["RIG_CA"])
def sni(c): return ctx.wrap_socket  # noqa
# IMAP plain from 127.0.0.1 (Dovecot: rip == lip -> "secured")
m = imaplib.IMAP4(H, int(env["RIG_IMAP_PORT"])); print("imap1 caps", m.capabilities)
print("imap1 login", m.login(U, P)[0]); print("imap1 select", m.select("INBOX")); m.logout()
# IMAP STARTTLS
m = imaplib.IMAP4(H, int(env["RIG_IMAP_PORT"]))
c2 = ssl.create_default_context(cafile=env["RIG_CA"]); c2.check_hostname = True
m.starttls(ssl_context=c2); print("imaptls login", m.login(U, P)[0]); m.logout()
# IMAP on 127.0.0.2 (not secured)
m = imaplib.IMAP4(env["RIG_HOST2"], int(env["RIG_IMAP_PORT"])); print("imap2 caps", m.capabilities)
try: m.login(U, P); print("imap2 login OK?!")
except imaplib.IMAP4.error as e: print("imap2 login refused", e)
# POP3 plain + STLS + 127.0.0.2
p = poplib.POP3(H, int(env["RIG_POP3_PORT"])); print("pop1 user", p.user(U)); print("pop1 pass", p.pass_(P)); print("pop1 stat", p.stat()); p.quit()
p = poplib.POP3(H, int(env["RIG_POP3_PORT"])); p.stls(context=c2); p.user(U); print("poptls pass", p.pass_(P)); p.quit()
p = poplib.POP3(env["RIG_HOST2"], int(env["RIG_POP3_PORT"])); print("pop2 capa", p.capa())
try: p.user(U); p.pass_(P); print("pop2 login OK?!")
except poplib.error_proto as e: print("pop2 login refused", e)
# LMTP
s = socket.create_connection((H, int(env["RIG_LMTP_PORT"]))); f = s.makefile("rb")
def cmd(x):
    if x is not None: s.sendall(x.encode() + b"\r\n")
    while True:
        l = f.readline().decode().rstrip(); print("lmtp <", l)
        if l[3:4] != "-": return l
cmd(None); cmd("LHLO rig.test"); cmd("MAIL FROM:<lmtp@example.org>"); cmd("RCPT TO:<bob@rig.test>")
cmd("RCPT TO:<nobody@rig.test>"); cmd("DATA"); cmd("Subject: lmtp\r\n\r\nhello via lmtp\r\n."); cmd("QUIT")
PY
)
echo "$out" | sed 's/^/    . /'
expect "imap plain login from 127.0.0.1" "imap1 login OK" "$out"
expect "imap STARTTLS login" "imaptls login OK" "$out"
expect "imap 127.0.0.2 LOGINDISABLED" "imap2 caps .*LOGINDISABLED" "$out"
expect "imap 127.0.0.2 login refused" "imap2 login refused" "$out"
expect "pop3 plain USER/PASS from 127.0.0.1" "pop1 pass b'\+OK" "$out"
expect "pop3 STLS login" "poptls pass b'\+OK" "$out"
expect "pop3 127.0.0.2 login refused" "pop2 login refused" "$out"
expect "lmtp delivery" "lmtp < 250 2.0.0 <bob@rig.test> .* Saved" "$out"
expect "lmtp unknown user" "lmtp < 550 5.1.1 <nobody@rig.test> User doesn't exist" "$out"

# mailctl audit fixture: mx1a verifies as mx1.audit.test, mx1b has no STARTTLS, mx2 shows
# the wrongname certificate.
out=$(openssl s_client -connect "$RIG_AUDIT_MX1A:$RIG_SMTP_PORT" -starttls smtp -CAfile "$RIG_CA" \
  -servername mx1.audit.test -verify_hostname mx1.audit.test -verify_return_error </dev/null 2>&1 |
  tr -d '\0')
expect "audit mx1a STARTTLS verifies as mx1.audit.test" 'Verify return code: 0 \(ok\)' "$out"
out=$("${SW[@]}" --server "$RIG_AUDIT_MX1B" -p "$RIG_SMTP_PORT" --quit-after EHLO 2>&1)
expect "audit mx1b banner mx1.audit.test" '^<-  220 mx1\.audit\.test ' "$out"
if grep -q STARTTLS <<<"$out"; then bad "audit mx1b no STARTTLS"; else ok "audit mx1b no STARTTLS"; fi
out=$(openssl s_client -connect "$RIG_AUDIT_MX2:$RIG_SMTP_PORT" -starttls smtp </dev/null 2>&1 |
  tr -d '\0')
expect "audit mx2 presents CN other.example" 'subject=CN ?= ?other\.example' "$out"
spki() { openssl x509 -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1; }
audit_spki=$(spki <"$RIG_AUDIT_CERT")
out=$(openssl s_client -connect "$RIG_AUDIT_MX1A:$RIG_SMTP_PORT" -starttls smtp </dev/null 2>/dev/null | spki)
expect "audit mx1a presents RIG_AUDIT_CERT" "^$audit_spki\$" "$out"

if command -v dig >/dev/null; then
  q() { dig +short +tries=1 +time=2 @"$RIG_HOST" -p "$RIG_DNS_PORT" "$@" | tr '\n' ' '; }
  expect "dns MX rig.test" '^10 mail\.rig\.test\. $' "$(q MX rig.test)"
  expect "dns A mail" '^127\.0\.0\.1 $' "$(q A mail.rig.test)"
  expect "dns MX multi" '10 dead\.rig\.test\..*20 mail|20 mail.*10 dead' "$(q MX multi.rig.test)"
  expect "dns A dead" '^127\.0\.0\.3 $' "$(q A dead.rig.test)"
  expect "dns implicit (A, no MX)" '^127\.0\.0\.1 $' "$(q A implicit.rig.test)"
  expect "dns implicit no MX" '^$' "$(q MX implicit.rig.test)"
  expect "dns null MX" '^0 \. $' "$(q MX nullmx.rig.test)"
  expect "dns cname-mx" '^10 alias\.rig\.test\. $' "$(q MX cname-mx.rig.test)"
  expect "dns alias CNAME" '^mail\.rig\.test\. 127\.0\.0\.1 $' "$(q A alias.rig.test)"
  expect "dns v6 AAAA" '^::1 $' "$(q AAAA v6.rig.test)"
  expect "dns v6 MX" '^10 v6\.rig\.test\. $' "$(q MX v6.rig.test)"
  expect "dns SPF" 'v=spf1 ip4:127\.0\.0\.0/8 -all' "$(q TXT rig.test)"
  expect "dns DMARC" 'v=DMARC1; p=reject' "$(q TXT _dmarc.rig.test)"
  expect "dns TCP" '^10 mail\.rig\.test\. $' "$(q +tcp MX rig.test)"
  expect "dns audit MX" '^10 mx1\.audit\.test\. 20 mx2\.audit\.test\. 30 mx3\.audit\.test\. $' \
    "$(q MX "$RIG_AUDIT_DOMAIN" | tr ' ' '\n' | paste -d' ' - - | sort | tr '\n' ' ')"
  # (dig splits the hex into words: compare with the spaces removed)
  expect "dns audit TLSA mx1 3 1 1 = RIG_AUDIT_CERT" "311$audit_spki" \
    "$(q TLSA _25._tcp.mx1.audit.test | tr -d ' ' | tr A-F a-f)"
  expect "dns audit PTR 11" '^mx1\.audit\.test\. $' "$(q -x "192.0.2.${RIG_AUDIT_MX1A##*.}")"
  expect "dns audit PTR 13" '^unverified\.audit\.test\. $' "$(q -x "192.0.2.${RIG_AUDIT_MX2##*.}")"
  expect "dns NXDOMAIN" 'status: NXDOMAIN' "$(dig @"$RIG_HOST" -p "$RIG_DNS_PORT" A nope.rig.test)"
else
  echo "SKIP dns checks (dig not installed; apt-get install dnsutils)"
fi
echo "failures: $fails"
exit "$fails"
