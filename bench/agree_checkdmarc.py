#!/usr/bin/env python3
"""Agreement check: checkdmarc (PyPI) vs `mailctl audit` on the rig's zones (tests/rig).

usage:
  agree_checkdmarc.py run --dns IP:PORT [--guard-log FILE] [--connect-to H1:P1:H2:P2 ...]
                          [--mx-zone ZONE ...] [--ca-file PEM] -- CHECKDMARC-ARGS...
  agree_checkdmarc.py compare --out DIR --trust-anchor KEYS [--delv] [--dns IP:PORT] [--markdown FILE]
                              DOMAIN...

`run` is checkdmarc's own CLI (`checkdmarc._cli._main`) with three things around it, all in
this process, nothing patched inside checkdmarc:
  * bench/dns_checkdmarc.py's loopback-only socket guard (getaddrinfo of anything but a loopback
    literal fails with EAI_NONAME, connect/sendto to a non-loopback address fails with
    ENETUNREACH, every attempt is logged): the MTA-STS policy and BIMI fetches cannot leave;
  * the DNS port: checkdmarc's --nameserver takes no port, so dnspython's dns.query.udp/tcp
    (which every checkdmarc query goes through: dns.resolver's Do53 nameservers and the direct
    DNSSEC queries alike) are wrapped to send what is addressed to IP port 53 to IP:PORT;
  * optional, only with --connect-to (checkdmarc's `--check-mx-tls` run): checkdmarc's smtplib
    connects to port 25 of the MX *name*, i.e. socket.getaddrinfo -> the system resolver, which
    does not know the rig's zones. With --connect-to, getaddrinfo(NAME, PORT) for NAME inside a
    --mx-zone is answered from --dns (the A records, as a stub resolver would), and a connect to
    H1:P1 goes to H2:P2 instead -- the same rules, in curl's syntax, that `mailctl audit
    --connect-to` gets, so both tools reach the same Postfix listener for the same published
    address. The guard still refuses anything that is not loopback after the mapping.
    --ca-file sets SSL_CERT_FILE, so ssl.create_default_context() (checkdmarc's STARTTLS
    context) trusts the rig CA as mailctl does with --ca-file.

`compare` reads DIR/checkdmarc-DOMAIN.json (+ .err, its log), DIR/checkdmarc-tls-DOMAIN.json
(optional) and DIR/mailctl-DOMAIN.jsonl and prints, per domain and item, what each tool says, then
the differences with a verdict: the *_rule functions below hold the reasoning for each kind of
difference (a difference none of them knows is printed as UNJUDGED: "judge by hand"). KEYS is the
DNSKEY file mailctl got with --trust-anchor (which zones an anchor covers); --delv asks BIND's delv,
with the same anchor, about every answer mailctl validated, as a third opinion; DNSKEY/RRSIG facts
for a mailctl-WRONG DNSSEC row are read from --dns with dnspython (run compare with the venv's
python).
"""
import json
import os
import socket
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


# ============================================================================ run
def _split_hostport(s):
    # "192.0.2.11:25" / "[::1]:25"
    if s.startswith("["):
        host, _, rest = s[1:].partition("]")
        return host, rest.lstrip(":")
    host, _, port = s.rpartition(":")
    return host, port


def _parse_connect_to(rule):
    # curl syntax H1:P1:H2:P2 (IPv6 in brackets); empty parts match anything / keep original
    parts, cur, depth = [], "", 0
    for ch in rule:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        if ch == ":" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    if len(parts) != 4:
        raise SystemExit("--connect-to %r: want HOST1:PORT1:HOST2:PORT2" % rule)
    h1, p1, h2, p2 = (p.strip("[]") for p in parts)
    return (h1.lower(), int(p1) if p1 else None, h2, int(p2) if p2 else None)


