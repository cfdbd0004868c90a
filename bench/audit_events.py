#!/usr/bin/env python3
"""Where did the time of `mailctl audit auditbench.test --json` go? DNS waves, probes, overlap.

usage: audit_events.py [--n 10] [--delay-ms 50] [--hosts 4] [--per-host 2] [--ok-exit 0,11]
                       [--json OUT] [--save-median FILE] -- MAILCTL audit ... --json

Runs the command N times, one after another, and reads its JSON Lines. Checks, or exits 1:
every MX host (--hosts) has --per-host addresses, each probed once, with a 220 greeting,
STARTTLS offered, a TLS handshake, a certificate valid for the MX name and an EHLO inside TLS,
and no failure.

Clocks: the top-level `dns_query`/`dns_answer` events carry t_ms since the command started.
Each probe's own transcript restarts at 0 (its session's clock), so a probe's start on the
command's clock is taken from the PTR question for its address: the audit asks it as the probe
starts (rdns::lookup is joined with the probe), and it shows on the top-level clock. A probe
then spans [PTR question, + attempt total_ms]. From that: how many probes were open at once,
first/last start, last end. Since 6c07e0a each address that completed STARTTLS gets two more
connections, TLS 1.0 and 1.1 offered with crafted ClientHellos (`legacy_tls`): they start when the
address's probe (and its reverse DNS, local here) is done, so they are placed at its end; they
must each have an answer (ServerHello, alert or close) and no failure. Since 51dee78 the audit
fetches the MTA-STS policy (`mta_sts_policy`): it must be usable, with no failure.

Waves: each question sent at t gets wave 1 + round((t - first question) / delay). EXPECTED is
the earliest wave each question of this zone can be sent in, given only its data dependencies
(by hand, see bench/README.md); later than that is marked LATE (it waited for something it does
not depend on). Questions hickory answers itself (127/8 PTR and `localhost`, < 1 ms) are listed
apart: they never reach the server.

The median run (by total_ms) is printed event by event.
"""
import argparse
import json
import statistics
import subprocess
import sys
import time

ZONE = "auditbench.test"
EXPECTED = {(ZONE, "MX"): 1, (ZONE, "TXT"): 1}
for n in ("_dmarc", "s1._domainkey", "_mta-sts", "_smtp._tls", "default._bimi"):
    EXPECTED[("%s.%s" % (n, ZONE), "TXT")] = 1
for s in ("submissions", "submission", "imaps", "imap", "pop3s", "pop3"):
    EXPECTED[("_%s._tcp.%s" % (s, ZONE), "SRV")] = 1
for i in (1, 2, 3, 4):
    EXPECTED[("mx%d.%s" % (i, ZONE), "A")] = 2        # after MX
    EXPECTED[("mx%d.%s" % (i, ZONE), "AAAA")] = 2
    EXPECTED[("_25._tcp.mx%d.%s" % (i, ZONE), "TLSA")] = 2   # needs only the MX host name
EXPECTED[("mta-sts." + ZONE, "A")] = 1                  # the MTA-STS policy host (since 51dee78)
EXPECTED[("mta-sts." + ZONE, "AAAA")] = 1
EXPECTED[("_spf1." + ZONE, "TXT")] = 2                  # after TXT apex
EXPECTED[(ZONE, "A")] = 3                               # a:auditbench.test in _spf1
EXPECTED[(ZONE, "AAAA")] = 3
EXPECTED[("_spf2." + ZONE, "TXT")] = 3
EXPECTED[("_spf3." + ZONE, "TXT")] = 4


