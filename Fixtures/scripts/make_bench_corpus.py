#!/usr/bin/env python3
"""Builds the committed benchmark corpus, Fixtures/bench.

Written for: Python 3.11.7, Pillow 13.0.0, numpy 2.4.6 (pip install pillow numpy).
Other versions should give images with the same statistics, but not byte-identical files
(Pillow's zlib and libjpeg builds take part in the encoding).

Everything is synthesised from a fixed seed; no network, no external images.

  photo.png / photo.jpg            1920x1080 RGB, photo-like: gradients, 1/f texture,
                                   blurred shapes at several depths, sensor noise
  screenshot.png / screenshot.jpg  1280x800 RGB, flat UI colours, boxes, anti-aliased glyphs
  alpha.png / alpha.jpg            1024x768 RGBA, transparent, opaque, soft and hard alpha
                                   (the JPEG is the image flattened onto white)
  palette.png                      800x600 indexed, 256 colours, dithered
  deep.png                         640x480 RGB, 16 bits per sample (written by hand: Pillow
                                   cannot write 16-bit colour PNGs)

PNGs use Pillow's defaults (no optimize); JPEGs are baseline, 4:2:0, quality 90.
Usage: python3 Fixtures/scripts/make_bench_corpus.py [OUT_DIR]
"""
import os
import struct
import sys
import zlib

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

SEED = 20261127