def run(argv):
    import argparse

    ap = argparse.ArgumentParser(prog="agree_checkdmarc.py run")
    ap.add_argument("--dns", required=True, help="IP:PORT that checkdmarc's -n IP means")
    ap.add_argument("--guard-log")
    ap.add_argument("--connect-to", action="append", default=[])
    ap.add_argument("--mx-zone", action="append", default=[])
    ap.add_argument("--ca-file")
    ap.add_argument("rest", nargs=argparse.REMAINDER)
    a = ap.parse_args(argv)
    rest = a.rest[1:] if a.rest[:1] == ["--"] else a.rest
    dns_ip, dns_port = _split_hostport(a.dns)
    dns_port = int(dns_port)
    if a.ca_file:
        os.environ["SSL_CERT_FILE"] = a.ca_file
        os.environ.pop("SSL_CERT_DIR", None)

    sys.path.insert(0, HERE)
    sys.dont_write_bytecode = True  # no bench/__pycache__
    import dns_checkdmarc as guard  # bench/dns_checkdmarc.py, unchanged

    guard._log = a.guard_log
    if not guard._loopback(dns_ip):
        raise SystemExit("--dns must be a loopback address")

    # ---- DNS: IP:53 -> IP:PORT, for every query dnspython sends
    import dns.query

    def _port_wrap(fn):
        def wrapped(q, where, *args, **kw):
            if where == dns_ip:
                if "port" in kw:
                    if kw["port"] == 53:
                        kw["port"] = dns_port
                elif len(args) >= 2:  # (timeout, port, ...)
                    if args[1] == 53:
                        args = (args[0], dns_port) + tuple(args[2:])
                else:
                    kw["port"] = dns_port
            return fn(q, where, *args, **kw)

        return wrapped

    dns.query.udp = _port_wrap(dns.query.udp)
    dns.query.tcp = _port_wrap(dns.query.tcp)
    # udp_with_fallback calls the module-level udp()/tcp() above, so it needs nothing

    rules = [_parse_connect_to(r) for r in a.connect_to]
    zones = [z.lower().rstrip(".") for z in a.mx_zone]

    def _mapped(address):
        host, port = address[0], address[1]
        for h1, p1, h2, p2 in rules:
            if (not h1 or h1 == str(host).lower()) and (p1 is None or p1 == port):
                return (h2 or host, p2 or port) + tuple(address[2:])
        return address

    class _MappingSocket(guard._GuardedSocket):
        def connect(self, address):
            return super().connect(_mapped(address) if self.family == socket.AF_INET else address)

        def connect_ex(self, address):
            return super().connect_ex(_mapped(address) if self.family == socket.AF_INET else address)

    def _in_zone(host):
        h = (host.decode() if isinstance(host, bytes) else str(host)).rstrip(".").lower()
        return any(h == z or h.endswith("." + z) for z in zones)

    def _gai(host, port=None, family=0, type=0, proto=0, flags=0):
        if rules and host is not None and _in_zone(host):
            import dns.resolver

            r = dns.resolver.Resolver(configure=False)
            r.nameservers = [dns_ip]
            r.port = dns_port
            out = []
            try:
                for rr in r.resolve(str(host).rstrip(".") + ".", "A", lifetime=5):
                    out.append((socket.AF_INET, type or socket.SOCK_STREAM, proto or 6, "",
                                (rr.address, int(port or 0))))
            except Exception as e:  # NXDOMAIN, no A: as the system resolver would say
                guard._note("getaddrinfo %s via %s: %s" % (host, a.dns, e.__class__.__name__))
                raise socket.gaierror(socket.EAI_NONAME, "no address for %s" % host)
            return out
        return guard._gai(host, port, family, type, proto, flags)

    socket.getaddrinfo = _gai
    socket.socket = _MappingSocket if rules else guard._GuardedSocket
    from checkdmarc._cli import _main

    sys.argv = ["checkdmarc"] + rest
    _main()



# ============================================================================ compare
# Verdict classes, in the order the table lists them.
WRONG_MC, WRONG_CD, BOTH, DETAIL, NEITHER = (
    "mailctl WRONG", "checkdmarc wrong", "both right (different anchor/scope)",
    "same conclusion, mailctl more precise", "neither (rig artifact)")
ORDER = [WRONG_MC, WRONG_CD, DETAIL, BOTH, NEITHER, None]
ANCHORED = []  # the zones of --trust-anchor


def _summary(path):
    s = None
    with open(path) as f:
        for line in f:
            if line.strip():
                o = json.loads(line)
                if o.get("type") == "summary":
                    s = o
    if s is None:
        raise SystemExit("%s: no summary line" % path)
    return s


def _norm(n):
    return n.rstrip(".").lower()


