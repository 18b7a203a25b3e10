#!/usr/bin/env python3
"""Independent PSP encapsulator for cross-checks: pyca/cryptography (CMAC, AES-GCM) and
the layout of google/psp src/psp_encrypt.c, written from that file's facts, not from
the harness. Reads a JSON list of {op: "derive"|"encrypt"|"encap", args} on stdin and
prints a JSON list of hex results (null when the case is refused)."""
import json
import struct
import sys

from cryptography.hazmat.primitives import cmac
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def derive(k0, k1, spi, version):
    mk = k1 if spi & 0x80000000 else k0
    bits = 128 if version in (0, 2) else 256
    out = b""
    for counter in range(1, bits // 128 + 1):
        block = struct.pack(">I", counter) + bytes([0x50, 0x76, 0x30 + version, 0]) + struct.pack(">IHH", spi, 0, bits)
        c = cmac.CMAC(algorithms.AES(mk))
        c.update(block)
        out += c.finalize()
    return out


def psp(a, next_hdr, payload):
    version, crypt = a["version"], a["cryptOffset"] * 4
    if crypt > len(payload):
        return None
    vc = bytes.fromhex(a["vc"]) if "vc" in a else b""
    spi = int(a["spi"], 16)
    flags = (0x80 if a.get("s") else 0) | (0x40 if a.get("d") else 0) | (version << 2) | (0x02 if vc else 0) | 1
    hdr = bytes([next_hdr, 2 if vc else 1, a["cryptOffset"], flags]) + struct.pack(">I", spi) + bytes.fromhex(a["iv"])
    key = derive(bytes.fromhex(a["key0"]), bytes.fromhex(a["key1"]), spi, version)
    body = vc + payload
    clear = len(body) if version >= 2 else crypt
    aad = hdr + body[:clear]
    return aad + AESGCM(key).encrypt(hdr[4:16], body[clear:], aad)


def csum(h):
    s = sum(struct.unpack(">%dH" % (len(h) // 2), h))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def encap(a):
    pkt = bytes.fromhex(a["packet"])
    v6 = pkt[0] >> 4 == 6
    hl = 40 if v6 else (pkt[0] & 15) * 4
    proto = pkt[6] if v6 else pkt[9]
    l4 = pkt[hl:]
    tunnel = a["mode"] == "tunnel"
    if not tunnel and v6 and proto not in (6, 17):
        return None
    sport = 1000
    if proto in (6, 17):
        if len(l4) < 4:
            return None
        sport = struct.unpack(">H", l4[0:2])[0] ^ struct.unpack(">H", l4[2:4])[0]
    inner = pkt if tunnel else l4
    p = psp(a, (41 if v6 else 4) if tunnel else proto, inner)
    if p is None:
        return None
    udp = struct.pack(">HHHH", sport, 1000, 8 + len(p), 0) + p
    ip = bytearray(pkt[: (40 if v6 else 20) if tunnel else hl])
    if v6:
        ip[4:6] = struct.pack(">H", len(udp))
        ip[6] = 17
    else:
        if tunnel:
            ip[0] = 0x45
        ip[2:4] = struct.pack(">H", len(ip) + len(udp))
        ip[9] = 17
        ip[10:12] = b"\0\0"
        ip[10:12] = struct.pack(">H", csum(bytes(ip)))
    out = bytes(ip) + udp
    return None if len(out) > 9000 else out


def run(case):
    a = case["args"]
    if case["op"] == "derive":
        return derive(bytes.fromhex(a["key0"]), bytes.fromhex(a["key1"]), int(a["spi"], 16), a["version"])
    if case["op"] == "encrypt":
        return psp(a, a["nextHeader"], bytes.fromhex(a["payload"]))
    return encap(a)


out = [None if (r := run(c)) is None else r.hex() for c in json.load(sys.stdin)]
json.dump(out, sys.stdout)
