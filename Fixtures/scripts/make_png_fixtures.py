#!/usr/bin/env python3
"""Generate the RasterPNG test fixtures in Fixtures/png/.

Tools: Python 3.11, pypng 0.20220715.0, Pillow 13.0.0
    pip install pillow==13.0.0 pypng==0.20220715.0
Run from anywhere: python3 Fixtures/scripts/make_png_fixtures.py

For every PNG colour type x bit depth x interlace (and tRNS variants) this writes
NAME.png and the expected decode beside it, computed here from the source samples
(not by decoding the PNG):
  NAME.rgba      raw 8-bit straight RGBA, row-major (files of bit depth <= 8)
  NAME.rgba16be  raw 16-bit big-endian RGBA, row-major (16-bit files)
Expansion follows the PNG specification: grey of depth d scales by v * 255 / (2^d - 1)
(bit replication), tRNS colour keys compare raw samples at the file's depth, no gamma.
pypng writes most files (filter type 0); Pillow writes a few with its adaptive filters.
"""
import os
import random
import struct

import png
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "png")
W, H = 13, 11  # odd sizes exercise partial bytes and every Adam7 pass edge


def samples(depth, channels, seed):
    rnd = random.Random(seed)
    top = (1 << depth) - 1
    rows = []
    for y in range(H):
        row = []
        for x in range(W):
            for c in range(channels):
                # a gradient plus noise, so rows differ and filters have work to do
                v = ((x * 7 + y * 5 + c * 3) * top) // (W * 7 + H * 5 + 9)
                v = (v + rnd.randint(0, max(1, top // 8))) % (top + 1)
                row.append(v)
        rows.append(row)
    return rows


def scale8(v, depth):
    return v * 255 // ((1 << depth) - 1)


def write_golden(name, rgba_rows, sixteen):
    data = bytearray()
    for row in rgba_rows:
        for v in row:
            data += struct.pack(">H", v) if sixteen else bytes([v])
    ext = ".rgba16be" if sixteen else ".rgba"
    with open(os.path.join(OUT, name + ext), "wb") as f:
        f.write(bytes(data))


def grey(depth, interlace, key=None):
    rows = samples(depth, 1, depth * 10 + interlace)
    name = f"grey_d{depth}_{'i' if interlace else 'n'}" + ("_trns" if key is not None else "")
    if key is not None:
        key = rows[3][4]  # a value that occurs, so the key matters
    w = png.Writer(W, H, greyscale=True, bitdepth=depth, interlace=interlace, transparent=key)
    with open(os.path.join(OUT, name + ".png"), "wb") as f:
        w.write(f, rows)
    top = (1 << depth) - 1
    out = []
    for row in rows:
        o = []
        for v in row:
            g = v if depth == 16 else scale8(v, depth)
            a = 0 if key is not None and v == key else (65535 if depth == 16 else 255)
            o += [g, g, g, a]
        out.append(o)
    write_golden(name, out, depth == 16)


def rgb(depth, interlace, key=False):
    rows = samples(depth, 3, 300 + depth + interlace)
    name = f"rgb_d{depth}_{'i' if interlace else 'n'}" + ("_trns" if key else "")
    k = tuple(rows[2][15:18]) if key else None
    w = png.Writer(W, H, greyscale=False, bitdepth=depth, interlace=interlace, transparent=k)
    with open(os.path.join(OUT, name + ".png"), "wb") as f:
        w.write(f, rows)
    opaque = 65535 if depth == 16 else 255
    out = []
    for row in rows:
        o = []
        for x in range(W):
            px = tuple(row[x * 3:x * 3 + 3])
            o += list(px) + [0 if k is not None and px == k else opaque]
        out.append(o)
    write_golden(name, out, depth == 16)


def alpha(depth, interlace, greyscale):
    ch = 2 if greyscale else 4
    rows = samples(depth, ch, 500 + depth + interlace + ch)
    name = f"{'greyalpha' if greyscale else 'rgba'}_d{depth}_{'i' if interlace else 'n'}"
    w = png.Writer(W, H, greyscale=greyscale, alpha=True, bitdepth=depth, interlace=interlace)
    with open(os.path.join(OUT, name + ".png"), "wb") as f:
        w.write(f, rows)
    out = []
    for row in rows:
        o = []
        for x in range(W):
            if greyscale:
                g, a = row[x * 2:x * 2 + 2]
                o += [g, g, g, a]
            else:
                o += row[x * 4:x * 4 + 4]
        out.append(o)
    write_golden(name, out, depth == 16)


def indexed(depth, interlace, trns):
    n = 1 << depth
    rnd = random.Random(700 + depth)
    palette = []
    for i in range(n):
        entry = (rnd.randint(0, 255), rnd.randint(0, 255), rnd.randint(0, 255))
        if trns and i < n // 2 + 1:
            entry += (rnd.randint(0, 255),)
        palette.append(entry)
    rows = samples(depth, 1, 800 + depth + interlace)
    name = f"indexed_d{depth}_{'i' if interlace else 'n'}" + ("_trns" if trns else "")
    w = png.Writer(W, H, palette=palette, bitdepth=depth, interlace=interlace)
    with open(os.path.join(OUT, name + ".png"), "wb") as f:
        w.write(f, rows)
    out = []
    for row in rows:
        o = []
        for v in row:
            e = palette[v]
            o += [e[0], e[1], e[2], e[3] if len(e) == 4 else 255]
        out.append(o)
    write_golden(name, out, False)


def pillow_files():
    """A larger image written by Pillow, whose encoder picks filters adaptively."""
    rnd = random.Random(99)
    w, h = 40, 23
    pix = []
    for y in range(h):
        for x in range(w):
            pix.append(((x * 6 + rnd.randint(0, 9)) % 256, (y * 11) % 256, (x * y) % 256,
                        255 if (x + y) % 7 else rnd.randint(0, 255)))
    for mode in ["RGBA", "RGB", "L", "LA"]:
        im = Image.new("RGBA", (w, h))
        im.putdata(pix)
        im = im.convert(mode)
        name = f"pillow_{mode.lower()}"
        im.save(os.path.join(OUT, name + ".png"), optimize=False)
        rgba = im.convert("RGBA")
        with open(os.path.join(OUT, name + ".rgba"), "wb") as f:
            f.write(rgba.tobytes())


def metadata_file():
    """pillow_meta.png: a photo-like RGB image carrying tEXt, zTXt and iTXt entries and an
    iCCP profile (Pillow's built-in sRGB profile from ImageCms), for the metadata tests and
    the new-user example in Tests/RasterTests."""
    from PIL import ImageCms, PngImagePlugin
    w, h = 48, 32
    im = Image.new("RGB", (w, h))
    im.putdata([((x * 5) % 256, (y * 8) % 256, (x * y) % 256) for y in range(h) for x in range(w)])
    info = PngImagePlugin.PngInfo()
    info.add_text("Title", "Raster fixture")
    info.add_text("Comment", "compressed comment " * 8, zip=True)
    info.add_itxt("Description", "Grüße aus Raster", lang="de", tkey="Beschreibung")
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    im.save(os.path.join(OUT, "pillow_meta.png"), pnginfo=info, icc_profile=icc)
    with open(os.path.join(OUT, "pillow_meta.rgba"), "wb") as f:
        f.write(im.convert("RGBA").tobytes())
    with open(os.path.join(OUT, "pillow_meta.icc"), "wb") as f:
        f.write(icc)


def main():
    os.makedirs(OUT, exist_ok=True)
    for interlace in (0, 1):
        for d in (1, 2, 4, 8, 16):
            grey(d, interlace)
        for d in (1, 2, 4, 8, 16):
            grey(d, interlace, key=True)
        for d in (8, 16):
            rgb(d, interlace)
            rgb(d, interlace, key=True)
            alpha(d, interlace, greyscale=True)
            alpha(d, interlace, greyscale=False)
        for d in (1, 2, 4, 8):
            indexed(d, interlace, trns=False)
            indexed(d, interlace, trns=True)
    pillow_files()
    metadata_file()


if __name__ == "__main__":
    main()