# ---------------------------------------------------------------- delv (a third opinion)
def _anchored_zones(keys_file):
    zones = []
    for line in open(keys_file):
        f = line.split(";")[0].split()
        if "DNSKEY" in f and _norm(f[0]) not in zones:
            zones.append(_norm(f[0]))
    if not zones:
        raise SystemExit("%s: no DNSKEY records" % keys_file)
    return zones


def _delv_anchor_conf(keys_file, out):
    """RIG_TRUST_ANCHOR (DNSKEY lines, zone-file format) -> delv's trust-anchors clause."""
    lines = []
    for line in open(keys_file):
        f = line.split(";")[0].split()
        if "DNSKEY" not in f:
            continue
        i = f.index("DNSKEY")
        flags, proto, alg, key = f[i + 1], f[i + 2], f[i + 3], "".join(f[i + 4:])
        lines.append('  %s static-key %s %s %s "%s";' % (f[0], flags, proto, alg, key))
    with open(out, "w") as fh:
        fh.write("trust-anchors {\n%s\n};\n" % "\n".join(lines))


def _delv(name, rtype, conf, root, dns):
    import subprocess

    ip, port = _split_hostport(dns)
    cmd = ["delv", "@" + ip, "-p", port, "-a", conf, "+root=" + root, rtype, name]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as e:
        return "indeterminate", "delv failed: %s" % e
    text = out.stdout + out.stderr
    labels = [l.strip() for l in text.splitlines() if l.startswith("; ") or l.startswith(";; ")]
    for l in labels:
        if any(k in l for k in ("broken trust chain", "no valid RRSIG", "no valid signature",
                                "resolution failed: SERVFAIL", "insecurity proof failed")):
            return "bogus", l.lstrip("; ")
    for l in labels:
        if l.startswith("; ") and not l.startswith(";; "):
            t = l[2:]
            if "fully validated" in t:
                return "secure", t
            if "unsigned answer" in t:
                return "insecure", t
            return "indeterminate", t  # "authoritative": answered, not validated (no anchor covers it)
    return "indeterminate", (labels[0].lstrip("; ") if labels else "no output")


# ---------------------------------------------------------------- extraction
def _cd_dnssec_log(err_path, zone):
    """checkdmarc logs why dnssec is false (its JSON only says false)."""
    try:
        text = open(err_path).read()
    except OSError:
        return ""
    for line in text.splitlines():
        msg = line.split(" - ", 1)[-1]
        if ("for %s is broken" % zone) in msg:
            return "broken: " + msg.split(" is broken: ", 1)[1]
    return ""


def _mc_dnssec(s, names):
    st = {}
    for c in s.get("dnssec") or []:
        if _norm(c["name"]) in names:
            st["%s %s" % (c["type"], c["name"])] = (c["status"], c.get("reason"))
    return st


def _agg(statuses):
    order = ["bogus", "indeterminate", "insecure", "secure"]
    for o in order:
        if o in statuses:
            return o
    return "-"


