#!/usr/bin/env python3
"""Fake MX listeners for the `mailctl audit` benchmark, and a one-probe reference client.

usage: audit_smtp.py serve --cert PEM --key PEM --listen ADDR=NAME [--listen ...] [--port 25]
                           [--banner-delay-ms 100] [--https ADDR --policy FILE] [--log FILE]
                           [--ready FILE]
       audit_smtp.py probe --addr ADDR [--port 25] --name NAME --ca PEM [--n 20] [--json OUT]

serve: one asyncio loop, one listening socket per ADDR (loopback only), port 25. Each
connection: wait --banner-delay-ms (asyncio.sleep: other connections go on meanwhile), greet
"220 NAME ESMTP", EHLO -> 250 with PIPELINING, SIZE, STARTTLS (before TLS only), 8BITMIME,
ENHANCEDSTATUSCODES; STARTTLS -> 220, then a real TLS handshake (Python ssl, server side,
StreamWriter.start_tls: non-blocking, the handshake is driven by the loop), EHLO again, QUIT ->
221 and close. HELO, NOOP, RSET -> 250; MAIL/RCPT/DATA/anything else -> 502 (nothing is ever
accepted). Each reply is one write. Any number of concurrent connections; a client that goes
away, sends garbage or idles 30 s only ends its own connection. A handshake that fails (mailctl's
TLS 1.0/1.1 probes send a crafted ClientHello, which OpenSSL's TLS 1.2 minimum refuses, and then
drop the connection) ends that connection and is counted apart from errors.
--https ADDR --policy FILE: also an HTTPS listener on ADDR:443 (same certificate) that answers
GET /.well-known/mta-sts.txt with FILE (text/plain, Connection: close), 404 otherwise: the MTA-STS
policy host (mailctl's audit fetches the policy since 51dee78). No delay there.
--log: one line per connection when it ends, JSON: local address, peer, unix times of accept,
banner sent, STARTTLS, TLS done, QUIT/close, the TLS version, and how many were open at accept.
On SIGTERM/SIGINT: a one-line tally to stderr (connections, max open at once, TLS handshakes,
errors).

probe: the reference for "one probe" in the target: a blocking Python client that does what
one mailctl audit probe does, one connection after another, n times: connect, banner, EHLO,
STARTTLS, the TLS handshake (certificate verified against --ca for NAME), EHLO, QUIT (wait for
221). Prints median/p90/min of the whole probe and per phase, in ms; --json appends them.
"""
import argparse
import asyncio
import ipaddress
import json
import os
import signal
import socket
import ssl
import statistics
import sys
import time

MAX_LINE = 4096
IDLE = 30.0


class Stats:
    def __init__(self):
        self.conns = 0
        self.open = 0
        self.max_open = 0
        self.tls = 0
        self.tls_failed = 0
        self.https = 0
        self.errors = 0


def ehlo_reply(name, tls):
    ext = ["PIPELINING", "SIZE 10240000"]
    if not tls:
        ext.append("STARTTLS")
    ext += ["8BITMIME", "ENHANCEDSTATUSCODES"]
    lines = [name] + ext
    return "".join("250%s%s\r\n" % ("-" if i < len(lines) - 1 else " ", l) for i, l in enumerate(lines))


