#!/usr/bin/env python3
"""Create the retrieval-benchmark fixtures in the rig's Maildirs, idempotently (run as root).

usage: fetch_fixtures.py MAILDIR_ROOT OWNER    (e.g. /tmp/mailctl-rig/mail/rig.test mailctl-rig)

- bob's Maildir++ folder .bench100m: one ~100 MiB message (IMAP mailbox "bench100m").
- bob's INBOX: a copy of the same message (POP3 sees only INBOX). Only ever added, never
  removed: other tests use bob's INBOX; they scan the first 16 KiB of each file only.
- bob's folder .bench10k: 10,000 small messages (IMAP mailbox "bench10k").

Files are written straight into cur/ (owner OWNER, mode 0600), with ,S=<size>,W=<CRLF size>
in the name so Dovecot never has to read a file just to learn its sizes. Content is
deterministic (seeded), so the expected sha256 of the message as served (CRLF) is stable.
A fixture already present (same base name) is left alone.

Prints KEY=VALUE lines: BIG_VSIZE (octets as served, CRLF), BIG_SHA256 (of the CRLF form),
BIG_LINES, N10K.
"""
import base64
import hashlib
import os
import pwd
import random
import sys

BIG_BASE = "1795400000.M1P1.bench100m"
SMALL_BASE = "1795400001.M%dP1.bench10k"
N_SMALL = 10000
RAW_PAYLOAD = 77_600_000  # raw bytes -> ~103.5 MB of base64 lines -> file just over 100 MiB


def big_message():
    head = (
        "Return-Path: <bench@rig.test>\n"
        "From: mailctl bench <bench@rig.test>\n"
        "To: bob@rig.test\n"
        "Subject: mailctl retrieval bench, 100 MiB\n"
        "Date: Mon, 23 Nov 2026 00:00:00 +0000\n"
        "Message-ID: <bench100m@rig.test>\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="bench-boundary"\n'
        "\n"
        "--bench-boundary\n"
        "Content-Type: text/plain; charset=us-ascii\n"
        "\n"
        "Lines that POP3 must dot-stuff and the client must unstuff:\n"
        ".a line starting with a dot\n"
        "..two dots\n"
        ".\n"
        "end of the text part\n"
        "--bench-boundary\n"
        "Content-Type: application/octet-stream; name=blob.bin\n"
        "Content-Transfer-Encoding: base64\n"
        'Content-Disposition: attachment; filename="blob.bin"\n'
        "\n"
    ).encode()
    payload = random.Random(20261123).randbytes(RAW_PAYLOAD)
    body = base64.encodebytes(payload)  # 76-char lines ending in LF
    return head + body + b"--bench-boundary--\n"


def small_message(i):
    rnd = random.Random(i)
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
    subj = " ".join(rnd.choice(words) for _ in range(rnd.randint(2, 7)))
    body = "".join(
        " ".join(rnd.choice(words) for _ in range(10)) + "\n" for _ in range(rnd.randint(3, 20))
    )
    day = 1 + i % 28
    return (
        f"Return-Path: <sender{i % 97}@example.org>\n"
        f"Received: from a.example.org by mail.rig.test; Mon, {day:02d} Nov 2026 10:{i % 60:02d}:00 +0000\n"
        f"From: Sender {i % 97} <sender{i % 97}@example.org>\n"
        f"To: bob@rig.test\n"
        f"Subject: bench10k #{i:05d} {subj}\n"
        f"Date: Mon, {day:02d} Nov 2026 10:{i % 60:02d}:{i % 59:02d} +0000\n"
        f"Message-ID: <bench10k-{i}@example.org>\n"
        f"MIME-Version: 1.0\n"
        f"Content-Type: text/plain; charset=us-ascii\n"
        f"\n{body}"
    ).encode()


def present(folder, base):
    for sub in ("cur", "new"):
        d = os.path.join(folder, sub)
        if os.path.isdir(d):
            for name in os.listdir(d):
                if name.startswith(base + ","):
                    return True
    return False


def ensure_folder(path, uid, gid):
    for sub in ("", "cur", "new", "tmp"):
        d = os.path.join(path, sub)
        os.makedirs(d, mode=0o700, exist_ok=True)
        os.chown(d, uid, gid)
    mf = os.path.join(path, "maildirfolder")
    if os.path.basename(path).startswith(".") and not os.path.exists(mf):
        open(mf, "w").close()
        os.chown(mf, uid, gid)


def put(folder, base, data, flags, uid, gid):
    """Write data into folder/tmp, then rename into cur/ (atomic, as Maildir wants)."""
    vsize = len(data) + data.count(b"\n")
    name = f"{base},S={len(data)},W={vsize}:2,{flags}"
    tmp = os.path.join(folder, "tmp", name)
    with open(tmp, "wb") as f:
        f.write(data)
    os.chown(tmp, uid, gid)
    os.chmod(tmp, 0o600)
    os.rename(tmp, os.path.join(folder, "cur", name))


def main():
    root, owner = sys.argv[1], sys.argv[2]
    pw = pwd.getpwnam(owner)
    uid, gid = pw.pw_uid, pw.pw_gid
    bob = os.path.join(root, "bob")
    f100 = os.path.join(bob, ".bench100m")
    f10k = os.path.join(bob, ".bench10k")
    ensure_folder(f100, uid, gid)
    ensure_folder(f10k, uid, gid)

    big = big_message()
    crlf = big.replace(b"\n", b"\r\n")
    for folder in (f100, bob):
        if not present(folder, BIG_BASE):
            put(folder, BIG_BASE, big, "", uid, gid)
            sys.stderr.write("fixtures: wrote the %d-byte message into %s\n" % (len(big), folder))

    have = set()
    for sub in ("cur", "new"):
        for name in os.listdir(os.path.join(f10k, sub)):
            have.add(name.split(",", 1)[0])
    made = 0
    for i in range(1, N_SMALL + 1):
        if SMALL_BASE % i not in have:
            put(f10k, SMALL_BASE % i, small_message(i), "S" if i % 3 else "", uid, gid)
            made += 1
    if made:
        sys.stderr.write("fixtures: wrote %d small messages into %s\n" % (made, f10k))

    print("BIG_VSIZE=%d" % len(crlf))
    print("BIG_SHA256=%s" % hashlib.sha256(crlf).hexdigest())
    print("BIG_LINES=%d" % big.count(b"\n"))
    print("N10K=%d" % N_SMALL)


if __name__ == "__main__":
    main()