def compare(argv):
    import argparse

    ap = argparse.ArgumentParser(prog="agree_checkdmarc.py compare")
    ap.add_argument("--out", required=True)
    ap.add_argument("--trust-anchor", required=True,
                    help="the DNSKEY file mailctl got (RIG_TRUST_ANCHOR): which zones an anchor covers")
    ap.add_argument("--delv", action="store_true", help="also ask delv (BIND) with that anchor")
    ap.add_argument("--dns", default="127.0.0.1:10053")
    ap.add_argument("--markdown", help="write the differences table (markdown) here too")
    ap.add_argument("domains", nargs="+")
    a = ap.parse_args(argv)
    out = a.out
    delv_conf = None
    anchored = _anchored_zones(a.trust_anchor)
    ANCHORED[:] = anchored
    root = anchored[0]
    if a.delv:
        delv_conf = os.path.join(out, "delv-anchor.conf")
        _delv_anchor_conf(a.trust_anchor, delv_conf)
    covered = lambda n: any(_norm(n) == z or _norm(n).endswith("." + z) for z in anchored)

    rows = []  # dict(domain, item, cd, mc, verdict_class, why)

    def row(domain, item, cd, mc, cls=None, why="", key=None, ev=None):
        rows.append(dict(domain=domain, item=item, cd=cd, mc=mc, cls=cls, why=why, key=key or why, ev=ev))

    for d in a.domains:
        cd = json.load(open(os.path.join(out, "checkdmarc-%s.json" % d)))
        cd_err = os.path.join(out, "checkdmarc-%s.err" % d)
        tls_path = os.path.join(out, "checkdmarc-tls-%s.json" % d)
        cdt = json.load(open(tls_path)) if os.path.exists(tls_path) else None
        s = _summary(os.path.join(out, "mailctl-%s.jsonl" % d))
        dns = s["dns"]
        finds = s.get("findings") or []

        # ---- MX hosts and order (RFC 5321 §5.1)
        cd_mx = ["%d %s" % (h["preference"], _norm(h["hostname"])) for h in cd["mx"]["hosts"]]
        mc_mx = ["%d %s" % (h["preference"], _norm(h["host"])) for h in dns["mx"]["hosts"]]
        row(d, "MX hosts, in order", ", ".join(cd_mx) or "none", ", ".join(mc_mx) or "none")
        cd_addr = {_norm(h["hostname"]): h.get("addresses", []) for h in cd["mx"]["hosts"]}
        for h in dns["mx"]["hosts"]:
            hn = _norm(h["host"])
            row(d, "MX %s addresses" % hn, " ".join(cd_addr.get(hn, [])) or "none",
                " ".join(h["addresses"]) or "none")

        # ---- SPF (RFC 7208)
        spf, mspf = cd["spf"], dns["spf"]
        tree = mspf.get("tree") or {}
        row(d, "SPF record", spf.get("record") or "none", tree.get("record") or "none")
        mc_spf_bad = [f for f in finds if f["code"].startswith("spf") and f["severity"] == "error"]
        row(d, "SPF valid", "valid" if spf.get("valid") else "invalid: %s" % spf.get("error"),
            "valid" if tree.get("outcome") == "ok" and not mc_spf_bad else "invalid: %s" % tree.get("outcome"))
        row(d, "SPF DNS lookups (§4.6.4, limit 10)", str(spf.get("dns_lookups")), str(mspf.get("dns_lookups")))
        row(d, "SPF void lookups (§4.6.4, limit 2)", str(spf.get("void_dns_lookups")), str(mspf.get("void_lookups")))
        row(d, "SPF warnings", "; ".join(spf.get("warnings") or []) or "none",
            "; ".join(f["message"] for f in finds if f["code"].startswith("spf")
                      and f["severity"] in ("warning", "error")) or "none")

        # ---- DMARC (RFC 7489)
        dm, mdm = cd["dmarc"], dns["dmarc"]
        row(d, "DMARC record", "%s (at %s)" % (dm.get("record"), dm.get("location")),
            "%s (at %s)" % (mdm.get("record"), mdm.get("name", "").replace("_dmarc.", "", 1)))
        tags = dm.get("tags") or {}
        eff = ((mdm.get("parsed") or {}).get("effective")) or {}
        row(d, "DMARC p / sp", "%s / %s" % (tags.get("p", {}).get("value"), tags.get("sp", {}).get("value")),
            "%s / %s" % (eff.get("p"), eff.get("sp")))
        row(d, "DMARC warnings", "; ".join(dm.get("warnings") or []) or "none",
            "; ".join(f["message"] for f in finds if f["code"].startswith("dmarc")
                      and f["severity"] in ("warning", "error")) or "none")

        # ---- MTA-STS (RFC 8461)
        ms = cd["mta_sts"]
        cd_txt = "none" if str(ms.get("error", "")).startswith("An MTA-STS DNS record does not exist") else "present"
        mc_txt = "none" if dns["mta_sts"].get("status") == "none" else "present (%s)" % dns["mta_sts"].get("record")
        row(d, "MTA-STS TXT", cd_txt, mc_txt, *(() if cd_txt == mc_txt.split(" ")[0] else ()))
        pol = s.get("mta_sts_policy") or {}
        if cd_txt != "none" or mc_txt != "none":
            cd_pol = "usable (mode %s)" % ms.get("policy", {}).get("mode") if ms.get("valid") else \
                "no policy: " + str(ms.get("error"))[:110]
            mc_pol = "usable" if pol.get("usable") else "no policy: %s" % (pol.get("failure") or {}).get("message")
            row(d, "MTA-STS policy", cd_pol, mc_pol)

        # ---- TLS-RPT (RFC 8460), BIMI (draft)
        tr = cd["smtp_tls_reporting"]
        row(d, "TLS-RPT", ("valid: %s" % ",".join(tr["tags"]["rua"]["value"])) if tr.get("valid") else
            ("none" if "does not exist" in str(tr.get("error")) else "invalid: %s" % tr.get("error")),
            ("valid: %s" % ",".join(dns["tls_rpt"]["parsed"]["rua"])) if dns["tls_rpt"]["status"] == "ok" else
            dns["tls_rpt"]["status"])
        bi = cd["bimi"]
        row(d, "BIMI (default selector)", "present" if bi.get("record") else "none",
            "present" if dns["bimi"].get("record") else "none")

        # ---- DNSSEC (RFC 4033-4035)
        names = {_norm(d), "_dmarc." + _norm(d)}
        mcd = _mc_dnssec(s, names)
        mc_stat = _agg([v[0] for v in mcd.values()])
        log = _cd_dnssec_log(cd_err, _norm(d))
        cd_s = ("true" if cd["dnssec"] else "false") + (" (log: %s)" % log if log else "")
        dv = {}
        if delv_conf:
            for k in mcd:
                t, n = k.split(" ", 1)
                dv[k] = _delv(n, t, delv_conf, root, a.dns)
        dv_stat = _agg([v[0] for v in dv.values()]) if dv else None
        mc_s = mc_stat + "".join(
            " [%s: %s%s]" % (k, v[0], (" — " + v[1]) if v[1] and v[0] != "secure" else "")
            for k, v in list(mcd.items())[:1])
        dnssec_rule(row, d, "DNSSEC of %s (its MX/TXT/_dmarc answers)" % d, cd["dnssec"], cd_s,
                    mc_stat, mc_s, dv_stat, dv, bool(log), covered(d), s, names, a.dns)
        cd_hosts = {_norm(h["hostname"]): h for h in cd["mx"]["hosts"]}
        for h in s.get("mx") or []:
            hn = _norm(h["host"])
            ch = cd_hosts.get(hn, {})
            hd = _mc_dnssec(s, {hn, "_25._tcp." + hn})
            hs = _agg([v[0] for v in hd.values()])
            hdv = {}
            if delv_conf:
                for k in hd:
                    t, n = k.split(" ", 1)
                    hdv[k] = _delv(n, t, delv_conf, root, a.dns)
            hlog = _cd_dnssec_log(cd_err, hn.split(".", 1)[1]) if "." in hn else ""
            dnssec_rule(row, d, "DNSSEC of MX %s (A, TLSA)" % hn, ch.get("dnssec"),
                        "true" if ch.get("dnssec") else "false", hs,
                        hs + "".join(" [%s: %s]" % (k, v[1]) for k, v in hd.items() if v[1])[:200],
                        _agg([v[0] for v in hdv.values()]) if hdv else None, hdv, bool(hlog),
                        covered(hn), s, {hn, "_25._tcp." + hn}, a.dns)
            # ---- TLSA (RFC 6698, 7672)
            t = h.get("tlsa") or {}
            mc_t = sorted("%d %d %d %s" % (r["usage"], r["selector"], r["matching"], r["data"][:12])
                          for r in t.get("records") or [])
            cd_t = sorted(" ".join(x.split()[:3]) + " " + x.split()[3][:12] for x in ch.get("tlsa") or [])
            tlsa_rule(row, d, hn, cd_t, mc_t, t.get("dnssec"), h)
            # ---- reverse DNS per address
            cd_w = cd["mx"].get("warnings") or []
            for ad in h.get("addresses") or []:
                ip = ad["address"]
                if any(w.startswith("%s does not have any reverse DNS" % ip) for w in cd_w):
                    c = "no PTR"
                elif any(w.startswith("The reverse DNS of %s is" % ip) for w in cd_w):
                    c = "PTR does not resolve back"
                else:
                    c = "ok"
                r = ad.get("rdns") or {}
                m = "ok (%s)" % r["confirmed"] if r.get("confirmed") else \
                    ("no PTR" if not r.get("ptr") else "PTR %s does not resolve back" % ",".join(r["ptr"]))
                rdns_rule(row, d, hn, ip, c, m)
                # ---- STARTTLS per address (checkdmarc --check-mx-tls run)
                if cdt is not None:
                    starttls_rule(row, d, hn, ip, cdt, ad)
    print_report(rows, a.markdown)


