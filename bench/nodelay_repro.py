#!/usr/bin/env python3
"""Reproduce the ~40 ms post-STARTTLS EHLO stall (TLS 1.3 tickets + client TCP_NODELAY +
server Nagle + client delayed ACK) with a plain Python ssl client against a running rig
(/tmp/mailctl-rig). Diagnostic only, not run by smtp.sh: python3 bench/nodelay_repro.py"""
import socket, ssl, time, sys, statistics
CA="/tmp/mailctl-rig/tls/ca.pem"
def rl(f):
    lines=[]
    while True:
        l=f.readline()
        lines.append(l)
        if l[3:4]==b" ": return lines
def one(nodelay, quickack, tls12):
    s=socket.create_connection(("127.0.0.1",10587))
    if nodelay: s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    f=s.makefile("rb")
    rl(f); s.sendall(b"EHLO t\r\n"); rl(f); s.sendall(b"STARTTLS\r\n"); rl(f)
    ctx=ssl.create_default_context(cafile=CA)
    if tls12: ctx.maximum_version=ssl.TLSVersion.TLSv1_2
    t=ctx.wrap_socket(s, server_hostname="mail.rig.test")
    if quickack: s2=t; t.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
    t0=time.perf_counter()
    t.sendall(b"EHLO t\r\n")
    buf=b""
    while not buf.endswith(b"250 CHUNKING\r\n"): buf+=t.recv(4096)
    dt=(time.perf_counter()-t0)*1000
    t.sendall(b"QUIT\r\n"); t.recv(4096); t.close()
    return dt
for name,args in [("nodelay",(1,0,0)),("nagle",(0,0,0)),("nodelay+quickack",(1,1,0)),("nodelay tls1.2",(1,0,1))]:
    xs=[one(*args) for _ in range(25)]
    print("%-18s median %.2f  max %.2f  >20ms: %d/25"%(name,statistics.median(xs),max(xs),sum(x>20 for x in xs)))
