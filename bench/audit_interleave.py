#!/usr/bin/env python3
"""bench/interleave.py, unchanged, except that the exit codes given with --ok-exit count as
success (every other non-zero exit still aborts the benchmark).

usage: audit_interleave.py --ok-exit 11 [interleave.py arguments...]

Why: `mailctl audit` exits 11 when its worst finding is a warning, and on this all-loopback
bench every MX address gets one (rdns-unconfirmed: mailctl's resolver, hickory, answers PTR for
127/8 itself with "localhost", which does not resolve back to 127.0.1.x). The audit's content is
checked separately (bench/audit_events.py): every probe complete, no error finding.
Timing is interleave.py's own: the same subprocess.run call, only its return code is mapped.
"""
import os
import subprocess
import sys
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import interleave  # noqa: E402  (bench/interleave.py)


def main():
    args = sys.argv[1:]
    ok = set()
    while args[:1] == ["--ok-exit"]:
        ok |= {int(x) for x in args[1].split(",")}
        args = args[2:]
    real_run = subprocess.run

    def run(*a, **k):
        r = real_run(*a, **k)
        if r.returncode in ok:
            r.returncode = 0
        return r

    interleave.subprocess = types.SimpleNamespace(run=run, DEVNULL=subprocess.DEVNULL,
                                                  PIPE=subprocess.PIPE)
    sys.argv = [sys.argv[0]] + args
    interleave.main()


if __name__ == "__main__":
    main()
