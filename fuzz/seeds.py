#!/usr/bin/env python3
"""Regenerate the seed corpora in fuzz/corpus/<target>/ from the project's own tests: the server
scripts of the fake-peer tests (tests/it/fake_{smtp,pop3,imap}.rs), the OpenSPF suite
(tests/conformance/spf), the record strings of the DNS tests, and the DKIM/ARC fixtures.

Stream targets (smtp_reply, pop3, imap) take a control byte first (chunk size and options, see
`Ctl` in src/fuzz_api.rs), then what the server sends. Run from anywhere: python3 fuzz/seeds.py
"""

import hashlib
import json
import os
import re
import shutil
import sys

import yaml
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def rust_str(body, raw_bytes):
    """Decode the body of a Rust string literal (no raw strings) into bytes."""
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode()
            i += 1
            continue
        n = body[i + 1]
        i += 2
        if n == "n":
            out += b"\n"
        elif n == "r":
            out += b"\r"
        elif n == "t":
            out += b"\t"
        elif n == "0":
            out += b"\0"
        elif n in "\\\"'":
            out += n.encode()
        elif n == "x":
            out.append(int(body[i : i + 2], 16))
            i += 2
        elif n == "u":
            end = body.index("}", i)
            out += chr(int(body[i + 1 : end], 16)).encode()
            i = end + 1
        elif n == "\n":
            # Line continuation: skip the newline and leading whitespace.
            while i < len(body) and body[i] in " \t\n":
                i += 1
        else:
            out += ("\\" + n).encode()
    return bytes(out)


LIT = re.compile(r'(b?)"((?:[^"\\]|\\.|\\\n)*)"', re.S)


def literals(text):
    return [rust_str(m.group(2), m.group(1)) for m in LIT.finditer(text)]


def fns(path):
    """(name, body) of each top-level fn in a Rust file."""
    src = open(path, encoding="utf-8").read()
    parts = re.split(r"\n(?=(?:async )?fn |#\[)", src)
    for p in parts:
        m = re.match(r"(?:async )?fn (\w+)", p)
        if m:
            yield m.group(1), p


def server_script(body):
    """What a fake server sends in one test: line("…") adds CRLF, send("…") is raw."""
    out = b""
    for m in re.finditer(r'\b(line|send)\(\s*(&?b?"(?:[^"\\]|\\.|\\\n)*")', body, re.S):
        lit = m.group(2).lstrip("&")
        data = rust_str(lit[lit.index('"') + 1 : -1], lit.startswith("b"))
        out += data + (b"\r\n" if m.group(1) == "line" else b"")
    return out


files = {}


def add(target, name, data, limit=64 * 1024):
    if not data or len(data) > limit:
        return
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:60]
    digest = hashlib.sha1(data).hexdigest()[:10]
    files.setdefault(target, {})[f"{name}-{digest}"] = data


# Control bytes: whole reads, byte-at-a-time, 7-byte pieces with --show-data, short lines; the
# upper bits pick the login/streaming variant.
CTLS = [0x07, 0x10, 0x23, 0x5B, 0x64, 0xF7]


def streams(target, path, prefix, greeting):
    """One seed per test; the usual opening of the test helpers goes in front of a script that
    does not send its own greeting."""
    for name, body in fns(path):
        s = server_script(body)
        if not s:
            continue
        if not s.startswith(greeting):
            s = prefix + s
        for k, ctl in enumerate(CTLS[: 2 if len(s) > 2000 else len(CTLS)]):
            if k and zlib.crc32(name.encode()) % 3:
                continue
            add(target, f"{name}-{ctl:02x}", bytes([ctl]) + s)


# SMTP: each fake-SMTP test's server side (most tests start with the banner and EHLO reply of
# the script helpers, which are added in front), plus the golden transcript's server lines.
SMTP_HEAD = (
    b"220 fake.test ESMTP fake\r\n250-fake.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
    b"250-AUTH PLAIN LOGIN CRAM-MD5\r\n250-AUTH=LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n"
    b"250-8BITMIME\r\n250 CHUNKING\r\n"
)
streams("smtp_reply", os.path.join(ROOT, "tests/it/fake_smtp.rs"), SMTP_HEAD, (b"220", b"4", b"5"))
golden = open(os.path.join(ROOT, "tests/golden/transcript.txt"), encoding="utf-8").read()
srv = [l.split(" S: ", 1)[1] for l in golden.splitlines() if " S: " in l]
add("smtp_reply", "golden", b"\x07" + "\r\n".join(srv).encode() + b"\r\n")
add(
    "smtp_reply",
    "helo-fallback",
    b"\x17220 x\r\n502 5.5.1 no EHLO\r\n250 x\r\n334 VXNlcm5hbWU6\r\n250-a\r\n251 b\r\n",
)

POP3_HEAD = (
    b"+OK fake POP3 ready\r\n+OK capability list follows\r\nTOP\r\nUIDL\r\nUSER\r\n"
    b"PIPELINING\r\n.\r\n+OK\r\n+OK logged in\r\n"
)
streams("pop3", os.path.join(ROOT, "tests/it/fake_pop3.rs"), POP3_HEAD, (b"+OK fake", b"-ERR"))
add(
    "pop3",
    "session",
    b"\x07+OK POP3 ready <1896.697170952@dbc.mtview.ca.us>\r\n+OK\r\nUSER\r\nSASL PLAIN LOGIN\r\n"
    b"STLS\r\n.\r\n+OK\r\n+OK logged in\r\n+OK 2 messages\r\n1 120\r\n2 200\r\n.\r\n"
    b"+OK 120 octets\r\nSubject: x\r\n\r\n..dot\r\nbody\r\n.\r\n+OK\r\n1 abc\r\n2 def\r\n.\r\n"
    b"+OK\r\nSubject: x\r\n\r\n.\r\n+OK bye\r\n",
)
add(
    "pop3",
    "sasl",
    b"\x57+OK ready\r\n+OK\r\nSASL CRAM-MD5\r\n.\r\n+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n"
    b"+OK\r\n+OK 0 0\r\n.\r\n",
)

