#!/usr/bin/env python3
"""Authoritative DNS server for the `auditbench.test` zone (the `mailctl audit` benchmark), every
answer delayed by --delay-ms. Built on bench/dns_server.py (its UDP/TCP asyncio plumbing, the
call_later delay, TC=1 past the UDP size), which is imported, not changed: dns.sh keeps using it.

usage: audit_dns.py --addr 127.0.0.2 --port 53 --dkim-pub PEM --tlsa-ee HEX --tlsa-ta HEX
                    [--delay-ms 50] [--log FILE] [--ready FILE]

The zone (every address loopback, so nothing derived from it can leave the machine):
  MX 10 mx1, 20 mx2, 30 mx3, 40 mx4; mxN has two A records 127.0.1.N1 and 127.0.1.N2 (no AAAA:
      4 hosts x 2 addresses = 8 probes);
  TLSA _25._tcp.mx1 and _25._tcp.mx2: "3 1 1 <--tlsa-ee>" (SHA-256 of the leaf's public key)
      and "2 0 1 <--tlsa-ta>" (SHA-256 of the CA certificate); mx3, mx4 have none;
  SPF v=spf1 include:_spf1 -all -> _spf1: a:auditbench.test mx:auditbench.test include:_spf2 ->
      _spf2: ip4:127.0.1.0/24 include:_spf3 -> _spf3: ip4/ip6 ranges (4 dependent TXT lookups);
  apex A 127.0.1.1; _dmarc p=reject; DKIM s1._domainkey (--dkim-pub); _mta-sts TXT and the
  policy host mta-sts A 127.0.1.5 (HTTPS: audit_smtp.py --https); _smtp._tls; default._bimi
  (l= and a=);
  PTR for every MX address in the reverse zone 1.0.127.in-addr.arpa (mx1.auditbench.test for
      127.0.1.11 and .12, ...), so a client that asks the server (checkdmarc) finds forward-
      confirmed reverse DNS. (mailctl's resolver, hickory, answers PTR for 127/8 itself with
      "localhost" (RFC 6761/6303 special names) and never asks: see bench/README.md.)
No RFC 6186 SRV records (NXDOMAIN): the audit asks for them, finds none, probes no services.

Same answer rules as dns_server.py: AA set, NODATA (SOA in authority) for names without the
type and for empty non-terminals, NXDOMAIN for unknown names and for anything outside both
zones, no recursion. --log appends "<unix time> <proto> <client port> <name> <type>" per question.
"""
import argparse
import asyncio
import ipaddress
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dns_server  # noqa: E402  (bench/dns_server.py: Udp, tcp_handler, txt, dkim_p)
from dnslib import MX, NS, PTR, QTYPE, RCODE, RR, SOA, TLSA, A, DNSRecord  # noqa: E402

ZONE = "auditbench.test"
REVERSE = "1.0.127.in-addr.arpa"
TTL = 300
# MX host -> its two addresses (distinct loopback addresses: the fake SMTP server listens there).
MX_HOSTS = {"mx%d" % i: ["127.0.1.%d1" % i, "127.0.1.%d2" % i] for i in (1, 2, 3, 4)}
TLSA_HOSTS = ("mx1", "mx2")
MTA_STS_ADDR = "127.0.1.5"


def build_zones(dkim_pub, tlsa_ee, tlsa_ta):
    """{zone apex: SOA}, {owner name: [(type, rdata)]} for both zones."""
    z = {}

    def add(fq, qtype, rdata):
        z.setdefault(fq.lower(), []).append((qtype, rdata))

    def here(name):
        return ZONE if name == "@" else name + "." + ZONE

    soa = {
        ZONE: SOA("ns1.%s." % ZONE, "hostmaster.%s." % ZONE, (2026120301, 3600, 600, 604800, 300)),
        REVERSE: SOA("ns1.%s." % ZONE, "hostmaster.%s." % ZONE, (2026120301, 3600, 600, 604800, 300)),
    }
    for apex, s in soa.items():
        add(apex, "SOA", s)
        add(apex, "NS", NS("ns1.%s." % ZONE))
    add(here("ns1"), "A", A("127.0.0.2"))
    add(here("@"), "A", A("127.0.1.1"))
    add(here("mta-sts"), "A", A(MTA_STS_ADDR))   # the policy host (HTTPS on audit_smtp.py)
    for pref, (host, addrs) in enumerate(sorted(MX_HOSTS.items()), start=1):
        add(here("@"), "MX", MX("%s.%s." % (host, ZONE), pref * 10))
        for ip in addrs:
            add(here(host), "A", A(ip))
            rev = ".".join(reversed(ip.split("."))) + ".in-addr.arpa"
            add(rev, "PTR", PTR("%s.%s." % (host, ZONE)))
    for host in TLSA_HOSTS:
        add(here("_25._tcp." + host), "TLSA", TLSA(3, 1, 1, bytes.fromhex(tlsa_ee)))
        add(here("_25._tcp." + host), "TLSA", TLSA(2, 0, 1, bytes.fromhex(tlsa_ta)))
    txt = dns_server.txt
    add(here("@"), "TXT", txt("v=spf1 include:_spf1.%s -all" % ZONE))
    add(here("_spf1"), "TXT", txt("v=spf1 a:%s mx:%s include:_spf2.%s -all" % (ZONE, ZONE, ZONE)))
    add(here("_spf2"), "TXT", txt("v=spf1 ip4:127.0.1.0/24 include:_spf3.%s -all" % ZONE))
    add(here("_spf3"), "TXT", txt("v=spf1 ip4:192.0.2.0/25 ip4:203.0.113.0/24 ip6:2001:db8:1::/48 -all"))
    add(here("_dmarc"), "TXT", txt("v=DMARC1; p=reject; rua=mailto:dmarc-reports@%s; adkim=s; aspf=s" % ZONE))
    add(here("s1._domainkey"), "TXT", txt("v=DKIM1; k=rsa; p=" + dns_server.dkim_p(dkim_pub)))
    add(here("_mta-sts"), "TXT", txt("v=STSv1; id=20261203T000000;"))
    add(here("_smtp._tls"), "TXT", txt("v=TLSRPTv1; rua=mailto:tls-reports@%s" % ZONE))
    add(here("default._bimi"), "TXT",
        txt("v=BIMI1; l=https://%s/bimi/logo.svg; a=https://%s/bimi/vmc.pem;" % (ZONE, ZONE)))
    return soa, z


