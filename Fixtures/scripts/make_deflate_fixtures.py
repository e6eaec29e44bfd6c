#!/usr/bin/env python3
"""Writes the RasterDeflate test fixtures under Fixtures/deflate/.

Made with Python 3.11.7's standard zlib and gzip modules (linked against zlib 1.2.13 when these
files were generated), and for the libdeflate streams the PyPI package `deflate` 0.9.0 (its
bundled libdeflate; Fixtures/generate.sh installs it). Deterministic: gzip MTIME is fixed
at 0 and the inputs come from a fixed-seed generator, so re-running gives identical files.

Files:
  text.bin, binary.bin         the two inputs
  <input>.zlib{1,6,9}          zlib streams at levels 1, 6 and 9
  <input>.raw                  raw DEFLATE (wbits -15), level 6
  <input>.libdeflate1          libdeflate's zlib stream at level 1 (our level 1 must not be larger)
  text.named.gz                gzip member carrying FNAME "text.bin"
  multi.gz                     three members: text.bin, binary.bin, then an empty member
"""
import gzip
import io
import os
import random
import zlib

import deflate  # PyPI `deflate` 0.9.0, bindings to libdeflate

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "deflate")


def text_input():
    rng = random.Random(1234)
    words = ("pixel raster stream deflate huffman window literal length distance block "
             "the of and a to in is it for image colour alpha filter").split()
    lines = []
    while sum(len(x) + 1 for x in lines) < 24000:
        lines.append(" ".join(rng.choice(words) for _ in range(rng.randint(3, 14))))
    return ("\n".join(lines) + "\n").encode()[:24000]


def binary_input():
    rng = random.Random(5678)
    # A smooth ramp with noise (image-like), a run of zeros, then incompressible bytes.
    ramp = bytes((i // 7 + rng.randint(0, 3)) & 0xFF for i in range(12000))
    return ramp + bytes(3000) + bytes(rng.getrandbits(8) for _ in range(3000))


def raw_deflate(data, level):
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def gzip_member(data, name=None):
    buf = io.BytesIO()
    with gzip.GzipFile(filename=name or "", mode="wb", fileobj=buf, mtime=0, compresslevel=6) as f:
        f.write(data)
    return buf.getvalue()


def main():
    os.makedirs(OUT, exist_ok=True)
    inputs = {"text": text_input(), "binary": binary_input()}
    files = {}
    for name, data in inputs.items():
        files[f"{name}.bin"] = data
        for level in (1, 6, 9):
            files[f"{name}.zlib{level}"] = zlib.compress(data, level)
        files[f"{name}.raw"] = raw_deflate(data, 6)
        files[f"{name}.libdeflate1"] = deflate.zlib_compress(data, 1)
    files["text.named.gz"] = gzip_member(inputs["text"], name="text.bin")
    files["multi.gz"] = gzip_member(inputs["text"]) + gzip_member(inputs["binary"]) + gzip_member(b"")
    for fname, content in sorted(files.items()):
        with open(os.path.join(OUT, fname), "wb") as f:
            f.write(content)
    total = sum(len(c) for c in files.values())
    print(f"wrote {len(files)} files, {total} bytes, zlib {zlib.ZLIB_RUNTIME_VERSION}")


if __name__ == "__main__":
    main()
