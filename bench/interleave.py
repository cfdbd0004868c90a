#!/usr/bin/env python3
"""Interleaved wall-clock benchmark of two or more commands.

usage: interleave.py --name NAME --n N [--warmup W] [--json OUT] LABEL=CMD [LABEL=CMD ...]

CMD is split with shlex and exec'd directly (no shell, so no shell start-up in
the numbers). Runs alternate A,B,(C),A,B,... so slow drift of the machine or of
the server hits every command equally. Each run's wall time is measured with
time.perf_counter() (monotonic) around subprocess.run(). Every run must exit 0,
otherwise the benchmark aborts (exit 1) and shows that run's output.

The first LABEL is the numerator of the ratio, the second the denominator
(e.g. mailctl=... swaks=...  ->  ratio mailctl/swaks). Extra labels (e.g. a
/bin/true floor) are measured and reported but not part of the ratio.
"""
import argparse
import json
import shlex
import statistics
import subprocess
import sys
import time


def pct(xs, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    s = sorted(xs)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def run_once(argv):
    t0 = time.perf_counter()
    r = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    dt = (time.perf_counter() - t0) * 1000.0
    return dt, r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--json", help="append a JSON result line to this file")
    ap.add_argument("cmds", nargs="+", metavar="LABEL=CMD")
    a = ap.parse_args()

    cmds = []
    for c in a.cmds:
        label, _, cmd = c.partition("=")
        cmds.append((label, shlex.split(cmd)))

    def check(label, i, r):
        if r.returncode != 0:
            sys.stderr.write(
                "ABORT: %s run %s of '%s' exited %d\n  cmd: %s\n--- stdout\n%s--- stderr\n%s"
                % (label, i, a.name, r.returncode, shlex.join(dict(cmds)[label]),
                   r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace")))
            sys.exit(1)

    for i in range(a.warmup):
        for label, argv in cmds:
            _, r = run_once(argv)
            check(label, "warmup %d" % i, r)

    times = {label: [] for label, _ in cmds}
    for i in range(a.n):
        # alternate the order each round too: A,B | B,A | A,B ...
        order = cmds if i % 2 == 0 else list(reversed(cmds))
        for label, argv in order:
            dt, r = run_once(argv)
            check(label, i, r)
            times[label].append(dt)

    res = {"name": a.name, "n": a.n, "stats": {}}
    for label, _ in cmds:
        xs = times[label]
        res["stats"][label] = {
            "median_ms": statistics.median(xs),
            "p90_ms": pct(xs, 90),
            "min_ms": min(xs),
            "max_ms": max(xs),
        }
    if len(cmds) >= 2:
        num, den = cmds[0][0], cmds[1][0]
        sn, sd = res["stats"][num], res["stats"][den]
        res["ratio_label"] = "%s/%s" % (num, den)
        res["ratio_median"] = sn["median_ms"] / sd["median_ms"]
        res["ratio_p90"] = sn["p90_ms"] / sd["p90_ms"]
    res["times_ms"] = times
    if a.json:
        with open(a.json, "a") as f:
            f.write(json.dumps(res) + "\n")
    json.dump({k: v for k, v in res.items() if k != "times_ms"}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
