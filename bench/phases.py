#!/usr/bin/env python3
"""Per-phase breakdown of mailctl's own timings (diagnostic, not a comparison).

usage: phases.py --n N -- MAILCTL_CMD...   (the command must include --json)

Runs the command N times (sequentially), parses the summary object's
timings_ms / total_ms, and prints median and p90 per phase. It also counts
"stalls": gaps > 20 ms between consecutive events, grouped by the event they
precede, which is where a bimodal session time shows up.
"""
import argparse
import collections
import json
import statistics
import subprocess
import sys


def pct(xs, p):
    s = sorted(xs)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd

    phases = collections.defaultdict(list)
    totals = []
    stalls = collections.Counter()
    stall_ms = collections.defaultdict(list)
    for i in range(a.n):
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if r.returncode != 0:
            sys.stderr.write("ABORT: phases run %d exited %d\n%s%s" % (i, r.returncode, r.stdout, r.stderr))
            sys.exit(1)
        prev = 0.0
        summary = None
        for line in r.stdout.splitlines():
            d = json.loads(line)
            if d.get("type") == "summary":
                summary = d
                continue
            t = d.get("t_ms", prev)
            if t - prev > 20:
                what = "%s %s%s" % (d["type"], (d.get("line") or "")[:24],
                                    " (tls)" if d.get("tls") else "")
                stalls[what.strip()] += 1
                stall_ms[what.strip()].append(t - prev)
            prev = t
        if summary is None:
            sys.stderr.write("ABORT: no summary object in --json output\n")
            sys.exit(1)
        totals.append(summary["total_ms"])
        for k, v in summary["timings_ms"].items():
            phases[k].append(v)

    print("  %-10s %9s %9s" % ("phase", "median", "p90"))
    order = ["connect", "banner", "ehlo", "starttls", "tls", "auth", "mail", "rcpt", "data", "quit"]
    for k in order + sorted(set(phases) - set(order)):
        if k in phases:
            xs = phases[k]
            print("  %-10s %7.2fms %7.2fms" % (k, statistics.median(xs), pct(xs, 90)))
    print("  %-10s %7.2fms %7.2fms   (mailctl's own total_ms, n=%d)"
          % ("TOTAL", statistics.median(totals), pct(totals, 90), a.n))
    if stalls:
        print("  stalls > 20 ms (gap before event: runs, median gap):")
        for what, c in stalls.most_common():
            print("    %-44s %2d/%d  %.1f ms" % (what, c, a.n, statistics.median(stall_ms[what])))
    else:
        print("  no stalls > 20 ms")


if __name__ == "__main__":
    main()