class Server(dns_server.Server):
    """dns_server.Server's answer rules over two zones (the domain and its reverse zone)."""

    def __init__(self, soa, zone, delay, log):
        self.zone = zone
        self.soas = soa
        self.delay = delay
        self.log = log
        self.count = 0

    def answer(self, data, proto, port):
        try:
            req = DNSRecord.parse(data)
        except Exception:
            return None
        reply = req.reply()
        reply.header.ra = 0
        if not req.questions:
            reply.header.rcode = RCODE.FORMERR
            return reply.pack()
        q = req.q
        name = str(q.qname).rstrip(".").lower()
        qtype = QTYPE.get(q.qtype)
        self.count += 1
        if self.log:
            self.log.write("%.6f %s %d %s %s\n" % (time.time(), proto, port, name, qtype))
        apex = next((z for z in self.soas if name == z or name.endswith("." + z)), None)
        if apex is None:
            reply.header.rcode = RCODE.NXDOMAIN
            return reply.pack()
        reply.header.aa = 1
        soa_rr = RR(apex, QTYPE.SOA, rdata=self.soas[apex], ttl=TTL)
        if not self.exists(name):
            reply.header.rcode = RCODE.NXDOMAIN
            reply.add_auth(soa_rr)
            return reply.pack()
        recs = [r for t, r in self.zone.get(name, []) if qtype in (t, "ANY")]
        for r in recs:
            reply.add_answer(RR(name, getattr(QTYPE, type(r).__name__), rdata=r, ttl=TTL))
        if not recs:
            reply.add_auth(soa_rr)
        packed = reply.pack()
        if proto == "udp":
            limit = 512
            for rr in req.ar or []:
                if rr.rtype == QTYPE.OPT:
                    limit = max(512, rr.rclass)
            if len(packed) > limit:
                reply = req.reply()
                reply.header.ra = 0
                reply.header.aa = 1
                reply.header.tc = 1
                packed = reply.pack()
        return packed


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--addr", default="127.0.0.2")
    ap.add_argument("--port", type=int, default=53)
    ap.add_argument("--delay-ms", type=float, default=50.0)
    ap.add_argument("--dkim-pub", required=True)
    ap.add_argument("--tlsa-ee", required=True, help="hex SHA-256 of the leaf SubjectPublicKeyInfo")
    ap.add_argument("--tlsa-ta", required=True, help="hex SHA-256 of the CA certificate (DER)")
    ap.add_argument("--log")
    ap.add_argument("--ready")
    a = ap.parse_args()
    if not ipaddress.ip_address(a.addr).is_loopback:
        sys.exit("refusing to bind a non-loopback address: %s" % a.addr)
    log = open(a.log, "a", buffering=1) if a.log else None
    soa, zone = build_zones(a.dkim_pub, a.tlsa_ee, a.tlsa_ta)
    srv = Server(soa, zone, a.delay_ms / 1000.0, log)
    loop = asyncio.get_running_loop()
    await loop.create_datagram_endpoint(lambda: dns_server.Udp(srv), local_addr=(a.addr, a.port))
    tcp = await asyncio.start_server(dns_server.tcp_handler(srv), a.addr, a.port)
    stop = asyncio.Event()
    for s in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(s, stop.set)
    if a.ready:
        with open(a.ready, "w") as f:
            f.write("%d\n" % os.getpid())
    await stop.wait()
    tcp.close()
    sys.stderr.write("audit_dns: %d questions answered\n" % srv.count)


if __name__ == "__main__":
    asyncio.run(main())
