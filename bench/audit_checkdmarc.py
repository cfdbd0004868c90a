#!/usr/bin/env python3
"""checkdmarc's CLI with bench/dns_checkdmarc.py's loopback-only guard, plus what its MX
STARTTLS test needs to reach the bench's fake MX listeners (the `mailctl audit` benchmark).

usage: audit_checkdmarc.py [--guard-log FILE] --smtp-zone ZONE --smtp-ns IP [--ca-file PEM]
                           CHECKDMARC-ARGS...   (e.g. --check-mx-tls -n 127.0.0.2 DOMAIN)

checkdmarc's `--check-mx-tls` connects with smtplib to port 25 of each MX *name*, so the name
goes through socket.getaddrinfo, i.e. the system resolver, which does not know the bench zone.
Here getaddrinfo(NAME, 25) for a NAME inside --smtp-zone is answered by asking --smtp-ns (the
bench's delayed server) for NAME's A records, as a stub resolver would (one 50 ms question);
only loopback addresses are returned (anything else is dropped and logged). Every other
getaddrinfo -- the MTA-STS policy and BIMI HTTPS fetches (port 443), anything outside the zone --
goes through the unchanged guard: refused at once unless a loopback literal, and logged.
connect/sendto to non-loopback addresses stay blocked by the guard's socket class.

--ca-file sets SSL_CERT_FILE before checkdmarc builds its ssl.create_default_context(), so the
STARTTLS handshake verifies the bench certificate against the bench CA instead of failing (the
same trust mailctl gets with --ca-file), i.e. checkdmarc does the whole STARTTLS + EHLO dialogue.
"""
import os
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dns_checkdmarc as guard  # noqa: E402  (bench/dns_checkdmarc.py)

_zone = None
_ns = None
_resolver = None


def _in_zone(host):
    if isinstance(host, bytes):
        host = host.decode()
    h = host.rstrip(".").lower()
    return h == _zone or h.endswith("." + _zone)


def _gai(host, port=None, family=0, type=0, proto=0, flags=0):
    global _resolver
    if host is not None and port in (25, "25", b"25") and _zone and _in_zone(host) \
            and family in (0, socket.AF_INET):
        import dns.resolver  # dnspython, a checkdmarc dependency

        if _resolver is None:
            _resolver = dns.resolver.Resolver(configure=False)
            _resolver.nameservers = [_ns]
            _resolver.lifetime = 5.0
        host_s = host.decode() if isinstance(host, bytes) else host
        try:
            ans = _resolver.resolve(host_s, "A")
        except Exception as e:
            raise socket.gaierror(socket.EAI_NONAME, "bench zone lookup of %s failed: %s" % (host_s, e))
        out = []
        for r in ans:
            ip = r.to_text()
            if not guard._loopback(ip):
                guard._note("getaddrinfo %s -> non-loopback %s dropped" % (host_s, ip))
                continue
            socktypes = [type] if type else [socket.SOCK_STREAM]
            for st in socktypes:
                out.append((socket.AF_INET, st, proto or socket.IPPROTO_TCP, "", (ip, int(port))))
        if not out:
            raise socket.gaierror(socket.EAI_NONAME, "no loopback address for %s" % host_s)
        return out
    return guard._gai(host, port, family, type, proto, flags)


def main():
    global _zone, _ns
    args = sys.argv[1:]
    while args and args[0] in ("--guard-log", "--smtp-zone", "--smtp-ns", "--ca-file"):
        opt, val, args = args[0], args[1], args[2:]
        if opt == "--guard-log":
            guard._log = val
        elif opt == "--smtp-zone":
            _zone = val.rstrip(".").lower()
        elif opt == "--smtp-ns":
            if not guard._loopback(val):
                sys.exit("--smtp-ns must be a loopback address")
            _ns = val
        else:
            os.environ["SSL_CERT_FILE"] = val
    if _zone and not _ns:
        sys.exit("--smtp-zone needs --smtp-ns")
    socket.getaddrinfo = _gai
    socket.socket = guard._GuardedSocket
    from checkdmarc._cli import _main

    sys.argv = ["checkdmarc"] + args
    _main()


if __name__ == "__main__":
    main()
