#!/usr/bin/env python3
"""Authoritative DNS server for the `bench.test` zone, every answer delayed by --delay-ms.

usage: dns_server.py --addr 127.0.0.2 --port 53 --dkim-pub PEM [--delay-ms 50] [--log FILE]
                     [--ready FILE]

UDP and TCP on the same address/port (loopback only: the address must be in 127.0.0.0/8).
asyncio, one thread: each answer is computed at once and sent with loop.call_later(delay), so
the 50 ms delays of concurrent queries overlap (a client that asks 16 questions at once gets 16
answers ~50 ms later, not 800 ms later). Names in the zone get their records (AA set); names
that exist without the asked type, or that are empty non-terminals, get NODATA (NOERROR + SOA
in authority); other names under bench.test get NXDOMAIN; names outside bench.test get
NXDOMAIN too (no recursion, nothing is forwarded anywhere). Same delay for every answer.

--log appends one line per question: "<unix time> <proto> <client port> <name> <type>".
--ready is written once both sockets are bound (the driver waits for it).
"""
import argparse
import asyncio
import base64
import ipaddress
import os
import signal
import struct
import sys
import time

from dnslib import AAAA, MX, NS, QTYPE, RCODE, RR, SOA, TXT, A, DNSRecord

ZONE = "bench.test"
TTL = 300


def txt(s):
    """A TXT rdata; strings over 255 bytes are split into 255-byte character-strings."""
    b = s.encode()
    return TXT([b[i:i + 255] for i in range(0, len(b), 255)] or [b""])


def dkim_p(pem_path):
    """Base64 of the DER SubjectPublicKeyInfo in a PEM public key (what DKIM's p= holds)."""
    lines = [l.strip() for l in open(pem_path) if l.strip() and not l.startswith("-----")]
    der = base64.b64decode("".join(lines))
    return base64.b64encode(der).decode()


def build_zone(dkim_pub):
    z = {}

    def add(name, qtype, rdata):
        fq = (name + "." + ZONE) if name != "@" else ZONE
        z.setdefault(fq.lower(), []).append((qtype, rdata))

    add("@", "SOA", SOA("ns1.bench.test.", "hostmaster.bench.test.",
                        (2026112301, 3600, 600, 604800, 300)))
    add("@", "NS", NS("ns1.bench.test."))
    add("ns1", "A", A("127.0.0.2"))
    # Every address is loopback: nothing that follows these records can leave the machine.
    add("@", "A", A("127.0.0.10"))
    add("@", "AAAA", AAAA("::1"))
    add("@", "MX", MX("mx1.bench.test.", 10))
    add("@", "MX", MX("mx2.bench.test.", 20))
    add("mx1", "A", A("127.0.0.11"))
    add("mx1", "AAAA", AAAA("::1"))
    add("mx2", "A", A("127.0.0.12"))
    add("mx2", "AAAA", AAAA("::1"))
    # SPF: root -> _spf1 (a:bench.test, mx:bench.test, include) -> _spf2 (ip4, include) -> _spf3 (ip4/ip6 ranges).
    add("@", "TXT", txt("v=spf1 include:_spf1.bench.test -all"))
    add("_spf1", "TXT", txt("v=spf1 a:bench.test mx:bench.test include:_spf2.bench.test -all"))
    add("_spf2", "TXT", txt("v=spf1 ip4:198.51.100.0/24 include:_spf3.bench.test -all"))
    add("_spf3", "TXT", txt("v=spf1 ip4:192.0.2.0/25 ip4:203.0.113.0/24 ip6:2001:db8:1::/48 -all"))
    add("_dmarc", "TXT", txt("v=DMARC1; p=reject; rua=mailto:dmarc-reports@bench.test; adkim=s; aspf=s"))
    add("s1._domainkey", "TXT", txt("v=DKIM1; k=rsa; p=" + dkim_p(dkim_pub)))
    add("_mta-sts", "TXT", txt("v=STSv1; id=20261123T000000;"))
    add("_smtp._tls", "TXT", txt("v=TLSRPTv1; rua=mailto:tls-reports@bench.test"))
    add("default._bimi", "TXT", txt("v=BIMI1; l=https://bench.test/bimi/logo.svg; a=https://bench.test/bimi/vmc.pem;"))
    return z


