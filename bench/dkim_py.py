#!/usr/bin/python3
"""dkimpy baseline: verify every message of a Maildir in one Python process, keys cached.

usage: dkim_py.py --keys keys.json MAILDIR

Reads cur/ and new/ (sorted), normalizes line ends to CRLF (the files have LF, as a delivery
agent stores them; dkimpy's verify expects CRLF), and calls dkim.verify(msg, dnsfunc=...) where
dnsfunc returns the TXT record from a dict (keys.json), so no DNS at all: a cached key lookup.
Prints "verified N pass, M fail" and exits 1 if any message does not verify.
"""
import json, os, re, sys, argparse

import dkim


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keys", required=True)
    ap.add_argument("maildir")
    a = ap.parse_args()
    keys = {("%s._domainkey.bench.test." % s).encode(): t.encode()
            for s, t in json.load(open(a.keys)).items()}

    def dnsfunc(name, timeout=5):
        k = name if name.endswith(b".") else name + b"."
        return keys.get(k)

    lf = re.compile(rb"\r?\n")
    ok = bad = 0
    for sub in ("cur", "new"):
        d = os.path.join(a.maildir, sub)
        for fn in sorted(os.listdir(d)):
            with open(os.path.join(d, fn), "rb") as f:
                msg = lf.sub(b"\r\n", f.read())
            if dkim.verify(msg, dnsfunc=dnsfunc):
                ok += 1
            else:
                bad += 1
                if bad <= 5:
                    print("FAIL %s/%s" % (sub, fn), file=sys.stderr)
    print("verified %d pass, %d fail" % (ok, bad))
    sys.exit(1 if bad or not ok else 0)


if __name__ == "__main__":
    main()
