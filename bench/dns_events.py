#!/usr/bin/env python3
"""Where did the time of `mailctl dns check --json` go? Queries, waves and the critical path.

usage: dns_events.py [--n 10] [--delay-ms 50] [--json OUT] -- MAILCTL dns check ... --json

Runs the command N times (sequentially, not timed against anything else) and reads its JSON
Lines: every `dns_query` event (t_ms when sent) and `dns_answer` event (t_ms when answered, ms
it took). Per run: the number of queries, the sum of their times (what a resolver asking one
question at a time would spend), and the span from the first question to the last answer.

Each query gets a "wave": 1 + round((sent - first sent) / delay). With a server that answers
everything after `delay`, a question sent in wave k could only be sent after k-1 answers in a
row. EXPECTED below is, for this bench zone, the earliest wave each question can be sent in
given its data dependencies (computed by hand, see bench/README.md); a question sent later
than that was waiting for something it does not depend on, i.e. it was serialized. The run
with the median span is printed question by question, with LATE marks.
"""
import argparse
import json
import statistics
import subprocess
import sys

# Earliest possible wave of each question for the bench.test zone (data dependencies only).
EXPECTED = {
    ("bench.test", "TXT"): 1,          # SPF root
    ("bench.test", "MX"): 1,           # MX audit (and mx:bench.test in _spf1, wave 3 at most)
    ("_dmarc.bench.test", "TXT"): 1,
    ("s1._domainkey.bench.test", "TXT"): 1,
    ("_mta-sts.bench.test", "TXT"): 1,
    ("_smtp._tls.bench.test", "TXT"): 1,
    ("default._bimi.bench.test", "TXT"): 1,
    ("mx1.bench.test", "A"): 2,        # after MX bench.test
    ("mx1.bench.test", "AAAA"): 2,
    ("mx2.bench.test", "A"): 2,
    ("mx2.bench.test", "AAAA"): 2,
    ("_spf1.bench.test", "TXT"): 2,    # after TXT bench.test
    ("bench.test", "A"): 3,            # a:bench.test, after TXT _spf1
    ("bench.test", "AAAA"): 3,
    ("_spf2.bench.test", "TXT"): 3,    # after TXT _spf1
    ("_spf3.bench.test", "TXT"): 4,    # after TXT _spf2
}
CHAIN = max(EXPECTED.values())


def run(cmd):
    r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("command exited %d:\n%s%s" % (r.returncode, r.stdout[-3000:], r.stderr[-3000:]))
    sent, answered, summary = {}, {}, None
    for line in r.stdout.splitlines():
        try:
            e = json.loads(line)
        except ValueError:
            continue
        k = (e.get("name"), e.get("qtype"))
        if e.get("type") == "dns_query":
            sent[k] = e["t_ms"]
        elif e.get("type") == "dns_answer":
            answered[k] = (e["t_ms"], e["ms"], e.get("outcome"))
        elif "t_ms" not in e:
            summary = e
    return sent, answered, summary


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10)
    ap.add_argument("--delay-ms", type=float, default=50.0)
    ap.add_argument("--json", help="append a JSON result line to this file")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    runs = []
    for _ in range(a.n):
        sent, answered, summary = run(cmd)
        first = min(sent.values())
        last = max(t for t, _, _ in answered.values())
        waves = {k: 1 + round((t - first) / a.delay_ms) for k, t in sent.items()}
        runs.append({
            "queries": len(sent),
            "serial_ms": sum(ms for _, ms, _ in answered.values()),
            "span_ms": last - first,
            "first_ms": first,
            "last_ms": last,
            "waves": max(waves.values()),
            "sent": sent, "answered": answered, "wave": waves,
            "late": sorted(k for k, w in waves.items() if w > EXPECTED.get(k, 1)),
            "unexpected": sorted(k for k in sent if k not in EXPECTED),
        })
    med = statistics.median(r["span_ms"] for r in runs)
    rep = min(runs, key=lambda r: abs(r["span_ms"] - med))
    print("queries per run: %s (distinct questions; each asked once)" % sorted({r["queries"] for r in runs}))
    print("sum of query times (serial equivalent): median %.1f ms" % statistics.median(r["serial_ms"] for r in runs))
    print("first question sent at t=%.1f ms (median); first question -> last answer: median %.1f ms"
          % (statistics.median(r["first_ms"] for r in runs), med))
    print("waves of %g ms used: %s (dependency chain of the zone: %d)"
          % (a.delay_ms, sorted({r["waves"] for r in runs}), CHAIN))
    print("\nrun with the median span (t_ms since mailctl's start):")
    print("  %-28s %-5s %8s %8s %5s %5s" % ("question", "type", "sent", "answer", "wave", "ideal"))
    for k in sorted(rep["sent"], key=lambda k: rep["sent"][k]):
        w, x = rep["wave"][k], EXPECTED.get(k)
        t_ans = rep["answered"].get(k, (float("nan"), 0, "?"))[0]
        mark = "LATE" if x is not None and w > x else ("not expected" if x is None else "")
        print("  %-28s %-5s %8.1f %8.1f %5d %5s %s" % (k[0], k[1], rep["sent"][k], t_ans, w,
                                                       x if x is not None else "-", mark))
    late = sorted({k for r in runs for k in r["late"]})
    print("\nquestions sent later than their dependencies allow (in any run): %s"
          % (", ".join("%s %s" % k for k in late) or "none"))
    if a.json:
        with open(a.json, "a") as f:
            f.write(json.dumps({
                "name": "dns-events", "n": a.n, "chain": CHAIN,
                "queries": [r["queries"] for r in runs],
                "serial_ms": [r["serial_ms"] for r in runs],
                "span_ms": [r["span_ms"] for r in runs],
                "waves": [r["waves"] for r in runs],
                "late": ["%s %s" % k for k in late],
            }) + "\n")


if __name__ == "__main__":
    main()