def _zone_facts(name, dns_addr, answer=None):
    """What the nameserver holds for `name`: DNSKEYs at it and its parents, RRSIGs over `answer`."""
    try:
        import dns.message
        import dns.query
        import dns.rcode
        import dns.rdatatype
    except ImportError:
        return ""
    ip, port = _split_hostport(dns_addr)
    out = []
    labels = _norm(name).split(".")
    for i in range(len(labels) - 1):
        z = ".".join(labels[i:])
        try:
            r = dns.query.tcp(dns.message.make_query(z, "DNSKEY", want_dnssec=True), ip, timeout=3,
                              port=int(port))
            keys = sum(len(x) for x in r.answer if x.rdtype == dns.rdatatype.DNSKEY)
            out.append("DNSKEY %s: %s, %d key(s)" % (z, dns.rcode.to_text(r.rcode()), keys))
        except Exception as e:  # noqa: BLE001
            out.append("DNSKEY %s: %s" % (z, e.__class__.__name__))
    if answer:
        try:
            r = dns.query.tcp(dns.message.make_query(answer[0], answer[1], want_dnssec=True), ip,
                              timeout=3, port=int(port))
            sigs = sum(len(x) for x in r.answer + r.authority if x.rdtype == dns.rdatatype.RRSIG)
            out.append("%s %s: %s, %d RRSIG(s)" % (answer[1], answer[0], dns.rcode.to_text(r.rcode()), sigs))
        except Exception as e:  # noqa: BLE001
            out.append("%s %s: %s" % (answer[1], answer[0], e.__class__.__name__))
    return "; ".join(out)