def handler(name, ctx, delay, stats, log):
    async def handle(reader, writer):
        rec = {"local": "%s:%d" % writer.get_extra_info("sockname")[:2],
               "peer": "%s:%d" % writer.get_extra_info("peername")[:2],
               "accept": time.time()}
        stats.conns += 1
        stats.open += 1
        stats.max_open = max(stats.max_open, stats.open)
        rec["open_at_accept"] = stats.open
        tls = False
        try:
            await asyncio.sleep(delay)
            writer.write(b"220 %s ESMTP audit-bench\r\n" % name.encode())
            await writer.drain()
            rec["banner"] = time.time()
            while True:
                line = await asyncio.wait_for(reader.readline(), IDLE)
                if not line:
                    rec["end"] = "eof"
                    break
                if len(line) > MAX_LINE or not line.endswith(b"\n"):
                    writer.write(b"500 5.5.2 line too long\r\n")
                    rec["end"] = "long-line"
                    break
                verb = line.strip().split(b" ", 1)[0].upper()
                if verb == b"EHLO":
                    writer.write(ehlo_reply(name, tls).encode())
                elif verb == b"HELO":
                    writer.write(b"250 %s\r\n" % name.encode())
                elif verb in (b"NOOP", b"RSET"):
                    writer.write(b"250 2.0.0 OK\r\n")
                elif verb == b"STARTTLS" and not tls:
                    writer.write(b"220 2.0.0 Ready to start TLS\r\n")
                    await writer.drain()
                    rec["starttls"] = time.time()
                    # Server side is inferred by asyncio (the stream came from start_server).
                    try:
                        await asyncio.wait_for(writer.start_tls(ctx), IDLE)
                    except (ssl.SSLError, ConnectionError) as e:
                        # e.g. mailctl's TLS 1.0/1.1 probes: a crafted ClientHello, refused here
                        # (OpenSSL's minimum is TLS 1.2), then the client drops the connection.
                        stats.tls_failed += 1
                        rec["end"] = "tls-refused: %s: %s" % (type(e).__name__, e)
                        break
                    tls = True
                    stats.tls += 1
                    rec["tls_done"] = time.time()
                    rec["tls_version"] = writer.get_extra_info("ssl_object").version()
                    continue
                elif verb == b"QUIT":
                    writer.write(b"221 2.0.0 Bye\r\n")
                    await writer.drain()
                    rec["end"] = "quit"
                    break
                else:
                    writer.write(b"502 5.5.1 not implemented here\r\n")
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.TimeoutError,
                asyncio.LimitOverrunError, ValueError, ssl.SSLError, OSError) as e:
            stats.errors += 1
            rec["end"] = "error: %s: %s" % (type(e).__name__, e)
        finally:
            stats.open -= 1
            rec["close"] = time.time()
            try:
                writer.close()
            except Exception:
                pass
            if log:
                log.write(json.dumps(rec) + "\n")
    return handle


def https_handler(body, stats, log):
    async def handle(reader, writer):
        rec = {"local": "%s:%d" % writer.get_extra_info("sockname")[:2], "https": True,
               "peer": "%s:%d" % writer.get_extra_info("peername")[:2], "accept": time.time()}
        stats.https += 1
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), IDLE)
            line = head.split(b"\r\n", 1)[0].split()
            rec["request"] = b" ".join(line).decode(errors="replace")
            if len(line) >= 2 and line[0] == b"GET" and line[1] == b"/.well-known/mta-sts.txt":
                status, payload = b"200 OK", body
            else:
                status, payload = b"404 Not Found", b"not found\r\n"
            writer.write(b"HTTP/1.1 %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
                         b"Connection: close\r\n\r\n%s" % (status, len(payload), payload))
            await writer.drain()
            rec["end"] = status.decode()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.TimeoutError,
                asyncio.LimitOverrunError, ValueError, ssl.SSLError, OSError) as e:
            stats.errors += 1
            rec["end"] = "error: %s: %s" % (type(e).__name__, e)
        finally:
            rec["close"] = time.time()
            try:
                writer.close()
            except Exception:
                pass
            if log:
                log.write(json.dumps(rec) + "\n")
    return handle


