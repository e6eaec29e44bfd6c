#!/usr/bin/env python3
"""Writes Raster's hostile inputs ("bombs") into a directory, for Benchmarks/attack/run.sh.

Python 3 standard library only (struct, zlib). Each file is built from scratch here; none is
committed, since several are megabytes. Usage: make_attacks.py OUTDIR
Each line of OUTDIR/manifest.txt is: NAME  WIDTH  HEIGHT  WHAT (the declared image size, so
run.sh can put peak memory beside the final image size).
"""
import os
import struct
import sys
import zlib


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def ihdr(w, h, depth=8, ctype=6):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, 0))


SIG = b"\x89PNG\r\n\x1a\n"


def zeros_zlib(n, level=9):
    """zlib stream of n zero bytes, compressed in pieces so memory stays small."""
    c = zlib.compressobj(level)
    out = []
    piece = b"\0" * (1 << 20)
    left = n
    while left > 0:
        take = min(left, len(piece))
        out.append(c.compress(piece[:take]))
        left -= take
    out.append(c.flush())
    return b"".join(out)


def png(w, h, idat_chunks, extra=b""):
    return SIG + ihdr(w, h) + extra + b"".join(chunk(b"IDAT", d) for d in idat_chunks) + chunk(b"IEND", b"")


def image_data(w, h):
    return zeros_zlib((w * 4 + 1) * h)


def jpeg_tables(progressive_ac=False):
    dqt = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + b"\x01" * 64
    # DC table 0: two codes of length 2 (symbols 0 and 1); AC table 0: two codes of length 2.
    counts = bytes([0, 2] + [0] * 14)
    dc = b"\x00" + counts + b"\x00\x01"
    ac_symbols = b"\xe0\x00" if progressive_ac else b"\x00\x01"
    ac = b"\x10" + counts + ac_symbols
    dht = b"\xff\xc4" + struct.pack(">H", 2 + len(dc) + len(ac)) + dc + ac
    return dqt + dht


def sof(marker, w, h):
    return b"\xff" + bytes([marker]) + struct.pack(">HBHHB", 11, 8, h, w, 1) + b"\x01\x11\x00"


