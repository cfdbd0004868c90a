#!/usr/bin/env python3
"""Rewrite the results table of fuzz/README.md (between the `results` markers) from the
summary.tsv that fuzz/run-all.sh appends to: the latest line for each target and max_len."""

import os
import sys

readme = os.path.join(os.path.dirname(os.path.abspath(__file__)), "README.md")
summary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(readme), "work", "summary.tsv")
rows = {}
with open(summary) as f:
    head = f.readline().rstrip("\n").split("\t")
    for line in f:
        r = dict(zip(head, line.rstrip("\n").split("\t")))
        rows[(r["target"], r["max_len"])] = r


def num(s):
    try:
        return f"{int(float(s)):,}"
    except ValueError:
        return s


table = [
    "| target | max_len | executions | wall time | exec/s | corpus (files/size) | coverage | peak RSS | result |",
    "| --- | ---: | ---: | ---: | ---: | --- | --- | ---: | --- |",
]
for (t, ml), r in rows.items():
    wall = int(r["wall_s"])
    table.append(
        f"| `{t}` | {int(ml) // 1024} KiB | {num(r['execs'])} | {wall // 60} min {wall % 60:02d} s | "
        f"{num(r['exec_per_s'])} | {r['corpus']} | {r['coverage']} | {r['peak_rss_mb']} MB | {r['result']} |"
    )
targets = [l[:-3] for l in sorted(os.listdir(os.path.join(os.path.dirname(readme), "fuzz_targets")))]
missing = [f"`{t}`" for t in targets if (t, "65536") not in rows]
missing += [f"`{t}` (1 MiB)" for t in ("smtp_reply", "pop3", "imap") if (t, "1048576") not in rows]
if missing:
    table.append("")
    table.append("Not run yet: " + ", ".join(missing) + ".")
text = open(readme).read()
start = text.index("<!-- results -->") + len("<!-- results -->")
end = text.index("<!-- /results -->")
open(readme, "w").write(text[:start] + "\n" + "\n".join(table) + "\n" + text[end:])
print("\n".join(table))