def fractal_noise(rng, width, height, octaves=7, persistence=0.55, base=4):
    """Sum of smoothly upsampled random grids: a roughly 1/f spectrum, like natural texture."""
    total = np.zeros((height, width), np.float32)
    amp, norm, cells = 1.0, 0.0, base
    for _ in range(octaves):
        gw = max(2, cells)
        gh = max(2, cells * height // width)
        grid = rng.random((gh, gw), dtype=np.float32)
        layer = Image.fromarray(grid, mode="F").resize((width, height), Image.BICUBIC)
        total += amp * np.asarray(layer, np.float32)
        norm += amp
        amp *= persistence
        cells *= 2
    return total / norm


def photo(rng, width, height):
    """A landscape-like scene: sky, textured ground, blurred objects, grain."""
    y = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None]
    x = np.linspace(0.0, 1.0, width, dtype=np.float32)[None, :]
    horizon = 0.45 + 0.05 * np.sin(x * 7.0)
    ones = np.ones((height, width), np.float32)
    sky = np.stack([(0.35 + 0.35 * y) * ones, (0.55 + 0.25 * y) * ones, (0.85 + 0.05 * y) * ones], -1)
    ground_tex = fractal_noise(rng, width, height)
    fine = fractal_noise(rng, width, height, octaves=4, base=64)
    ground = np.stack([0.30 + 0.35 * ground_tex, 0.35 + 0.30 * ground_tex, 0.15 + 0.20 * fine], -1)
    clouds = np.clip(fractal_noise(rng, width, height, octaves=6, base=3) * 1.6 - 0.7, 0, 1)
    sky = sky * (1 - clouds[..., None] * 0.6) + clouds[..., None] * 0.6
    mix = np.clip((y - horizon) * 40.0, 0, 1)[..., None] * ones[..., None]
    img = sky * (1 - mix) + ground * mix
    canvas = Image.fromarray(np.clip(img * 255, 0, 255).astype(np.uint8), "RGB")

    # Objects at several depths: far ones blurred a lot, near ones sharper (depth of field).
    for blur in (12, 6, 3, 1.2):
        layer = Image.new("RGBA", (width, height), (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        for _ in range(14):
            cx, cy = rng.integers(0, width), rng.integers(height // 4, height)
            rx, ry = rng.integers(20, 220), rng.integers(20, 160)
            colour = tuple(int(c) for c in rng.integers(20, 235, 3)) + (int(rng.integers(150, 256)),)
            if rng.random() < 0.5:
                draw.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=colour)
            else:
                pts = [(int(cx + rx * np.cos(a)), int(cy + ry * np.sin(a)))
                       for a in np.sort(rng.random(6) * 2 * np.pi)]
                draw.polygon(pts, fill=colour)
        layer = layer.filter(ImageFilter.GaussianBlur(blur))
        canvas = Image.alpha_composite(canvas.convert("RGBA"), layer).convert("RGB")

    arr = np.asarray(canvas, np.float32)
    # Shading texture on everything, then vignette and sensor grain (luma plus a little chroma).
    arr *= (0.85 + 0.3 * fine)[..., None]
    vignette = 1.0 - 0.35 * ((x - 0.5) ** 2 + (y - 0.5) ** 2) * 2.0
    arr *= vignette[..., None]
    luma_grain = rng.normal(0, 3.0, (height, width, 1)).astype(np.float32)
    chroma_grain = rng.normal(0, 1.2, (height, width, 3)).astype(np.float32)
    arr += luma_grain + chroma_grain
    return Image.fromarray(np.clip(arr + 0.5, 0, 255).astype(np.uint8), "RGB")


def glyph_shapes(rng, count=40):
    """Random stroke-built glyphs on a 6x10 grid, one per 'letter'."""
    shapes = []
    for _ in range(count):
        strokes = []
        for _ in range(int(rng.integers(2, 5))):
            x0, x1 = rng.integers(0, 7, 2)
            y0, y1 = rng.integers(2, 11, 2)
            strokes.append((int(x0), int(y0), int(x1), int(y1)))
        shapes.append(strokes)
    return shapes


def draw_text(img, rng, shapes, x, y, chars, colour, scale):
    """Draws glyphs at 4x and box-filters them down, giving anti-aliased text like a UI."""
    cell_w, cell_h = int(7 * scale), int(12 * scale)
    w, h = cell_w * chars, cell_h
    big = Image.new("L", (w * 4, h * 4), 0)
    draw = ImageDraw.Draw(big)
    pen = max(4, int(4 * scale * 1.1))
    for i in range(chars):
        if rng.random() < 0.16:
            continue  # a space
        for (x0, y0, x1, y1) in shapes[int(rng.integers(0, len(shapes)))]:
            k = 4 * scale
            ox = i * cell_w * 4
            draw.line([ox + x0 * k, y0 * k, ox + x1 * k, y1 * k], fill=255, width=pen)
    mask = big.resize((w, h), Image.BOX)
    img.paste(Image.new("RGB", (w, h), colour), (x, y), mask)


def screenshot(rng, width, height):
    img = Image.new("RGB", (width, height), (246, 247, 249))
    draw = ImageDraw.Draw(img)
    shapes = glyph_shapes(rng)
    # Title bar, sidebar, toolbar.
    draw.rectangle([0, 0, width, 36], fill=(52, 56, 64))
    for i, c in enumerate([(237, 106, 94), (245, 191, 79), (98, 197, 84)]):
        draw.ellipse([12 + i * 22, 11, 26 + i * 22, 25], fill=c)
    draw_text(img, rng, shapes, 420, 12, 30, (220, 222, 226), 1.0)
    draw.rectangle([0, 36, 240, height], fill=(232, 234, 238))
    draw.line([240, 36, 240, height], fill=(200, 203, 209))
    for row in range(22):
        yy = 52 + row * 32
        if row == 4:
            draw.rectangle([8, yy - 6, 232, yy + 22], fill=(0, 110, 230))
            draw_text(img, rng, shapes, 40, yy, 18, (255, 255, 255), 1.0)
        else:
            draw.rectangle([16, yy, 30, yy + 14], fill=(120, 130, 145))
            draw_text(img, rng, shapes, 40, yy, int(rng.integers(8, 24)), (40, 44, 52), 1.0)
    draw.rectangle([241, 36, width, 84], fill=(255, 255, 255))
    draw.line([241, 84, width, 84], fill=(214, 217, 222))
    for i in range(6):
        bx = 260 + i * 110
        draw.rounded_rectangle([bx, 46, bx + 96, 74], radius=6, fill=(240, 242, 245), outline=(190, 195, 202))
        draw_text(img, rng, shapes, bx + 10, 53, 10, (30, 30, 30), 1.0)
    # Content: cards with headings, paragraphs, a table and a chart.
    draw_text(img, rng, shapes, 270, 104, 40, (20, 22, 26), 2.0)
    for card in range(4):
        cx = 270 + (card % 2) * 500
        cy = 150 + (card // 2) * 320
        draw.rounded_rectangle([cx, cy, cx + 470, cy + 295], radius=10, fill=(255, 255, 255), outline=(218, 221, 226))
        draw_text(img, rng, shapes, cx + 16, cy + 14, 28, (20, 22, 26), 1.4)
        if card == 1:
            for b in range(10):
                bh = int(rng.integers(30, 200))
                col = (66, 133, 244) if b % 2 else (52, 168, 83)
                draw.rectangle([cx + 30 + b * 42, cy + 270 - bh, cx + 60 + b * 42, cy + 270], fill=col)
        elif card == 2:
            for r in range(9):
                yy = cy + 50 + r * 26
                if r % 2:
                    draw.rectangle([cx + 8, yy - 4, cx + 462, yy + 20], fill=(245, 247, 250))
                for c in range(4):
                    draw_text(img, rng, shapes, cx + 16 + c * 112, yy, 12, (60, 64, 72), 1.0)
        else:
            for line in range(12):
                draw_text(img, rng, shapes, cx + 16, cy + 50 + line * 19, int(rng.integers(40, 64)), (70, 74, 82), 1.0)
    return img


def alpha_image(rng, width, height):
    """RGBA with every kind of alpha: 0, 255, gradients, blurred and hard-edged shapes."""
    colour = photo(rng, width, height)
    y = np.linspace(0, 1, height, dtype=np.float32)[:, None]
    x = np.linspace(0, 1, width, dtype=np.float32)[None, :]
    alpha = np.zeros((height, width), np.float32)
    # Left third: a horizontal ramp 0..255; middle: soft radial blob; right: hard shapes.
    alpha[:, : width // 3] = np.broadcast_to(x[:, : width // 3] * 3.0, (height, width // 3))
    blob = np.clip(1.3 - 3.2 * np.sqrt((x - 0.5) ** 2 + (y - 0.5) ** 2), 0, 1)
    alpha = np.maximum(alpha, blob)
    mask = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(mask)
    for _ in range(12):
        cx, cy = rng.integers(width * 2 // 3, width), rng.integers(0, height)
        r = int(rng.integers(20, 90))
        draw.rectangle([cx - r, cy - r, cx + r, cy + r], fill=int(rng.choice([255, 255, 128])))
    soft = Image.new("L", (width, height), 0)
    sdraw = ImageDraw.Draw(soft)
    for _ in range(8):
        cx, cy = rng.integers(0, width), rng.integers(0, height)
        r = int(rng.integers(30, 120))
        sdraw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=255)
    soft = soft.filter(ImageFilter.GaussianBlur(14))
    alpha = np.maximum(alpha, np.asarray(mask, np.float32) / 255)
    alpha = np.maximum(alpha, np.asarray(soft, np.float32) / 255)
    # A fully opaque band and a fully transparent band.
    alpha[height * 7 // 8:, :] = 1.0
    alpha[: height // 10, width // 3:] = 0.0
    a8 = np.clip(alpha * 255 + 0.5, 0, 255).astype(np.uint8)
    rgba = np.dstack([np.asarray(colour), a8])
    return Image.fromarray(rgba, "RGBA")


def palette_image(rng, width, height):
    src = photo(rng, width, height)
    return src.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.FLOYDSTEINBERG)


def write_png16_rgb(path, samples):
    """A 16-bit RGB PNG (PNG spec §11.2.2 IHDR, colour type 2, depth 16), rows filtered by
    the usual minimum-sum-of-absolute-differences choice among the five filters (§12.8)."""
    h, w, _ = samples.shape
    raw = samples.astype(">u2").view(np.uint8).reshape(h, w * 6).astype(np.int16)
    bpp = 6
    prev = np.zeros_like(raw)
    prev[1:] = raw[:-1]
    left = np.zeros_like(raw)
    left[:, bpp:] = raw[:, :-bpp]
    upleft = np.zeros_like(raw)
    upleft[1:, bpp:] = raw[:-1, :-bpp]
    p = left + prev - upleft
    pa, pb, pc = np.abs(p - left), np.abs(p - prev), np.abs(p - upleft)
    paeth = np.where((pa <= pb) & (pa <= pc), left, np.where(pb <= pc, prev, upleft))
    candidates = [raw, raw - left, raw - prev, raw - ((left + prev) >> 1), raw - paeth]
    candidates = [(c & 0xFF).astype(np.uint8) for c in candidates]
    scores = np.stack([np.abs(c.astype(np.int8).astype(np.int32)).sum(axis=1) for c in candidates])
    choice = scores.argmin(axis=0)
    out = bytearray()
    for row in range(h):
        out.append(int(choice[row]))
        out += candidates[choice[row]][row].tobytes()

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(bytes(out), 6))
                + chunk(b"IEND", b""))


def deep_image(rng, width, height):
    """Smooth 16-bit gradients with fine low-amplitude noise, as from a raw converter."""
    y = np.linspace(0, 1, height)[:, None]
    x = np.linspace(0, 1, width)[None, :]
    tex = fractal_noise(rng, width, height, octaves=5).astype(np.float64)
    r = 0.2 + 0.6 * x + 0.1 * tex
    g = 0.3 + 0.5 * y * (1 - x) + 0.15 * tex
    b = 0.7 - 0.5 * y + 0.1 * np.sin(x * 9) * tex
    img = np.stack([r, g, b], -1) * 65535 + rng.normal(0, 40, (height, width, 3))
    return np.clip(img + 0.5, 0, 65535).astype(np.uint16)


def save_jpeg(img, path, progressive=False):
    img.save(path, "JPEG", quality=90, subsampling="4:2:0", optimize=False, progressive=progressive)


def flatten(rgba):
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, rgba).convert("RGB")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "bench")
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(SEED)

    p = photo(rng, 1920, 1080)
    p.save(os.path.join(out, "photo.png"))
    save_jpeg(p, os.path.join(out, "photo.jpg"))
    s = screenshot(rng, 1280, 800)
    s.save(os.path.join(out, "screenshot.png"))
    save_jpeg(s, os.path.join(out, "screenshot.jpg"))
    a = alpha_image(rng, 1024, 768)
    a.save(os.path.join(out, "alpha.png"))
    save_jpeg(flatten(a), os.path.join(out, "alpha.jpg"))
    palette_image(rng, 800, 600).save(os.path.join(out, "palette.png"))
    write_png16_rgb(os.path.join(out, "deep.png"), deep_image(rng, 640, 480))

    total = 0
    for name in sorted(os.listdir(out)):
        size = os.path.getsize(os.path.join(out, name))
        total += size
        print(f"{name:16s} {size:10d}")
    print(f"{'total':16s} {total:10d}")


if __name__ == "__main__":
    main()