def dnssec_rule(row, d, item, cd_bool, cd_s, mc_stat, mc_s, dv_stat, dv, cd_logged_broken,
                covered, s, names, dns_addr):
    dvs = (" delv with the same anchor: %s." % "; ".join("%s: %s" % (k, v[1]) for k, v in dv.items())) if dv else ""
    if dv and mc_stat == "bogus" and dv_stat != "bogus":
        dvs += (" (delv's \"authoritative\" = answered without validation: no anchor covers the name; no "
                "SERVFAIL.)" if any(v[1] == "authoritative" for v in dv.values()) else "")
    if (cd_bool is True) == (mc_stat == "secure") and mc_stat != "bogus":
        row(d, item, cd_s, mc_s)  # agree (secure/secure, or not-secure/insecure)
    elif mc_stat == "secure" and not cd_bool:
        row(d, item, cd_s, mc_s, BOTH,
            "mailctl validates from the rig's trust anchor (--trust-anchor: the audit.test DNSKEYs; RFC 4035 "
            "§4.4, §5); checkdmarc has no anchor option and checks one level only: the DS in the parent, and "
            "`test.` is not delegated (RFC 6761 §6.2), so it finds no DS for audit.test and says false."
            + (" delv with the same anchor agrees with mailctl: fully validated." if dv_stat == "secure" else dvs),
            key="dnssec-anchor")
    elif mc_stat == "bogus" and not covered:
        ev = json.dumps([c for c in s.get("dnssec") or [] if _norm(c["name"]) in names], ensure_ascii=False)
        first = json.loads(ev)[0] if json.loads(ev) else {"name": d, "type": "MX"}
        facts = _zone_facts(min(names, key=len), dns_addr, (first["name"], first["type"]))
        row(d, item, cd_s, mc_s, WRONG_MC,
            "bogus needs \"a trust anchor and a secure delegation indicating that subsidiary data is signed\" "
            "(RFC 4033 §5); here no anchor covers the name (mailctl's only anchor is %s) and the zone is not "
            "signed (%s): the status is indeterminate (RFC 4033 §5, RFC 4035 §4.3). A validating resolver does "
            "not SERVFAIL it, and mailctl's reason (\"its zone is signed\") is false. "
            "checkdmarc's false is right.%s" % (", ".join(ANCHORED), facts or "no DNSKEY, no RRSIG", dvs),
            key="dnssec-bogus-outside-anchor", ev=ev)
    elif mc_stat == "bogus":
        row(d, item, cd_s, mc_s, DETAIL,
            "both: not secure. mailctl says bogus with the broken link (validating resolvers SERVFAIL: "
            "RFC 4035 §5.5, an error); checkdmarc's JSON says only false, the same as for an unsigned zone%s."
            % (" (the reason is in its log)" if cd_logged_broken else "")
            + (" delv with the same anchor agrees: bogus." if dv_stat == "bogus" else dvs),
            key="dnssec-bogus")
    else:
        row(d, item, cd_s, mc_s, None, "no verdict recorded: judge by hand." + dvs)