def reverse_name(ip):
    return ".".join(reversed(ip.split("."))) + ".in-addr.arpa"


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def one(cmd, ok_exit, hosts, per_host, delay):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    wall = (time.perf_counter() - t0) * 1000.0
    if r.returncode not in ok_exit:
        sys.exit("command exited %d:\n%s%s" % (r.returncode, r.stdout[-3000:], r.stderr[-3000:]))
    events, summary = [], None
    for line in r.stdout.splitlines():
        try:
            e = json.loads(line)
        except ValueError:
            continue
        if e.get("type") == "summary":
            summary = e
        elif "t_ms" in e:
            events.append(e)
    if summary is None:
        sys.exit("no summary line in the output")
    sent, answered = {}, {}
    for e in events:
        k = (e.get("name"), e.get("qtype"))
        if e["type"] == "dns_query":
            sent.setdefault(k, e["t_ms"])
        elif e["type"] == "dns_answer":
            answered.setdefault(k, (e["t_ms"], e["ms"], e.get("outcome")))
    problems = []
    if len(summary["mx"]) != hosts:
        problems.append("%d MX hosts, expected %d" % (len(summary["mx"]), hosts))
    probes, legacy = [], []
    for m in summary["mx"]:
        if len(m["addresses"]) != per_host:
            problems.append("%s: %d addresses" % (m["host"], len(m["addresses"])))
        for a in m["addresses"]:
            at = a["attempts"]
            if len(at) != 1:
                problems.append("%s %s: %d attempts" % (m["host"], a["address"], len(at)))
                continue
            at = at[0]
            tls = at.get("tls") or {}
            ok = (at.get("banner_code") == 220 and at.get("starttls_offered") and tls
                  and tls.get("pkix_valid") and at.get("extensions_tls") and not at.get("failure"))
            if not ok:
                problems.append("%s %s: incomplete probe: %s" % (
                    m["host"], a["address"], json.dumps({k: at.get(k) for k in (
                        "banner_code", "starttls_offered", "failure")})))
            # `started_ms` (since ed99865) is the probe's start on the command's clock; before
            # it, the reverse-DNS question the audit asks as the probe starts stands in for it.
            start = at.get("started_ms", sent.get((reverse_name(a["address"]), "PTR")))
            if start is None:
                problems.append("%s %s: no PTR question to place the probe on the clock" % (m["host"], a["address"]))
                continue
            probes.append({"host": m["host"], "address": a["address"], "start": start,
                           "end": start + at["total_ms"], "total_ms": at["total_ms"],
                           "timings": at["timings_ms"], "tls": tls.get("version")})
            # TLS 1.0/1.1 probes (since 6c07e0a): started after the probe above until ed99865,
            # beside it since (their own `started_ms`).
            for lg in a.get("legacy_tls", []):
                lstart = lg.get("started_ms", start + at["total_ms"])
                if lg.get("failure") or lg.get("answer") is None:
                    problems.append("%s %s: %s probe incomplete: %s" % (
                        m["host"], a["address"], lg.get("offered"), json.dumps(lg.get("failure"))))
                legacy.append({"host": m["host"], "address": a["address"], "offered": lg.get("offered"),
                               "start": lstart,
                               "end": lstart + lg["total_ms"],
                               "total_ms": lg["total_ms"], "timings": lg["timings_ms"],
                               "accepted": lg.get("accepted"), "summary": lg.get("summary", "")})
    sts = summary.get("mta_sts_policy")
    if sts is not None and (sts.get("failure") or not sts.get("usable")):
        problems.append("MTA-STS policy fetch: usable %s, failure %s" % (sts.get("usable"), json.dumps(sts.get("failure"))))
    if problems:
        sys.exit("audit output does not show %d complete probes:\n  %s" % (hosts * per_host, "\n  ".join(problems)))
    # Local answers (hickory, RFC 6761): PTR 127/8, localhost A/AAAA -- never reach the server.
    local = {k for k, (t, ms, o) in answered.items() if ms < 1.0}
    remote = {k: t for k, t in sent.items() if k not in local}
    first = min(remote.values())
    waves = {k: 1 + round((t - first) / delay) for k, t in remote.items()}
    late = sorted("%s %s (wave %d, could be %d)" % (k[0], k[1], w, EXPECTED[k])
                  for k, w in waves.items() if k in EXPECTED and w > EXPECTED[k])
    unexpected = sorted("%s %s" % k for k in remote if k not in EXPECTED)
    # Probes open at once (sweep).
    marks = sorted([(p["start"], 1) for p in probes + legacy] + [(p["end"], -1) for p in probes + legacy])
    cur = peak = 0
    for _, d in marks:
        cur += d
        peak = max(peak, cur)
    addr_ans = [answered[k][0] for k in answered
                if k[0].startswith("mx") and k[0].endswith("." + ZONE) and k[1] in ("A", "AAAA")]
    mx_ans = answered.get((ZONE, "MX"), (float("nan"),))[0]
    remote_answers = [t for k, (t, ms, o) in answered.items() if k not in local]
    return {
        "total_ms": summary["total_ms"],
        "wall_ms": wall,
        "outside_ms": wall - summary["total_ms"],
        "exit": r.returncode,
        "first_question_ms": first,
        "mx_answer_ms": mx_ans,
        "addresses_answered_ms": max(addr_ans),
        "probe_first_start_ms": min(p["start"] for p in probes),
        "probe_last_start_ms": max(p["start"] for p in probes),
        "probe_last_end_ms": max(p["end"] for p in probes),
        "mta_sts_ms": sts["total_ms"] if sts else float("nan"),
        "legacy_probes": len(legacy),
        "legacy_last_end_ms": max([p["end"] for p in legacy] or [float("nan")]),
        "legacy_total_ms": [p["total_ms"] for p in legacy],
        "legacy_accepted": sum(1 for p in legacy if p["accepted"]),
        "last_dns_answer_ms": max(remote_answers),
        "probes_open_at_once": peak,
        "probe_sum_ms": sum(p["total_ms"] for p in probes),
        "probe_total_ms": [p["total_ms"] for p in probes],
        "phase_ms": {ph: [p["timings"].get(ph, 0.0) for p in probes]
                     for ph in ("connect", "banner", "ehlo", "starttls", "tls", "quit")},
        "questions_remote": len(remote),
        "questions_local": len(local),
        "max_wave": max(waves.values()),
        "late": late,
        "unexpected": unexpected,
        "events": events,
        "probes": probes,
        "legacy": legacy,
        "waves": {"%s %s" % k: w for k, w in waves.items()},
        "local": sorted("%s %s" % k for k in local),
        "findings": sorted({f["code"] for f in summary.get("findings", []) if f.get("severity") not in ("ok",)}),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10)
    ap.add_argument("--delay-ms", type=float, default=50.0)
    ap.add_argument("--hosts", type=int, default=4)
    ap.add_argument("--per-host", type=int, default=2)
    ap.add_argument("--ok-exit", default="0,11", help="exit codes accepted (11: warnings)")
    ap.add_argument("--json", help="append a JSON result line to this file")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    ok_exit = {int(x) for x in a.ok_exit.split(",")}
    runs = [one(cmd, ok_exit, a.hosts, a.per_host, a.delay_ms) for _ in range(a.n)]
    keys = ["total_ms", "wall_ms", "outside_ms", "first_question_ms", "mx_answer_ms", "addresses_answered_ms",
            "probe_first_start_ms", "probe_last_start_ms", "probe_last_end_ms",
            "last_dns_answer_ms", "probes_open_at_once", "probe_sum_ms", "legacy_probes",
            "legacy_last_end_ms", "legacy_accepted", "mta_sts_ms"]
    agg = {k: med([r[k] for r in runs]) for k in keys}
    allp = [x for r in runs for x in r["probe_total_ms"]]
    agg["probe_total_median_ms"] = med(allp)
    agg["probe_total_p90_ms"] = sorted(allp)[max(0, int(round(0.9 * len(allp) + 0.5)) - 1)]
    allg = [x for r in runs for x in r["legacy_total_ms"]]
    agg["legacy_total_median_ms"] = med(allg)
    agg["phase_median_ms"] = {ph: med([x for r in runs for x in r["phase_ms"][ph]])
                              for ph in runs[0]["phase_ms"]}
    agg["min_probes_open_at_once"] = min(r["probes_open_at_once"] for r in runs)
    agg["questions_remote"] = sorted({r["questions_remote"] for r in runs})
    agg["questions_local"] = sorted({r["questions_local"] for r in runs})
    agg["max_wave"] = sorted({r["max_wave"] for r in runs})
    agg["late"] = sorted({x for r in runs for x in r["late"]})
    agg["unexpected"] = sorted({x for r in runs for x in r["unexpected"]})
    agg["findings_not_ok"] = sorted({x for r in runs for x in r["findings"]})
    agg["exits"] = sorted({r["exit"] for r in runs})
    if a.json:
        with open(a.json, "a") as f:
            f.write(json.dumps({"name": "audit-events", "n": a.n, "median": agg,
                                "runs": [{k: r[k] for k in keys + ["late"]} for r in runs]}) + "\n")
    m = sorted(runs, key=lambda r: r["total_ms"])[len(runs) // 2]
    print("median run (total_ms %.1f): DNS questions by wave, then the probes on the command's clock"
          % m["total_ms"])
    ans = {}
    for e in m["events"]:
        if e["type"] == "dns_answer":
            ans.setdefault((e["name"], e["qtype"]), e)
    for e in m["events"]:
        if e["type"] != "dns_query":
            continue
        k = (e["name"], e["qtype"])
        an = ans.get(k, {})
        w = m["waves"].get("%s %s" % k)
        mark = ""
        if w is None:
            mark = "local (hickory)"
        elif k in EXPECTED and w > EXPECTED[k]:
            mark = "LATE (could be wave %d)" % EXPECTED[k]
        print("  %8.1f -> %8.1f ms  wave %-2s %-40s %-5s %-8s %s" % (
            e["t_ms"], an.get("t_ms", float("nan")), w if w is not None else "-", k[0], k[1],
            an.get("outcome", "?"), mark))
    for p in sorted(m["probes"], key=lambda p: p["start"]):
        t = p["timings"]
        print("  probe %-22s %-11s %8.1f -> %8.1f ms (%.1f ms: connect %.1f, banner %.1f, ehlo %.1f, starttls %.1f, tls %.1f, quit %.1f) %s"
              % (p["host"], p["address"], p["start"], p["end"], p["total_ms"], t.get("connect", 0),
                 t.get("banner", 0), t.get("ehlo", 0), t.get("starttls", 0), t.get("tls", 0),
                 t.get("quit", 0), p["tls"]))
    for p in sorted(m["legacy"], key=lambda p: (p["start"], p["offered"])):
        t = p["timings"]
        print("  %-6s %-22s %-11s %8.1f -> %8.1f ms (%.1f ms: connect %.1f, banner %.1f, ehlo %.1f, starttls %.1f, tls %.1f) %s"
              % (p["offered"].replace(" ", ""), p["host"], p["address"], p["start"], p["end"], p["total_ms"],
                 t.get("connect", 0), t.get("banner", 0), t.get("ehlo", 0), t.get("starttls", 0),
                 t.get("tls", 0), p["summary"]))


if __name__ == "__main__":
    main()
