#!/usr/bin/env python3
"""The Python-stdlib baseline for the 10k-headers benchmark: the same work as
`mailctl imap fetch MAILBOX 1:*` (header table).

usage: fetch_imaplib.py HOST PORT CAFILE USER MAILBOX      (password in env MAILCTL_BENCH_PW)

IMAPS to HOST:PORT, certificate verified against CAFILE (host name = HOST; the rig cert has
IP:127.0.0.1), LOGIN, EXAMINE MAILBOX, one
`FETCH 1:* (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (DATE FROM SUBJECT)])`,
each response parsed into (uid, flags, size, date, from, subject) and printed as a table
row on stdout, LOGOUT. Exits 1 unless at least one row came back.
"""
import imaplib
import os
import re
import ssl
import sys

ITEMS = re.compile(rb"UID (\d+)|FLAGS \(([^)]*)\)|RFC822\.SIZE (\d+)")


def header_fields(raw):
    fields = {}
    name = None
    for line in raw.decode("utf-8", "replace").split("\r\n"):
        if line[:1] in (" ", "\t") and name:
            fields[name] += " " + line.strip()
        elif ":" in line:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            fields[name] = value.strip()
    return fields.get("date", ""), fields.get("from", ""), fields.get("subject", "")


def main():
    host, port, cafile, user, mailbox = sys.argv[1:6]
    ctx = ssl.create_default_context(cafile=cafile)
    m = imaplib.IMAP4_SSL(host, int(port), ssl_context=ctx)
    m.login(user, os.environ["MAILCTL_BENCH_PW"])
    typ, _ = m.select(mailbox, readonly=True)
    if typ != "OK":
        sys.exit("EXAMINE failed")
    typ, data = m.fetch(
        "1:*", "(UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (DATE FROM SUBJECT)])"
    )
    if typ != "OK":
        sys.exit("FETCH failed")
    out = []
    for item in data:
        if not isinstance(item, tuple):
            continue  # the ")" closing each response
        prefix, literal = item
        uid = flags = size = b""
        for u, f, s in ITEMS.findall(prefix):
            uid, flags, size = u or uid, f or flags, s or size
        date, frm, subj = header_fields(literal)
        out.append("%s\t%s\t%s\t%s\t%s\t%s" % (uid.decode(), date, frm, subj, size.decode(),
                                                flags.decode()))
    m.logout()
    if not out:
        sys.exit("no rows")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
