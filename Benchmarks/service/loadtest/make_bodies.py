#!/usr/bin/env python3
"""Writes the request bodies of the service load test and their manifest.

Usage: make_bodies.py OUTDIR

Tools: Python 3.11 with Pillow and numpy (PyPI); zlib and struct from the standard library.
Deterministic: every image comes from a seeded generator.

Two manifests, OUTDIR/manifest.txt (the full mix) and OUTDIR/manifest-nojpeg.txt (for a
service under test without a JPEG codec), have one line per body kind:
    name weight expected-statuses width height size file
`expected-statuses` is a comma list: a valid image may get 200, or 503 when the memory
budget is exhausted; each hostile body has the one status its input deserves (CONTRACT.md
"Service"). `width height` are the source's, for the checker's expected thumbnail size.
Weights add up to 100; hostile bodies are about 10% of the mix.
"""
import io
import os
import struct
import sys
import zlib

import numpy as np
from PIL import Image, ImageDraw

rng = np.random.default_rng(20261202)


def photo(w, h):
    """A photo-like RGB image: smooth light falloff, a few soft blobs, fine grain."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    img = np.zeros((h, w, 3), np.float32)
    for c in range(3):
        img[..., c] = 90 + 60 * np.sin(x / w * (2 + c) + c) * np.cos(y / h * (3 - c))
    for _ in range(6):
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.uniform(0.05, 0.3) * min(w, h)
        colour = rng.uniform(-80, 120, 3)
        blob = np.exp(-(((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r)))
        img += blob[..., None] * colour
    img += rng.normal(0, 6, img.shape).astype(np.float32)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


def screenshot(w, h):
    """Flat UI colours, bars, boxes and text-like strokes: what screenshots compress like."""
    img = Image.new("RGB", (w, h), (245, 246, 248))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, w, 48], fill=(36, 41, 47))
    d.rectangle([0, 48, 220, h], fill=(230, 232, 236))
    for row in range(60, h - 20, 22):
        for col in range(240, w - 40, 9 * 7):
            n = int(rng.integers(2, 7))
            d.rectangle([col, row, col + n * 7, row + 10], fill=(60, 60, 70))
    for i in range(8):
        x0, y0 = int(rng.integers(240, w - 300)), int(rng.integers(60, h - 200))
        d.rectangle([x0, y0, x0 + 260, y0 + 160], outline=(0, 120, 215), width=2,
                    fill=tuple(int(v) for v in rng.integers(200, 255, 3)))
    return img


def alpha_image(w, h):
    """RGBA with a radial alpha ramp and fully transparent corners."""
    base = photo(w, h).convert("RGBA")
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    r = np.sqrt(((x - w / 2) / (w / 2)) ** 2 + ((y - h / 2) / (h / 2)) ** 2)
    alpha = np.clip((1.1 - r) * 255, 0, 255).astype(np.uint8)
    arr = np.array(base)
    arr[..., 3] = alpha
    return Image.fromarray(arr, "RGBA")


def png_bytes(img, **kw):
    out = io.BytesIO()
    img.save(out, "PNG", **kw)
    return out.getvalue()


def jpeg_bytes(img, quality=85):
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality)
    return out.getvalue()


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_from_rows(width, height, colour_type, bit_depth, row_bytes, row):
    """A PNG streamed row by row (filter 0), so huge images never sit in memory."""
    comp = zlib.compressobj(9)
    parts = []
    line = b"\x00" + row
    assert len(row) == row_bytes
    for _ in range(height):
        parts.append(comp.compress(line))
    parts.append(comp.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"".join(parts))
            + chunk(b"IEND", b""))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    ok = "200,503"
    photo_png = png_bytes(photo(1024, 768))
    jpeg_m = jpeg_bytes(photo(1920, 1080))
    img16 = np.array(photo(640, 480)).astype(np.uint16) * 257
    ihdr_65535 = struct.pack(">IIBBBBB", 65535, 65535, 8, 6, 0, 0, 0)
    # (name, weight with JPEG, weight without, expected, w, h, size, bytes). Without a JPEG
    # codec in the service under test, the JPEG share goes to PNG photos.
    kinds = [
        # Valid images, 90% of the mix.
        ("jpeg-640x480", 18, 0, ok, 640, 480, 256, jpeg_bytes(photo(640, 480))),
        ("jpeg-1920x1080", 16, 0, ok, 1920, 1080, 256, jpeg_m),
        ("jpeg-4000x3000", 4, 0, ok, 4000, 3000, 256, jpeg_bytes(photo(4000, 3000))),
        ("png-photo-1024x768", 12, 24, ok, 1024, 768, 256, photo_png),
        ("png-screenshot-1440x900", 16, 26, ok, 1440, 900, 256, png_bytes(screenshot(1440, 900))),
        ("png-alpha-800x600", 12, 22, ok, 800, 600, 256, png_bytes(alpha_image(800, 600))),
        ("png16-640x480", 4, 6, ok, 640, 480, 256, png16_bytes(img16)),
        ("png-small-200x150", 6, 8, ok, 200, 150, 256, png_bytes(photo(200, 150))),
        # Huge but within the service's limits (36 megapixels in ~35 KB): the decode really
        # allocates ~150 MB, which the memory budget must account for.
        ("png-huge-6000x6000", 2, 4, ok, 6000, 6000, 256, png_from_rows(6000, 6000, 0, 8, 6000, bytes(6000))),
        # Hostile, 10%. A truncated or corrupt body with a sound header can only be found
        # out by decoding it, which needs its memory first: under budget pressure it may
        # honestly get 503 before it gets its 400.
        ("truncated-png", 2, 2, "400,503", 1024, 768, 256, photo_png[: len(photo_png) // 2]),
        ("truncated-jpeg", 2, 0, "400,503", 1920, 1080, 256, jpeg_m[: len(jpeg_m) * 6 // 10]),
        ("corrupt-png-crc", 0, 2, "400,503", 1024, 768, 256,
         photo_png[:60] + bytes([photo_png[60] ^ 0xFF]) + photo_png[61:]),
        # Decompression bomb: 30000x30000 grey (900 MB of pixels) in under 1 MB.
        ("bomb-png-30000x30000", 2, 2, "413", 30000, 30000, 256,
         png_from_rows(30000, 30000, 0, 8, 30000, bytes(30000))),
        # A header claiming 65535x65535 RGBA, then a token IDAT.
        ("header-65535x65535", 1, 1, "413", 65535, 65535, 256,
         b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr_65535) + chunk(b"IDAT", zlib.compress(bytes(1000)))
         + chunk(b"IEND", b"")),
        ("random-bytes", 2, 2, "415", 0, 0, 256, rng.integers(0, 256, 65536, dtype=np.uint8).tobytes()),
        ("empty-body", 1, 1, "400", 0, 0, 256, b""),
    ]
    for manifest, column in (("manifest.txt", 1), ("manifest-nojpeg.txt", 2)):
        total = 0
        with open(os.path.join(out, manifest), "w") as m:
            for kind in kinds:
                name, weight, expected, w, h, size, data = (kind[0], kind[column]) + kind[3:]
                if weight == 0:
                    continue
                total += weight
                path = os.path.join(out, name + ".bin")
                with open(path, "wb") as f:
                    f.write(data)
                m.write(f"{name} {weight} {expected} {w} {h} {size} {os.path.abspath(path)}\n")
        assert total == 100, (manifest, total)
    print(f"{len(kinds)} body kinds in {out}")


def png16_bytes(arr16):
    """A 16-bit RGB PNG from an (h, w, 3) uint16 array."""
    h, w, _ = arr16.shape
    raw = b"".join(b"\x00" + arr16[y].astype(">u2").tobytes() for y in range(h))
    ihdr = struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 6))
            + chunk(b"IEND", b""))


if __name__ == "__main__":
    main()