class Server:
    def __init__(self, zone, delay, log):
        self.zone = zone
        self.delay = delay
        self.log = log
        self.soa = [r for t, r in zone[ZONE] if t == "SOA"][0]
        self.count = 0

    def exists(self, name):
        return name in self.zone or any(n.endswith("." + name) for n in self.zone)

    def answer(self, data, proto, port):
        try:
            req = DNSRecord.parse(data)
        except Exception:
            return None
        reply = req.reply()  # QR, RD copied, RA set below
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
        in_zone = name == ZONE or name.endswith("." + ZONE)
        if not in_zone:
            reply.header.rcode = RCODE.NXDOMAIN
            return reply.pack()
        reply.header.aa = 1
        if not self.exists(name):
            reply.header.rcode = RCODE.NXDOMAIN
            reply.add_auth(RR(ZONE, QTYPE.SOA, rdata=self.soa, ttl=TTL))
            return reply.pack()
        recs = [r for t, r in self.zone.get(name, []) if qtype in (t, "ANY")]
        for r in recs:
            reply.add_answer(RR(name, getattr(QTYPE, type(r).__name__), rdata=r, ttl=TTL))
        if not recs:
            reply.add_auth(RR(ZONE, QTYPE.SOA, rdata=self.soa, ttl=TTL))
        packed = reply.pack()
        if proto == "udp":
            limit = 512
            if req.ar:  # EDNS0 OPT: the client's payload size
                for rr in req.ar:
                    if rr.rtype == QTYPE.OPT:
                        limit = max(512, rr.rclass)
            if len(packed) > limit:
                reply = req.reply()
                reply.header.ra = 0
                reply.header.aa = 1
                reply.header.tc = 1
                packed = reply.pack()
        return packed


class Udp(asyncio.DatagramProtocol):
    def __init__(self, srv):
        self.srv = srv

    def connection_made(self, transport):
        self.t = transport

    def datagram_received(self, data, addr):
        resp = self.srv.answer(data, "udp", addr[1])
        if resp is not None:
            asyncio.get_running_loop().call_later(self.srv.delay, self.t.sendto, resp, addr)


def tcp_handler(srv):
    async def handle(reader, writer):
        loop = asyncio.get_running_loop()
        port = writer.get_extra_info("peername")[1]

        def send(resp):
            if not writer.is_closing():
                writer.write(struct.pack("!H", len(resp)) + resp)

        try:
            while True:
                n = struct.unpack("!H", await reader.readexactly(2))[0]
                data = await reader.readexactly(n)
                resp = srv.answer(data, "tcp", port)
                if resp is None:
                    break
                loop.call_later(srv.delay, send, resp)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        await asyncio.sleep(srv.delay + 0.05)  # let pending delayed answers go out
        writer.close()

    return handle


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--addr", default="127.0.0.2")
    ap.add_argument("--port", type=int, default=53)
    ap.add_argument("--delay-ms", type=float, default=50.0)
    ap.add_argument("--dkim-pub", required=True)
    ap.add_argument("--log")
    ap.add_argument("--ready")
    a = ap.parse_args()
    if not ipaddress.ip_address(a.addr).is_loopback:
        sys.exit("refusing to bind a non-loopback address: %s" % a.addr)
    log = open(a.log, "a", buffering=1) if a.log else None
    srv = Server(build_zone(a.dkim_pub), a.delay_ms / 1000.0, log)
    loop = asyncio.get_running_loop()
    await loop.create_datagram_endpoint(lambda: Udp(srv), local_addr=(a.addr, a.port))
    tcp = await asyncio.start_server(tcp_handler(srv), a.addr, a.port)
    stop = asyncio.Event()
    for s in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(s, stop.set)
    if a.ready:
        with open(a.ready, "w") as f:
            f.write("%d\n" % os.getpid())
    await stop.wait()
    tcp.close()
    sys.stderr.write("dns_server: %d questions answered\n" % srv.count)


if __name__ == "__main__":
    asyncio.run(main())
