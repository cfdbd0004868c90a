#!/usr/bin/python3
"""Generate the DKIM benchmark corpus once: keys + a Maildir of N messages signed by dkimpy.

usage: dkim_gen.py --out DIR [--n 10000]

Needs Debian's python3-dkim (dkimpy) and python3-nacl, and openssl. Idempotent: if
DIR/maildir and DIR/STAMP exist and match (count, selectors, generator version) nothing is
done; otherwise keys are created only when missing and the Maildir is rebuilt in
DIR/maildir.tmp and renamed into place.

Writes: DIR/keys/<selector>.key, DIR/keys.json (selector -> TXT record), DIR/maildir/{cur,new,tmp}
(one message per file, LF line ends as a delivery agent stores them, `,S=` size in the name),
DIR/STAMP. Selectors (domain bench.test): rsa1, rsa2, rsa3 (RSA-2048, rsa-sha256) and ed1, ed2
(Ed25519, ed25519-sha256), message i signed with SELECTORS[i % 5] -> 60 % RSA, 40 % Ed25519.
Signing is relaxed/relaxed, t= fixed (no x=), so the files are reproducible for given keys.
Messages: ~2-5 KB, two Received, Return-Path, Authentication-Results, From/To/Cc, Subject, Date,
Message-ID, MIME-Version, Content-Type (half plain, half multipart/alternative), List-Id, etc.
"""
import argparse, base64, json, multiprocessing, os, random, shutil, subprocess, sys

import dkim
import nacl.signing

VERSION = "dkim-gen-2"
DOMAIN = b"bench.test"
T0 = 1795392000  # 2026-11-23T00:00:00Z, fixed t=
SELECTORS = ["rsa1", "ed1", "rsa2", "ed2", "rsa3"]
SIGNED = [b"from", b"to", b"cc", b"subject", b"date", b"message-id", b"mime-version",
          b"content-type", b"list-id", b"reply-to"]
dkim.time.time = lambda: T0

WORDS = ("the of and to in is for on that with as this by be are from at it an or we our will "
         "report quarter budget review meeting schedule project release server update invoice "
         "customer delivery numbers forecast team draft proposal attached please confirm thanks "
         "regards planning deadline contract renewal support ticket migration cluster latency "
         "throughput dashboard summary figures action items follow-up agenda minutes").split()
NAMES = ["Alice Martin", "Bob Chen", "Carol Diaz", "Dan Okafor", "Eve Larsen", "Frank Moreau",
         "Grace Kim", "Heidi Novak", "Ivan Petrov", "Judy Silva"]


def rsa_key(kdir, sel):
    f = os.path.join(kdir, sel + ".key")
    if not os.path.exists(f):
        subprocess.run(["openssl", "genrsa", "-traditional", "-out", f + ".tmp", "2048"],
                       check=True, stderr=subprocess.DEVNULL)
        os.rename(f + ".tmp", f)
    der = subprocess.run(["openssl", "rsa", "-in", f, "-pubout", "-outform", "DER"], check=True,
                         capture_output=True).stdout
    return open(f, "rb").read(), "v=DKIM1; k=rsa; p=" + base64.b64encode(der).decode()


def ed_key(kdir, sel):
    f = os.path.join(kdir, sel + ".key")
    if not os.path.exists(f):
        seed = nacl.signing.SigningKey.generate().encode()
        open(f + ".tmp", "wb").write(base64.b64encode(seed) + b"\n")
        os.rename(f + ".tmp", f)
    seed_b64 = open(f, "rb").read().strip()
    pub = nacl.signing.SigningKey(base64.b64decode(seed_b64)).verify_key.encode()
    return seed_b64, "v=DKIM1; k=ed25519; p=" + base64.b64encode(pub).decode()


def addr(name):
    return name.split()[0].lower() + "@bench.test"


def para(r, nwords):
    words = [r.choice(WORDS) for _ in range(nwords)]
    words[0] = words[0].capitalize()
    lines, cur = [], ""
    for w in words:
        if len(cur) + len(w) + 1 > 72:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w) if cur else w
    lines.append(cur + ".")
    return "\r\n".join(lines)