def sos(ss, se, ah, al):
    return b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00" + bytes([ss, se, ah << 4 | al])


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    manifest = []

    def write(name, data, w, h, what):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        manifest.append(f"{name}\t{w}\t{h}\t{what}")

    # PNG: IHDR declares 2^31-1 square; must fail on the header, allocating nothing.
    write("png-huge-header.png", png(0x7FFFFFFF, 0x7FFFFFFF, [zeros_zlib(1000)]), 0x7FFFFFFF, 0x7FFFFFFF,
          "IHDR 2^31-1 x 2^31-1")
    # PNG: a 1024x1024 image whose IDAT inflates to 1 GiB: inflate stops at the exact size.
    write("png-zlib-bomb.png", png(1024, 1024, [zeros_zlib(1 << 30)]), 1024, 1024,
          "IDAT inflating to 1 GiB for a 4 MiB image")
    # PNG: a valid 8192x8192 RGBA image from a tiny file (the default limits allow it).
    write("png-valid-8k.png", png(8192, 8192, [image_data(8192, 8192)]), 8192, 8192,
          "valid 8192x8192 RGBA from a small file (256 MiB image)")
    # PNG: the same 1024x1024 image data cut into one-byte IDAT chunks.
    data = image_data(1024, 1024)
    write("png-1024-reference.png", png(1024, 1024, [data]), 1024, 1024,
          "the same image in one IDAT (time and memory reference)")
    write("png-tiny-idats.png", png(1024, 1024, [data[i:i + 1] for i in range(len(data))]), 1024, 1024,
          f"{len(data)} one-byte IDAT chunks")
    small = image_data(64, 64)
    # PNG: zTXt and iCCP inflating to 1 GiB each.
    bomb = zeros_zlib(1 << 30)
    write("png-ztxt-bomb.png", png(64, 64, [small], chunk(b"zTXt", b"Comment\0\0" + bomb)), 64, 64,
          "zTXt inflating to 1 GiB")
    write("png-iccp-bomb.png", png(64, 64, [small], chunk(b"iCCP", b"icc\0\0" + bomb)), 64, 64,
          "iCCP inflating to 1 GiB")
    # PNG: 20,000 tEXt chunks.
    texts = b"".join(chunk(b"tEXt", b"Key%d\0value %d" % (i, i)) for i in range(20000))
    write("png-20000-text.png", png(64, 64, [small], texts), 64, 64, "20,000 tEXt chunks")
    # PNG: the metadata-budget attack: 2000 zTXt chunks, each 8 MiB of zeros whose Adler-32 is
    # broken, so every inflate fails after producing up to the whole metadata budget.
    one = bytearray(zeros_zlib(8 << 20))
    one[-1] ^= 0xFF
    failing = b"".join(chunk(b"zTXt", b"K\0\0" + bytes(one)) for _ in range(2000))
    write("png-metadata-budget.png", png(64, 64, [small], failing), 64, 64,
          "2000 zTXt chunks of 8 MiB each that fail to inflate")

    # JPEG: SOF declaring 16384x16384 (within the default limits), tables, then EOI: no scan.
    write("jpeg-huge-sof.jpg", b"\xff\xd8" + jpeg_tables() + sof(0xC0, 16384, 16384) + b"\xff\xd9",
          16384, 16384, "SOF 16384x16384 and no scan data")
    # JPEG: 256x256 grey baseline, restart interval 1, scan data of 1 MiB of restart markers.
    rst = b"".join(bytes([0xFF, 0xD0 + (i & 7)]) for i in range(1 << 19))
    write("jpeg-endless-restarts.jpg",
          b"\xff\xd8" + jpeg_tables() + sof(0xC0, 256, 256) + b"\xff\xdd\x00\x04\x00\x01" + sos(0, 63, 0, 0) + rst + b"\xff\xd9",
          256, 256, "2^19 restart markers in one scan")
    # JPEG: 1024x1024 grey progressive: one DC scan, then 5000 AC scans that each end every
    # block with one EOB run (16 bits of data per scan over 16384 blocks).
    blocks = (1024 // 8) ** 2
    dc = sos(0, 0, 0, 0) + b"\x00" * (blocks * 2 // 8)
    ac = sos(1, 63, 0, 0) + b"\x00\x00"  # code 00 = EOB14, then 14 bits: run 2^14 = every block
    write("jpeg-5000-scans.jpg", b"\xff\xd8" + jpeg_tables(progressive_ac=True) + sof(0xC2, 1024, 1024) + dc + ac * 5000 + b"\xff\xd9",
          1024, 1024, "progressive, 5000 AC scans")
    # The worst a progression the decoder accepts can do: every AC coefficient alone, first at
    # Al=13, then refined 13 times (63 * 14 = 882 scans, each advancing one coefficient).
    advancing = b"".join(sos(k, k, 0, 13) + b"\x00\x00" + b"".join(sos(k, k, ah, ah - 1) + b"\x00\x00" for ah in range(13, 0, -1))
                         for k in range(1, 64))
    write("jpeg-882-scans.jpg", b"\xff\xd8" + jpeg_tables(progressive_ac=True) + sof(0xC2, 1024, 1024) + dc + advancing + b"\xff\xd9",
          1024, 1024, "progressive, 882 AC scans that each advance one coefficient (accepted)")
    write("jpeg-1-scan.jpg", b"\xff\xd8" + jpeg_tables(progressive_ac=True) + sof(0xC2, 1024, 1024) + dc + ac + b"\xff\xd9",
          1024, 1024, "the same progressive file with 1 AC scan (time reference)")

    with open(os.path.join(out, "manifest.txt"), "w") as f:
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
