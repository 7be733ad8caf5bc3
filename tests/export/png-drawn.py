#!/usr/bin/env python3
"""png-drawn.py FILE WIDTH HEIGHT: exit 0 when FILE is a PNG of that size
(HEIGHT 0: any) drawn with more than 20 colours -- a page or picture a
browser rendered, not a blank one. Standard library only (zlib)."""
import struct
import sys
import zlib

data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("not a PNG")
w, h = struct.unpack(">II", data[16:24])
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
colours = set(raw[i:i + 3] for i in range(0, len(raw) - 3, 3))
want_w, want_h = int(sys.argv[2]), int(sys.argv[3])
sys.exit(not (w == want_w and (want_h == 0 or h == want_h) and len(colours) > 20))
