#!/usr/bin/env python3
"""Run the checkdmarc CLI (its own `checkdmarc._cli._main`) with a loopback-only network guard.

usage: dns_checkdmarc.py [--guard-log FILE] CHECKDMARC-ARGS...

checkdmarc's DNS goes where --nameserver says (our bench server on 127.0.0.2:53). Its HTTP
fetches do not use that nameserver: the MTA-STS policy (https://mta-sts.DOMAIN/...) and the
BIMI logo (the l= URL) go through requests -> socket.getaddrinfo -> the system resolver. This
wrapper makes sure nothing leaves the machine:
  * socket.getaddrinfo of anything that is not a loopback IP literal (or localhost) fails at
    once with EAI_NONAME, as it would on a machine without DNS for that name;
  * socket.connect / connect_ex / sendto to a non-loopback address fail with ENETUNREACH.
Each blocked attempt is counted; with --guard-log one line per attempt is appended there.
The guard costs nothing measurable (a few Python function calls per socket operation).
"""
import errno
import ipaddress
import socket
import sys

_real_gai = socket.getaddrinfo
_blocked = []
_log = None


def _loopback(host):
    if host in ("localhost", "localhost.", b"localhost"):
        return True
    if isinstance(host, bytes):
        host = host.decode()
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _note(what):
    _blocked.append(what)
    if _log:
        with open(_log, "a") as f:
            f.write(what + "\n")


def _gai(host, *a, **k):
    if host is None or _loopback(host):
        return _real_gai(host, *a, **k)
    _note("getaddrinfo %s" % (host,))
    raise socket.gaierror(socket.EAI_NONAME, "blocked by bench guard (loopback only)")


class _GuardedSocket(socket.socket):
    def _check(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address[0]):
            _note("connect %s" % (address,))
            raise OSError(errno.ENETUNREACH, "blocked by bench guard (loopback only)")

    def connect(self, address):
        self._check(address)
        return super().connect(address)

    def connect_ex(self, address):
        self._check(address)
        return super().connect_ex(address)

    def sendto(self, data, *args):
        self._check(args[-1])
        return super().sendto(data, *args)


def main():
    global _log
    args = sys.argv[1:]
    if args[:1] == ["--guard-log"]:
        _log, args = args[1], args[2:]
    socket.getaddrinfo = _gai
    socket.socket = _GuardedSocket
    from checkdmarc._cli import _main

    sys.argv = ["checkdmarc"] + args
    _main()


if __name__ == "__main__":
    main()