def message(i):
    r = random.Random(i)
    frm, to, cc = r.sample(NAMES, 3)
    ts = T0 - 86400 + i * 7
    date = __import__("email.utils").utils.formatdate(ts, localtime=False)
    mid = "<%d.%08x@mail.bench.test>" % (ts, r.getrandbits(32))
    target = r.randint(2000, 4800)
    paras = []
    while sum(len(p) for p in paras) < target - 900:
        paras.append(para(r, r.randint(20, 70)))
    text = "Hi %s,\r\n\r\n%s\r\n\r\n-- \r\n%s\r\n" % (to.split()[0], "\r\n\r\n".join(paras), frm)
    hdr = [
        "Return-Path: <%s>" % addr(frm),
        "Received: from mail.bench.test (mail.bench.test [192.0.2.%d])\r\n\tby mx1.example.org "
        "(Postfix) with ESMTPS id %08X\r\n\tfor <%s>; %s" % (r.randint(2, 250), r.getrandbits(32), addr(to), date),
        "Received: from [10.0.0.%d] (unknown [10.0.0.%d])\r\n\tby mail.bench.test (Postfix) with "
        "ESMTPSA id %08X;\r\n\t%s" % (r.randint(2, 250), r.randint(2, 250), r.getrandbits(32), date),
        "From: %s <%s>" % (frm, addr(frm)),
        "To: %s <%s>" % (to, addr(to)),
        "Cc: %s <%s>" % (cc, addr(cc)),
        "Reply-To: %s <%s>" % (frm, addr(frm)),
        "Subject: Re: %s %s #%d" % (r.choice(WORDS), r.choice(WORDS), i),
        "Date: %s" % date,
        "Message-ID: %s" % mid,
        "MIME-Version: 1.0",
        "List-Id: Team updates <team.bench.test>",
        "X-Mailer: bench-gen 1.0",
    ]
    if i % 2:
        b = "b1_%032x" % r.getrandbits(128)
        hdr.append('Content-Type: multipart/alternative;\r\n boundary="%s"' % b)
        html = "<html><body><p>" + text.replace("\r\n\r\n", "</p>\r\n<p>") + "</p></body></html>\r\n"
        body = ("This is a multi-part message in MIME format.\r\n\r\n--%s\r\n"
                "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s\r\n"
                "--%s\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                "%s\r\n--%s--\r\n" % (b, half(text), b, half(html), b))
    else:
        hdr.append("Content-Type: text/plain; charset=utf-8; format=flowed")
        hdr.append("Content-Transfer-Encoding: 8bit")
        body = text
    return ("\r\n".join(hdr) + "\r\n\r\n" + body).encode()


def half(s):
    """The first half of s, cut at a line end (a cut inside CRLF would leave a bare CR)."""
    return s[: s.index("\r\n", len(s) // 2)]


KEYS = {}


def sign_one(i):
    sel = SELECTORS[i % len(SELECTORS)]
    key, algo = KEYS[sel]
    msg = message(i)
    sig = dkim.sign(msg, sel.encode(), DOMAIN, key, canonicalize=(b"relaxed", b"relaxed"),
                    signature_algorithm=algo, include_headers=SIGNED)
    # Authentication-Results of the receiving MX on top, as a delivered message has it.
    ar = b"Authentication-Results: mx1.example.org; spf=pass smtp.mailfrom=bench.test\r\n"
    out = (ar + sig + msg).replace(b"\r\n", b"\n")
    return i, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--n", type=int, default=10000)
    a = ap.parse_args()
    out = a.out
    md = os.path.join(out, "maildir")
    stamp = "%s n=%d selectors=%s\n" % (VERSION, a.n, ",".join(SELECTORS))
    sp = os.path.join(out, "STAMP")
    if os.path.isdir(md) and os.path.exists(sp) and open(sp).read() == stamp:
        print("corpus: %s up to date (%s)" % (md, stamp.strip()), file=sys.stderr)
        return
    kdir = os.path.join(out, "keys")
    os.makedirs(kdir, exist_ok=True)
    recs = {}
    for sel in SELECTORS:
        if sel.startswith("rsa"):
            k, recs[sel] = rsa_key(kdir, sel)
            KEYS[sel] = (k, b"rsa-sha256")
        else:
            k, recs[sel] = ed_key(kdir, sel)
            KEYS[sel] = (k, b"ed25519-sha256")
    json.dump(recs, open(os.path.join(out, "keys.json"), "w"), indent=1, sort_keys=True)
    tmp = md + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    for d in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(tmp, d))
    print("corpus: signing %d messages with dkimpy (%d processes)..." % (a.n, os.cpu_count()),
          file=sys.stderr)
    total = 0
    with multiprocessing.Pool() as pool:
        for i, data in pool.imap_unordered(sign_one, range(a.n), chunksize=64):
            sub = "cur" if i % 4 else "new"
            name = "%d.M%dP1.bench,S=%d" % (T0 + i, i, len(data)) + (":2,S" if sub == "cur" else "")
            with open(os.path.join(tmp, sub, name), "wb") as f:
                f.write(data)
            total += len(data)
    if os.path.exists(sp):
        os.remove(sp)
    shutil.rmtree(md, ignore_errors=True)
    os.rename(tmp, md)
    open(sp, "w").write(stamp)
    print("corpus: %d messages, %.1f MB, mean %.0f bytes -> %s" % (a.n, total / 1e6, total / a.n, md),
          file=sys.stderr)


if __name__ == "__main__":
    main()
