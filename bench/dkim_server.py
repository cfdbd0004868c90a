#!/usr/bin/python3
"""Tiny authoritative DNS server for the DKIM bench: TXT <selector>._domainkey.bench.test.

usage: dkim_server.py --keys keys.json [--addr 127.0.0.1] [--port 0] [--log FILE] [--ready FILE]

Standard library only (Debian's python3 has no dnslib), UDP + TCP on one loopback address, no
delay. keys.json maps selector -> TXT record text. A TXT question for a known selector gets the
record (split into 255-byte character-strings, AA set); any other name or type gets NXDOMAIN
(with the question echoed, no authority section; good enough for a client that only asks for
these keys). --port 0 picks a free port; the chosen port is written to --ready once both
sockets are bound. --log appends "<unix time> <proto> <name> <type>" per question.
"""
import argparse, json, socket, socketserver, struct, sys, threading, time

ZONE = "bench.test"


def parse_q(data):
    """(id, flags, qname lowercase, qtype, question bytes, has_opt) or None."""
    if len(data) < 12:
        return None
    qid, flags, qd, an, ns, ar = struct.unpack("!6H", data[:12])
    if qd != 1:
        return None
    i, labels = 12, []
    while True:
        n = data[i]
        if n == 0:
            i += 1
            break
        if n & 0xC0:
            return None
        labels.append(data[i + 1:i + 1 + n].decode("ascii", "replace"))
        i += 1 + n
    qtype, qclass = struct.unpack("!HH", data[i:i + 4])
    return qid, flags, ".".join(labels).lower(), qtype, data[12:i + 4], ar > 0


def txt_rdata(s):
    b = s.encode()
    parts = [b[i:i + 255] for i in range(0, len(b), 255)] or [b""]
    return b"".join(bytes([len(p)]) + p for p in parts)


class Zone:
    def __init__(self, keys, log):
        self.rec = {"%s._domainkey.%s" % (s, ZONE): txt_rdata(t) for s, t in keys.items()}
        self.log = log
        self.lock = threading.Lock()

    def answer(self, data, proto):
        q = parse_q(data)
        if q is None:
            return None
        qid, flags, name, qtype, question, _ = q
        if self.log:
            with self.lock, open(self.log, "a") as f:
                f.write("%.6f %s %s %d\n" % (time.time(), proto, name, qtype))
        rd = flags & 0x0100
        rdata = self.rec.get(name) if qtype in (16, 255) else None
        if rdata is not None:
            hdr = struct.pack("!6H", qid, 0x8400 | rd, 1, 1, 0, 0)
            rr = b"\xc0\x0c" + struct.pack("!HHIH", 16, 1, 300, len(rdata)) + rdata
            return hdr + question + rr
        rcode = 0 if name in self.rec else 3  # NODATA for a key name with another type
        return struct.pack("!6H", qid, 0x8400 | rd | rcode, 1, 0, 0, 0) + question


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keys", required=True)
    ap.add_argument("--addr", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--log")
    ap.add_argument("--ready")
    a = ap.parse_args()
    if not a.addr.startswith("127."):
        sys.exit("loopback addresses only")
    zone = Zone(json.load(open(a.keys)), a.log)

    class U(socketserver.BaseRequestHandler):
        def handle(self):
            data, sock = self.request
            r = zone.answer(data, "udp")
            if r is not None:
                sock.sendto(r, self.client_address)

    class T(socketserver.BaseRequestHandler):
        def handle(self):
            s = self.request
            while True:
                h = s.recv(2, socket.MSG_WAITALL)
                if len(h) < 2:
                    return
                (n,) = struct.unpack("!H", h)
                r = zone.answer(s.recv(n, socket.MSG_WAITALL), "tcp")
                if r is None:
                    return
                s.sendall(struct.pack("!H", len(r)) + r)

    socketserver.UDPServer.allow_reuse_address = True
    udp = socketserver.ThreadingUDPServer((a.addr, a.port), U)
    port = udp.server_address[1]
    socketserver.TCPServer.allow_reuse_address = True
    tcp = socketserver.ThreadingTCPServer((a.addr, port), T)
    tcp.daemon_threads = udp.daemon_threads = True
    threading.Thread(target=tcp.serve_forever, daemon=True).start()
    if a.ready:
        with open(a.ready + ".tmp", "w") as f:
            f.write("%d\n" % port)
        import os
        os.rename(a.ready + ".tmp", a.ready)
    print("dkim_server: %s:%d udp+tcp, %d keys" % (a.addr, port, len(zone.rec)), file=sys.stderr)
    try:
        udp.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    import signal
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    main()