def tlsa_rule(row, d, hn, cd_t, mc_t, mc_dnssec, h):
    item = "TLSA _25._tcp.%s" % hn
    cd_s = ", ".join(cd_t) or "none listed"
    mc_s = (", ".join(mc_t) or "none") + (" (%s)" % mc_dnssec if mc_dnssec else "")
    if cd_t == mc_t:
        row(d, item, cd_s, mc_s)
    elif mc_t and not cd_t:
        codes = [f["code"] for f in h.get("findings") or []]
        row(d, item, cd_s, mc_s, WRONG_CD if mc_dnssec == "bogus" else DETAIL,
            "the records are published (dig shows them). checkdmarc lists TLSA only when their RRSIG verifies "
            "against the zone's own DNSKEY, and drops them silently otherwise. %s mailctl reports them with "
            "their DNSSEC status and %s." % (
                "Here the TLSA answer is bogus (expired RRSIG): DANE senders cannot use this MX and defer "
                "mail (RFC 7672 §2.2) — an outage checkdmarc's output hides." if mc_dnssec == "bogus" else
                "Here the zone is unsigned: senders ignore the records (RFC 7672 §2.2), so dropping them "
                "is harmless, but saying nothing is less useful.",
                ", ".join(c for c in codes if c.startswith("dane")) or "its findings"))
    else:
        row(d, item, cd_s, mc_s, None, "no verdict recorded: judge by hand.")


def rdns_rule(row, d, hn, ip, c, m):
    item = "reverse DNS %s (%s)" % (ip, hn)
    if c.split(" ")[0] == m.split(" ")[0] or (c.startswith("PTR") and m.startswith("PTR")):
        row(d, item, c, m)
    elif ip.startswith("127."):
        row(d, item, c, m, NEITHER,
            "a loopback MX address: the rig's NSD REFUSEs 1.0.0.127.in-addr.arpa (not its zone) and "
            "checkdmarc turns that failed lookup into \"no PTR\"; mailctl's resolver (hickory) answers 127/8 "
            "itself with localhost (RFC 6761 §6.3, RFC 6303 §4.2). Neither tool flags the real problem: no "
            "sender can reach an MX at 127.0.0.1.")
    else:
        row(d, item, c, m, None, "no verdict recorded: judge by hand.")


def starttls_rule(row, d, hn, ip, cdt, ad):
    item = "STARTTLS %s [%s]" % (hn, ip)
    host = next((h for h in cdt["mx"]["hosts"] if _norm(h["hostname"]) == hn), {})
    warns = [w for w in cdt["mx"].get("warnings") or [] if w.startswith(hn + ":") or hn + "." in w]
    tested = host.get("addresses", [None])[0] == ip
    at = (ad.get("attempts") or [{}])[0]
    tls = at.get("tls") or {}
    if at.get("failure") and not at.get("starttls_offered"):
        m = "unreachable (%s)" % at["failure"]["message"][:60]
    elif not at.get("starttls_offered"):
        m = "STARTTLS not offered"
    elif tls:
        m = "STARTTLS, %s, certificate %s" % (tls.get("version"), "valid for the name" if tls.get("pkix_valid")
                                               else "not valid for the name (%s)" % str(
                                                   tls.get("pkix_problem")).split(": ")[-1][:60])
    else:
        m = "STARTTLS failed: %s" % ((at.get("failure") or {}).get("message"))
    if not tested:
        c = "not tested (checkdmarc probes one address per MX name: %s)" % (host.get("addresses") or ["-"])[0]
    elif host.get("starttls"):
        c = "starttls true"
    else:
        c = "starttls false" + (" (%s)" % warns[0].split(": ", 1)[-1][:110] if warns else "")
    if tested and host.get("starttls") and m.startswith("STARTTLS,") and tls.get("pkix_valid"):
        row(d, item, c, m)
    elif tested and not host.get("starttls") and m.startswith("unreachable"):
        row(d, item, c, m)
    elif tested and not host.get("starttls") and m.startswith("STARTTLS,") and not tls.get("pkix_valid"):
        row(d, item, c, m, WRONG_CD,
            "the server offers STARTTLS and TLS completes (RFC 3207); only the certificate does not name the "
            "MX. checkdmarc verifies the name inside its STARTTLS test and then sets starttls and tls to false "
            "(its warning text does give the real reason). Opportunistic senders still encrypt (RFC 7435, RFC 7672 §1.3); the "
            "name matters to MTA-STS (RFC 8461 §4.2) and DANE-TA (RFC 7672 §3.2.2), not DANE-EE (§3.1.1): "
            "mailctl's cert-name-mismatch warning plus its DANE result says that.")
    elif not tested and m == "STARTTLS not offered":
        row(d, item, c, m, WRONG_CD,
            "each address of an MX is a place a sender may deliver to (RFC 5321 §5.1: try the addresses in "
            "turn); this one offers no STARTTLS, so mail landing there goes in plaintext, and with TLSA "
            "published DANE senders refuse it (RFC 7672 §2.2). checkdmarc tests only the first address of the "
            "name and reports STARTTLS true for the host: it misses this.")
    elif not tested:
        row(d, item, c, m, DETAIL, "checkdmarc tested another address of the same name; mailctl tests each.")
    else:
        row(d, item, c, m, None, "no verdict recorded: judge by hand.")