IMAP_HEAD = (
    b"* OK [CAPABILITY IMAP4rev1 IDLE SASL-IR AUTH=PLAIN] fake IMAP ready\r\n"
    b"A0001 OK [CAPABILITY IMAP4rev1 IDLE] logged in\r\n"
)
streams("imap", os.path.join(ROOT, "tests/it/fake_imap.rs"), IMAP_HEAD, (b"* OK", b"* PREAUTH", b"* BYE"))
add(
    "imap",
    "session",
    b"\x17" + IMAP_HEAD + b"* CAPABILITY IMAP4rev1 IDLE\r\nA0002 OK done\r\n* FLAGS (\\Seen)\r\n"
    b"* 3 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\nA0003 OK [READ-WRITE] done\r\n"
    b"* 1 FETCH (UID 5 FLAGS (\\Seen) BODY[] {15}\r\nSubject: hi\r\n\r\n)\r\n"
    b"* 2 FETCH (UID 6 BODY[HEADER.FIELDS (SUBJECT)] ~{3}\r\nabc BODY[1] \"q\\\"s\")\r\n"
    b"A0004 OK done\r\n* LIST (\\HasNoChildren) \"/\" \"Entw&APw-rfe\"\r\n"
    b"* LIST () NIL {5}\r\nA b c\r\nA0005 OK\r\n* BYE\r\nA0006 OK\r\n",
)
add(
    "imap",
    "authenticate",
    b"\x27* OK [CAPABILITY IMAP4rev1 AUTH=CRAM-MD5] hi\r\n+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2U+\r\n"
    b"A0001 OK [CAPABILITY IMAP4rev1] in\r\n",
)

# SPF: every record of the OpenSPF suite's zone data (SPF and TXT), and the explanations.
suite = list(yaml.safe_load_all(open(os.path.join(ROOT, "tests/conformance/spf/rfc7208-tests.yml"))))
seen = set()
for doc in suite:
    for name, recs in (doc.get("zonedata") or {}).items():
        for r in recs or []:
            if not isinstance(r, dict):
                continue
            for kind in ("SPF", "TXT"):
                v = r.get(kind)
                if v is None:
                    continue
                v = "".join(v) if isinstance(v, list) else str(v)
                if v in seen:
                    continue
                seen.add(v)
                add("spf_record", f"{doc.get('description', 'suite')[:30]}", v.encode())

# DMARC / policy records and DKIM keys: string literals in the parsers' tests and the DNS tests.
for path in ["src/dns/dmarc.rs", "src/dns/policy.rs", "tests/it/dmarc_eval.rs", "tests/it/dns_cmd.rs"]:
    for s in literals(open(os.path.join(ROOT, path), encoding="utf-8").read()):
        low = s.lower()
        if any(p in low for p in (b"v=dmarc1", b"v=stsv1", b"v=tlsrptv1", b"v=bimi1")):
            add("dmarc_record", os.path.basename(path), s)
for path in ["src/dns/dkimkey.rs", "tests/it/dns_cmd.rs", "tests/it/dkim_verify.rs"]:
    for s in literals(open(os.path.join(ROOT, path), encoding="utf-8").read()):
        if b"p=" in s and b"{" not in s:
            add("dkim_key", os.path.basename(path), s)
for k in ("verify", "arc"):
    for name, txt in json.load(open(os.path.join(ROOT, f"tests/fixtures/dkim/{k}/keys.json"))).items():
        add("dkim_key", name, txt.encode())

# Messages: the DKIM and ARC fixtures (eml, Maildir files), the mbox.
for sub in ("verify/messages", "arc/messages", "verify/maildir/cur", "verify/maildir/new", "sign"):
    d = os.path.join(ROOT, "tests/fixtures/dkim", sub)
    for f in sorted(os.listdir(d)):
        if f.endswith((".pem", ".txt", ".sh")):
            continue
        add("dkim_verify", f, open(os.path.join(d, f), "rb").read())
mbox = open(os.path.join(ROOT, "tests/fixtures/dkim/verify/mbox"), "rb").read()
add("mbox", "fixture-mbox", mbox)
add("dkim_verify", "fixture-mbox", mbox)
add("mbox", "mboxrd", b"From a@b Thu Jan  1 00:00:00 2026\nFrom: a@b\n\nhi\n>From here\n>>From x\n\nFrom c@d Thu Jan  1 00:00:01 2026\r\nFrom: c@d\r\n\r\nbye\r\n\r\n")

# MIME structure: the `mime show` fixtures.
d = os.path.join(ROOT, "tests/fixtures/mime")
for f in sorted(os.listdir(d)):
    if f.endswith(".eml"):
        add("mime", "fixture-" + f[:-4], open(os.path.join(d, f), "rb").read())
# S/MIME: real OpenSSL signatures and an encrypted message (`smime verify` fixtures), so the
# CMS parsing behind the signature part is reached from the first run.
d = os.path.join(ROOT, "tests/fixtures/smime")
for f in sorted(os.listdir(d)):
    if f.endswith(".eml"):
        add("mime", "smime-" + f[:-4], open(os.path.join(d, f), "rb").read())

total = 0
for target, fs in sorted(files.items()):
    d = os.path.join(CORPUS, target)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for name, data in fs.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
        total += len(data)
    print(f"{target}: {len(fs)} files, {sum(map(len, fs.values()))} bytes")
print(f"total {total} bytes", file=sys.stderr)