async def serve(a):
    listen = []
    for item in a.listen:
        addr, _, name = item.partition("=")
        if not ipaddress.ip_address(addr).is_loopback:
            sys.exit("refusing to listen on a non-loopback address: %s" % addr)
        listen.append((addr, name or addr))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(a.cert, a.key)
    stats = Stats()
    log = open(a.log, "a", buffering=1) if a.log else None
    servers = []
    for addr, name in listen:
        servers.append(await asyncio.start_server(
            handler(name, ctx, a.banner_delay_ms / 1000.0, stats, log), addr, a.port,
            limit=MAX_LINE * 2, backlog=128, reuse_address=True))
    if a.https:
        if not ipaddress.ip_address(a.https).is_loopback:
            sys.exit("refusing to listen on a non-loopback address: %s" % a.https)
        with open(a.policy, "rb") as f:
            body = f.read()
        servers.append(await asyncio.start_server(
            https_handler(body, stats, log), a.https, 443, ssl=ctx, limit=MAX_LINE * 2,
            backlog=128, reuse_address=True))
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for s in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(s, stop.set)
    if a.ready:
        with open(a.ready, "w") as f:
            f.write("%d\n" % os.getpid())
    await stop.wait()
    for s in servers:
        s.close()
    sys.stderr.write("audit_smtp: %d connections, max %d open at once, %d TLS handshakes, "
                     "%d handshakes refused or abandoned, %d HTTPS requests, %d errors\n"
                     % (stats.conns, stats.max_open, stats.tls, stats.tls_failed, stats.https, stats.errors))


def pct(xs, p):
    s = sorted(xs)
    return s[max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))]


def probe(a):
    ctx = ssl.create_default_context(cafile=a.ca)
    phases = ["connect", "banner", "ehlo", "starttls", "tls", "ehlo_tls", "quit"]
    runs = []
    for _ in range(a.n):
        t = {}
        t0 = time.perf_counter()
        s = socket.create_connection((a.addr, a.port), timeout=10)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        t["connect"] = time.perf_counter()
        f = s.makefile("rb")

        def reply(f):
            while True:
                line = f.readline()
                if not line or line[3:4] != b"-":
                    return line

        assert reply(f).startswith(b"220"), "no greeting"
        t["banner"] = time.perf_counter()
        s.sendall(b"EHLO probe.invalid\r\n")
        assert reply(f).startswith(b"250")
        t["ehlo"] = time.perf_counter()
        s.sendall(b"STARTTLS\r\n")
        assert reply(f).startswith(b"220")
        t["starttls"] = time.perf_counter()
        f.close()
        ts = ctx.wrap_socket(s, server_hostname=a.name)
        t["tls"] = time.perf_counter()
        f = ts.makefile("rb")
        ts.sendall(b"EHLO probe.invalid\r\n")
        assert reply(f).startswith(b"250")
        t["ehlo_tls"] = time.perf_counter()
        ts.sendall(b"QUIT\r\n")
        assert reply(f).startswith(b"221")
        t["quit"] = time.perf_counter()
        f.close()
        ts.close()
        prev, row = t0, {}
        for p in phases:
            row[p] = (t[p] - prev) * 1000.0
            prev = t[p]
        row["total"] = (t["quit"] - t0) * 1000.0
        runs.append(row)
    res = {"name": "one-probe", "n": a.n, "addr": a.addr,
           "stats": {k: {"median_ms": statistics.median(r[k] for r in runs),
                         "p90_ms": pct([r[k] for r in runs], 90),
                         "min_ms": min(r[k] for r in runs)} for k in phases + ["total"]}}
    if a.json:
        with open(a.json, "a") as f:
            f.write(json.dumps(res) + "\n")
    print(json.dumps(res))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--cert", required=True)
    s.add_argument("--key", required=True)
    s.add_argument("--listen", action="append", required=True, metavar="ADDR=NAME")
    s.add_argument("--port", type=int, default=25)
    s.add_argument("--banner-delay-ms", type=float, default=100.0)
    s.add_argument("--https", metavar="ADDR", help="MTA-STS policy host on ADDR:443")
    s.add_argument("--policy", help="the policy file served there")
    s.add_argument("--log")
    s.add_argument("--ready")
    p = sub.add_parser("probe")
    p.add_argument("--addr", required=True)
    p.add_argument("--port", type=int, default=25)
    p.add_argument("--name", required=True)
    p.add_argument("--ca", required=True)
    p.add_argument("--n", type=int, default=20)
    p.add_argument("--json")
    a = ap.parse_args()
    if a.cmd == "serve":
        asyncio.run(serve(a))
    else:
        probe(a)


if __name__ == "__main__":
    main()