def print_report(rows, md_path):
    w = sys.stdout.write
    cur = None
    same = lambda r: r["cls"] is None and not r["why"]
    w("== per item (= same conclusion, ≠ different)\n")
    for r in rows:
        if r["domain"] != cur:
            cur = r["domain"]
            w("\n-- %s\n" % cur)
        w("  %s %-46s checkdmarc: %s\n  %s %-46s mailctl:    %s\n" % (
            "=" if same(r) else "≠", r["item"][:46], r["cd"][:150], " ", "", r["mc"][:150]))
    diff = sorted((r for r in rows if not same(r)), key=lambda r: ORDER.index(r["cls"]))
    esc = lambda t: t.replace("|", "\\|").replace("\n", " ")
    w("\n== %d items compared: %d agree, %d differ\n\n" % (len(rows), len(rows) - len(diff), len(diff)))
    # Every difference, one row each.
    full = ["| domain | item | checkdmarc says | mailctl says | who is right, and why |", "|---|---|---|---|---|"]
    for r in diff:
        full.append("| %s | %s | %s | %s | **%s**: %s |" % (
            r["domain"], esc(r["item"]), esc(r["cd"][:160]), esc(r["mc"][:160]), r["cls"] or "UNJUDGED",
            esc(r["why"])))
    w("\n".join(full) + "\n")
    # Grouped: one row per kind of difference, the places it occurs, the first as the example.
    groups = []
    for r in diff:
        for g in groups:
            if g[0]["cls"] == r["cls"] and g[0]["key"] == r["key"]:
                g.append(r)
                break
        else:
            groups.append([r])
    md = ["| # | where (domain: item) | checkdmarc says | mailctl says | who is right, and why |",
          "|---|---|---|---|---|"]
    for n, g in enumerate(groups, 1):
        r = g[0]
        md.append("| %d | %s | %s | %s | **%s**: %s |" % (
            n, esc("; ".join("%s: %s" % (x["domain"], x["item"]) for x in g)), esc(r["cd"][:160]),
            esc(r["mc"][:160]), r["cls"] or "UNJUDGED", esc(r["why"])))
    w("\n== the same, one row per kind of difference\n\n" + "\n".join(md) + "\n")
    ev = [r for r in diff if r.get("ev")]
    if ev:
        w("\n== evidence (mailctl JSON, the summary's dnssec[] entries) for the mailctl-WRONG rows\n")
        for r in ev:
            w("%s / %s:\n  %s\n" % (r["domain"], r["item"], r["ev"]))
    counts = {}
    for r in diff:
        counts[r["cls"] or "UNJUDGED"] = counts.get(r["cls"] or "UNJUDGED", 0) + 1
    w("\nby verdict: %s\n" % (", ".join("%s %d" % kv for kv in counts.items()) or "no differences"))
    if md_path:
        with open(md_path, "w") as f:
            f.write("\n".join(md) + "\n")


if __name__ == "__main__":
    if sys.argv[1:2] == ["run"]:
        run(sys.argv[2:])
    elif sys.argv[1:2] == ["compare"]:
        compare(sys.argv[2:])
    else:
        sys.exit(__doc__)
