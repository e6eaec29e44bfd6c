#!/usr/bin/env python3
"""How far each resizer is from the contract's exact resize (CONTRACT.md, Pixel semantics,
"Resize"), and how close each thumbnail is to an exact full-resolution lanczos3 one.

(Longer than 400 lines on purpose: it is one benchmark tool run by one command, in four
sections: the exact reference with its self-test, running the implementations, comparing,
and the report; splitting it would only add import plumbing.)

Written for Python 3.11 with numpy 2 and Pillow 13 (Pillow only reads the PNG and JPEG
outputs); Benchmarks/resize-accuracy.sh makes a venv with them and runs this script. It
needs the peers built (Benchmarks/peers/build.sh) and, for Raster, `raster-tool`.

  resize-accuracy.py [--corpus DIR[,FILE...]] [--peers pillow,pillow-simd,vips,stbir,goresize]
                     [--raster-tool PATH] [--work DIR] [--docs FILE]

Resize: every peer runs its resize cases once with --dump (the raster-bench cases: each PNG
to width 256 and to half size, lanczos3, triangle, catmull-rom) and writes the input raster
it was given and its output. Raster runs `raster-tool convert IN IN.rgba` (its decoded
input) and `raster-tool resize IN OUT.png --size WxH --filter F --fit fill`. For each output
the exact value is computed from that implementation's own input, so a peer that decodes a
16-bit PNG differently is still judged on its resize alone. Per pixel the largest channel
difference counts; a pixel is exact when all four channels equal the exact value.

The exact value (float64, with exact fractions where it matters, see exact_resize):
output pixel i samples the source at c = (i + 0.5) * in / out; with f = max(in / out, 1)
source pixel j weighs K((j + 0.5 - c) / f) when |j + 0.5 - c| < r * f (decided on integers:
|(2j + 1) * out - (2i + 1) * in| < 2 r max(in, out)), taps outside the image dropped, weights
normalised to sum 1; rows then columns on premultiplied values v / 255; un-premultiplied by
the resampled alpha, clamped to [0, 1], rounded to nearest with ties away from zero; an
8-bit alpha of 0 gives (0, 0, 0, 0). Pixels within 1e-7 levels of a rounding tie are
recomputed in exact fractions for the polynomial kernels (true ties are common there: a
half-size triangle weighs 1/8 and 3/8); for lanczos3, whose weights are irrational, a
channel is decided exactly where every group of equal-weight taps (equal |D|) has the same
mean (an alpha ramp sampled between pixels does that, and lands exactly on a half), and
the pixels left undecided are counted and reported.

Thumbnail: each implementation's thumbnail of every opaque source (JPEG quality 85, fitted
in 256x256) is decoded and compared, by PSNR over RGB, with the exact lanczos3 resize, to
the same size, of the source decoded at full resolution (Pillow, libjpeg-turbo's default
decode) with its EXIF orientation applied.
"""
import argparse
import functools
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
from fractions import Fraction

import numpy as np
from PIL import Image, ImageOps

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "Benchmarks", "peers", "build")
BEGIN = "<!-- BEGIN GENERATED: Benchmarks/resize-accuracy.py rewrites everything up to END GENERATED -->"
END = "<!-- END GENERATED -->"
IMPL_ORDER = ["raster", "pillow", "pillow-simd", "libvips", "stb_image_resize", "go-draw", "go-imaging"]
FILTER_ORDER = ["lanczos3", "triangle", "catmull-rom"]


# ---------------------------------------------------------------- exact reference

def cubic(b, c):
    def k(x):
        x = np.abs(x)
        near = ((12 - 9 * b - 6 * c) * x ** 3 + (-18 + 12 * b + 6 * c) * x ** 2 + (6 - 2 * b)) / 6
        far = ((-b - 6 * c) * x ** 3 + (6 * b + 30 * c) * x ** 2 + (-12 * b - 48 * c) * x + (8 * b + 24 * c)) / 6
        return np.where(x < 1, near, np.where(x < 2, far, 0.0))
    return k


# (support r, K) per the contract.
KERNELS = {
    "box": (0.5, lambda x: ((x >= -0.5) & (x < 0.5)).astype(np.float64)),
    "triangle": (1.0, lambda x: np.maximum(0.0, 1.0 - np.abs(x))),
    "catmull-rom": (2.0, cubic(0.0, 0.5)),
    "mitchell": (2.0, cubic(1 / 3, 1 / 3)),
    "lanczos3": (3.0, lambda x: np.where(np.abs(x) < 3, np.sinc(x) * np.sinc(x / 3), 0.0)),
}


def axis_weights(n_in, n_out, filt):
    """Tap indices and normalised weights, shape (n_out, taps); unused taps weigh 0."""
    r, kern = KERNELS[filt]
    big = max(n_in, n_out)
    two_r_big = int(round(2 * r * big))  # 2r is 1, 2, 4 or 6: an integer
    i = np.arange(n_out, dtype=np.int64)[:, None]
    s = n_in / n_out
    f = max(s, 1.0)
    first = np.floor((i + 0.5) * s - r * f - 0.5).astype(np.int64) - 1
    span = int(math.ceil(2 * r * f)) + 3
    j = first + np.arange(span, dtype=np.int64)[None, :]
    d = (2 * j + 1) * n_out - (2 * i + 1) * n_in  # 2 * out * (j + 0.5 - c), exact
    inside = (np.abs(d) < two_r_big) & (j >= 0) & (j < n_in)
    w = np.where(inside, kern(d / (2.0 * big)), 0.0)
    total = w.sum(axis=1, keepdims=True)
    empty = total[:, 0] == 0
    w = np.where(empty[:, None], 0.0, w / np.where(total == 0, 1.0, total))
    j = np.clip(j, 0, n_in - 1)
    if empty.any():  # only a box can leave no tap: take the pixel under c
        under = np.minimum(((2 * i[:, 0] + 1) * n_in) // (2 * n_out), n_in - 1)
        j[empty, 0] = under[empty]
        w[empty, 0] = 1.0
    keep = np.flatnonzero((w != 0).any(axis=0))
    return j[:, keep], w[:, keep]


def resample_rows(block, idx, w):
    """block (rows, n_in, 4) float64 -> (rows, n_out, 4), along axis 1."""
    out = np.zeros((block.shape[0], idx.shape[0], 4))
    for k in range(idx.shape[1]):
        out += w[None, :, k, None] * block[:, idx[:, k], :]
    return out


# Kernels that are polynomials give rational weights, so their exact value can be an exact
# rounding tie (a half-size triangle averages with weights 1/8 and 3/8, say); float64 may
# land a hair either side of it. Those pixels are recomputed in fractions. Lanczos weights
# are transcendental: a true tie there is not expected, and the near ones are only counted.
RATIONAL = {"box", "triangle", "catmull-rom", "mitchell"}
NEAR_TIE = 1e-7  # levels; float64 error here is below 1e-10


@functools.lru_cache(maxsize=None)
def fraction_taps(n_in, n_out, i, filt):
    """Exact normalised taps of output index i, per the contract, as integer numerators
    over one common denominator: ((j, numerator), ...), denominator."""
    r, _ = KERNELS[filt]
    big = max(n_in, n_out)
    two_r_big = round(2 * r * big)
    b, c = {"catmull-rom": (Fraction(0), Fraction(1, 2)), "mitchell": (Fraction(1, 3), Fraction(1, 3))}.get(filt, (0, 0))

    def k(x):
        if filt == "box":
            return Fraction(1) if Fraction(-1, 2) <= x < Fraction(1, 2) else Fraction(0)
        x = abs(x)
        if filt == "triangle":
            return max(Fraction(0), 1 - x)
        if x < 1:
            return ((12 - 9 * b - 6 * c) * x ** 3 + (-18 + 12 * b + 6 * c) * x ** 2 + (6 - 2 * b)) / 6
        if x < 2:
            return ((-b - 6 * c) * x ** 3 + (6 * b + 30 * c) * x ** 2 + (-12 * b - 48 * c) * x + (8 * b + 24 * c)) / 6
        return Fraction(0)

    # |(2j + 1) out - (2i + 1) in| < 2 r big bounds j to this range.
    lo = max(0, ((2 * i + 1) * n_in - two_r_big) // (2 * n_out) - 1)
    hi = min(n_in - 1, ((2 * i + 1) * n_in + two_r_big) // (2 * n_out) + 1)
    taps = []
    for j in range(lo, hi + 1):
        d = (2 * j + 1) * n_out - (2 * i + 1) * n_in
        if abs(d) < two_r_big:
            taps.append((j, k(Fraction(d, 2 * big))))
    total = sum(w for _, w in taps)
    if total == 0:
        return ((min(((2 * i + 1) * n_in) // (2 * n_out), n_in - 1), 1),), 1
    taps = [(j, w / total) for j, w in taps if w != 0]
    den = math.lcm(*(w.denominator for _, w in taps))
    return tuple((j, int(w * den)) for j, w in taps), den


def exact_pixel(rgba, x, y, tw, th, filt):
    """One output pixel in exact rational arithmetic (Python integers over the product of
    the two axes' denominators), rounded per the contract."""
    h, w = rgba.shape[:2]
    (tx, dx), (ty, dy) = fraction_taps(w, tw, x, filt), fraction_taps(h, th, y, filt)
    cols = [j for j, _ in tx]
    wx = [n for _, n in tx]
    num = [0, 0, 0]
    den = 0
    for j, ny in ty:
        row = rgba[j, cols].tolist()
        for (rr, gg, bb, a), nx in zip(row, wx):
            wa = ny * nx * a
            den += wa
            num[0] += wa * rr
            num[1] += wa * gg
            num[2] += wa * bb
    scale = dx * dy  # 255 * alpha = den / scale; 255 * colour = num / den

    def rounded(n, d):  # n / d clamped to [0, 255], nearest, ties away from zero (d > 0)
        if n <= 0:
            return 0
        if n >= 255 * d:
            return 255
        return (2 * n + d) // (2 * d)

    alpha = rounded(den, scale)
    if alpha == 0:
        return (0, 0, 0, 0)
    return (rounded(num[0], den), rounded(num[1], den), rounded(num[2], den), alpha)


def exact_resize(rgba, tw, th, filt, rows=256):
    """The contract's value as uint8 RGBA, and how many pixels lie within NEAR_TIE of a
    rounding tie (recomputed in fractions for rational kernels, counted for lanczos3).

    Computed in 8-bit units so that values are exact wherever the weights are dyadic:
    255 * alpha = sum(w * a) and 255 * colour = sum(w * v * a) / sum(w * a), with v * a an
    integer; the division is correctly rounded, so an exact tie stays exact."""
    h, w = rgba.shape[:2]
    xi, xw = axis_weights(w, tw, filt)
    yi, yw = axis_weights(h, th, filt)
    mid = np.empty((h, tw, 4))
    for r0 in range(0, h, rows):
        src = rgba[r0:r0 + rows].astype(np.float64)
        src[..., :3] *= src[..., 3:4]
        mid[r0:r0 + rows] = resample_rows(src, xi, xw)
    out = np.zeros((th, tw, 4))
    for k in range(yi.shape[1]):
        out += yw[:, k, None, None] * mid[yi[:, k]]
    den = out[..., 3:4]
    with np.errstate(divide="ignore", invalid="ignore"):
        colour = np.where(den > 0, out[..., :3] / den, 0.0)
    scaled = np.clip(np.concatenate([colour, den], axis=2), 0.0, 255.0)
    result = np.floor(scaled + 0.5)
    near_channels = np.abs(scaled - np.floor(scaled) - 0.5) < NEAR_TIE
    near = near_channels.any(axis=2)
    result[result[..., 3] == 0] = 0
    result = result.astype(np.uint8)
    ys, xs = np.nonzero(near)
    undecided = 0
    for y, x in zip(ys.tolist(), xs.tolist()):
        if filt in RATIONAL:
            result[y, x] = exact_pixel(rgba, x, y, tw, th, filt)
        else:
            channels = symmetric_pixel(rgba, x, y, tw, th)
            for ch in range(4):
                if channels[ch] is not None:
                    result[y, x, ch] = channels[ch]
            if result[y, x, 3] == 0:
                result[y, x] = 0
            undecided += any(near_channels[y, x, ch] and channels[ch] is None for ch in range(4))
    return result, (int(near.sum()) if filt in RATIONAL else undecided)


@functools.lru_cache(maxsize=None)
def lanczos_groups(n_in, n_out, i):
    """Output index i's lanczos3 taps grouped by |D| (see the module docstring): taps with
    equal |D| have exactly equal weights, whatever the kernel's irrational values. Taps at a
    non-zero multiple of the kernel's unit (|D| = 2 max(in, out) k) weigh exactly 0 and are
    left out."""
    big = max(n_in, n_out)
    groups = {}
    for j in range(n_in):
        d = abs((2 * j + 1) * n_out - (2 * i + 1) * n_in)
        if d < 6 * big and not (d != 0 and d % (2 * big) == 0):
            groups.setdefault(d, []).append(j)
    return tuple(tuple(g) for g in groups.values())


def symmetric_pixel(rgba, x, y, tw, th):
    """Exact channels of a lanczos3 pixel near a rounding tie, where exactness can be
    proven without the weights' values: if every 2-D group of equal-weight taps has the
    same mean alpha, the resampled alpha is that mean exactly; if every group has the same
    ratio of premultiplied colour to alpha, the colour is that ratio exactly. Returns per
    channel the exact level, or None where it is not proven."""
    h, w = rgba.shape[:2]
    gx, gy = lanczos_groups(w, tw, x), lanczos_groups(h, th, y)
    sums = []
    for rows in gy:
        for cols in gx:
            block = rgba[np.ix_(rows, cols)].astype(np.int64)
            a = block[..., 3]
            sums.append((a.size, int(a.sum()), [int((block[..., c] * a).sum()) for c in range(3)]))
    n0, s0, p0 = sums[0]

    def rounded(n, d):  # n / d, nearest, ties away from zero, clamped to [0, 255]
        return max(0, min(255, (2 * n + d) // (2 * d)))

    channels = [None, None, None, None]
    if all(s * n0 == s0 * n for n, s, _ in sums):
        channels[3] = rounded(s0, n0)
    for c in range(3):
        if s0 > 0 and all(s > 0 and p[c] * s0 == p0[c] * s for _, s, p in sums):
            channels[c] = rounded(p0[c], s0)
    return channels


def direct_resize(rgba, tw, th, filt):
    """The contract's definition written pixel by pixel, with c in exact fractions and the
    kernel in float64: slow, only for --self-test, which checks exact_resize's lanczos3
    against it (and the polynomial kernels against exact_pixel) on small random images."""
    from fractions import Fraction
    r, kern = KERNELS[filt]

    def taps(n_in, n_out, i):
        c = Fraction(2 * i + 1, 2) * Fraction(n_in, n_out)
        f = max(Fraction(n_in, n_out), Fraction(1))
        ws = [(j, float(kern(np.float64((j + Fraction(1, 2) - c) / f)))) for j in range(n_in)
              if abs(j + Fraction(1, 2) - c) < r * f]
        total = sum(w for _, w in ws)
        if total == 0:
            return [(min(int(c), n_in - 1), 1.0)]
        return [(j, w / total) for j, w in ws]

    h, w = rgba.shape[:2]
    p = rgba.astype(np.float64) / 255.0
    p[..., :3] *= p[..., 3:4]
    mid = np.array([[sum(wt * p[y, j] for j, wt in taps(w, tw, x)) for x in range(tw)] for y in range(h)])
    out = np.array([[sum(wt * mid[j, x] for j, wt in taps(h, th, y)) for x in range(tw)] for y in range(th)])
    res = np.zeros((th, tw, 4), dtype=np.uint8)
    for y in range(th):
        for x in range(tw):
            a = out[y, x, 3]
            a8 = math.floor(min(max(a, 0.0), 1.0) * 255 + 0.5)
            if a8 == 0:
                continue
            res[y, x, 3] = a8
            for k in range(3):
                res[y, x, k] = math.floor(min(max(out[y, x, k] / a, 0.0), 1.0) * 255 + 0.5)
    return res


def self_test():
    rng = np.random.default_rng(12)
    worst = 0
    for n, (w, h, tw, th) in enumerate([(9, 7, 4, 3), (5, 6, 13, 11), (17, 3, 1, 2), (8, 8, 8, 8), (31, 2, 3, 5), (12, 10, 6, 5)]):
        img = rng.integers(0, 256, (h, w, 4), dtype=np.uint8)
        img[..., 3] = rng.choice([0, 1, 2, 128, 254, 255], (h, w))
        for filt in KERNELS:
            a = exact_resize(img, tw, th, filt)[0].astype(int)
            if filt in RATIONAL:  # the truth, in fractions, for every pixel
                b = np.array([[exact_pixel(img, x, y, tw, th, filt) for x in range(tw)] for y in range(th)])
            else:  # the definition written out per pixel (float64 kernel values)
                b = direct_resize(img, tw, th, filt).astype(int)
            d = int(np.abs(a - b).max())
            worst = max(worst, d)
            if d:
                print(f"self-test: {w}x{h} -> {tw}x{th} {filt}: differs by {d}", file=sys.stderr)
    identity = rng.integers(0, 256, (6, 7, 4), dtype=np.uint8)
    identity[..., 3] = 255
    for filt in ("box", "triangle", "catmull-rom", "lanczos3"):  # the interpolating kernels
        if not (exact_resize(identity, 7, 6, filt)[0] == identity).all():
            print(f"self-test: identity size changes pixels with {filt}", file=sys.stderr)
            worst = max(worst, 1)
    # An alpha ramp 100 + x halved with lanczos3: interior output i has symmetric windows
    # centred on c = 2i + 1, so its alpha is exactly 100 + 2i + 1/2, a tie, rounded up.
    ramp = np.zeros((4, 24, 4), dtype=np.uint8)
    ramp[..., :3] = 90
    ramp[..., 3] = 100 + np.arange(24)[None, :]
    halved = exact_resize(ramp, 12, 4, "lanczos3")[0]
    if not all(int(halved[1, i, 3]) == 101 + 2 * i for i in range(3, 9)):
        print(f"self-test: lanczos3 alpha ramp ties not rounded up: {halved[1, :, 3].tolist()}", file=sys.stderr)
        worst = max(worst, 1)
    print("self-test: " + ("passed" if worst == 0 else "FAILED"), file=sys.stderr)
    return worst == 0


# ---------------------------------------------------------------- running implementations

def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def dump_peers(peers, corpus, work):
    for name in peers:
        exe = os.path.join(BUILD, f"peer_{name}")
        if not os.access(exe, os.X_OK):
            print(f"{name}: skipped: {exe} is missing (run Benchmarks/peers/build.sh)", file=sys.stderr)
            continue
        out = os.path.join(work, name)
        shutil.rmtree(out, ignore_errors=True)
        p = run([exe, "--corpus", corpus, "--ops", "resize,thumbnail", "--dump", out])
        if p.returncode != 0:
            print(f"{name}: failed: {p.stderr.strip()[-400:]}", file=sys.stderr)
        print(f"{name}: dumped", file=sys.stderr)


def find_raster_tool(given):
    if given:
        return given
    p = run(["swift", "build", "-c", "release", "--product", "raster-tool"], cwd=ROOT)
    if p.returncode != 0:
        print(f"raster: skipped: raster-tool does not build: {(p.stdout + p.stderr).strip()[-300:]}", file=sys.stderr)
        return None
    binpath = run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT).stdout.strip()
    return os.path.join(binpath, "raster-tool")


def dump_raster(tool, corpus, work, cases):
    """Raster's cases as the peers', through the CLI; returns manifest entries (none when
    this raster-tool has no resize command yet)."""
    out = os.path.join(work, "raster")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    entries = []
    resize_ok = thumb_ok = True
    for (file, label), c in sorted(cases.items()):
        src = os.path.join(corpus, file)
        inp = os.path.join(out, f"{file}.input.rgba")
        if not os.path.exists(inp):
            p = run([tool, "convert", src, inp])
            if p.returncode != 0:
                print(f"raster: convert {file} failed: {p.stderr.strip()}", file=sys.stderr)
                continue
        # raster-tool resize keeps a 16-bit PNG 16-bit; raster-bench's resize (and every peer)
        # starts from the 8-bit raster, so Raster is given that raster as an 8-bit PNG.
        src8 = os.path.join(out, f"{file}.input.png")
        if not os.path.exists(src8):
            rgba = np.fromfile(inp, dtype=np.uint8).reshape(c["h"], c["w"], 4)
            Image.fromarray(rgba, "RGBA").save(src8)
        dst = os.path.join(out, f"{file}@{label}.png")
        p = run([tool, "resize", src8, dst, "--size", f"{c['tw']}x{c['th']}", "--filter", c["filter"], "--fit", "fill"])
        if p.returncode != 0:
            print(f"raster: skipped resize: `raster-tool resize` failed ({p.stderr.strip()[:200]}); "
                  "it lands with the resample branch", file=sys.stderr)
            resize_ok = False
            break
        entries.append({**c, "peer": "raster", "output": os.path.basename(dst), "input": os.path.basename(inp)})
    if resize_ok:
        print("raster: dumped resize", file=sys.stderr)
    for file in sorted(os.listdir(corpus)):
        if not file.lower().endswith((".png", ".jpg", ".jpeg")):
            continue
        dst = os.path.join(out, f"{file}@thumb.jpg")
        p = run([tool, "thumbnail", os.path.join(corpus, file), dst, "--size", "256", "--quality", "85"])
        if p.returncode != 0:
            print(f"raster: skipped thumbnail: `raster-tool thumbnail` failed ({p.stderr.strip()[:200]})", file=sys.stderr)
            thumb_ok = False
            break
        entries.append({"peer": "raster", "file": file, "case": "thumb", "output": os.path.basename(dst),
                        "source": os.path.join(corpus, file)})
    if thumb_ok:
        print("raster: dumped thumbnails", file=sys.stderr)
    return entries


def load_manifest(folder):
    path = os.path.join(folder, "manifest.jsonl")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [dict(json.loads(line), dir=folder) for line in f if line.strip()]


def read_output(e):
    path = os.path.join(e["dir"], e["output"])
    if path.endswith(".rgba"):
        return np.fromfile(path, dtype=np.uint8).reshape(e["th"], e["tw"], 4)
    return np.asarray(Image.open(path).convert("RGBA"))


# ---------------------------------------------------------------- comparison

def compare(entries):
    refs = {}
    rows = []
    for e in entries:
        if e["case"] == "thumb":
            continue
        raw = np.fromfile(os.path.join(e["dir"], e["input"]), dtype=np.uint8)
        key = (hashlib.sha1(raw.tobytes()).hexdigest(), e["tw"], e["th"], e["filter"])
        if key not in refs:
            refs[key] = exact_resize(raw.reshape(e["h"], e["w"], 4), e["tw"], e["th"], e["filter"])
        ref, ties = refs[key]
        out = read_output(e)
        if out.shape != ref.shape:
            print(f"{e['peer']} {e['file']}@{e['case']}: size {out.shape[1]}x{out.shape[0]}, "
                  f"expected {e['tw']}x{e['th']}", file=sys.stderr)
            continue
        diff = np.abs(out.astype(np.int16) - ref.astype(np.int16))
        per_pixel = diff.max(axis=2)
        # Where the exact alpha is 0 the contract's pixel is (0, 0, 0, 0); an implementation
        # that keeps some colour there differs by up to 255 in a pixel nobody sees, so the
        # visible pixels (exact alpha at least 1) are also counted on their own.
        visible = per_pixel[ref[..., 3] > 0]
        alpha = raw.reshape(e["h"], e["w"], 4)[..., 3]
        rows.append({"impl": e["peer"], "file": e["file"], "case": e["case"], "filter": e["filter"],
                     "has_alpha": bool((alpha != 255).any()), "max": int(per_pixel.max()),
                     "mean": float(diff.mean()), "exact": float((per_pixel == 0).mean()),
                     "pixels": int(per_pixel.size), "ties": ties,
                     "vmax": int(visible.max()) if visible.size else 0,
                     "vexact": float((visible == 0).mean()) if visible.size else 1.0, "visible": int(visible.size)})
    return rows


def psnr(a, b):
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float("inf") if mse == 0 else 10 * math.log10(255.0 ** 2 / mse)


def thumbnails(entries):
    sources, refs, rows = {}, {}, []
    for e in entries:
        if e["case"] != "thumb":
            continue
        src = e["source"]
        if src not in sources:
            im = ImageOps.exif_transpose(Image.open(src))
            rgba = np.asarray(im.convert("RGBA"))
            sources[src] = rgba if (rgba[..., 3] == 255).all() else None
        if sources[src] is None:
            continue  # alpha sources: each implementation drops or flattens alpha its own way
        out = np.asarray(Image.open(os.path.join(e["dir"], e["output"])).convert("RGB"))
        th, tw = out.shape[:2]
        key = (src, tw, th)
        if key not in refs:
            refs[key] = exact_resize(sources[src], tw, th, "lanczos3")[0][..., :3]
        rows.append({"impl": e["peer"], "file": e["file"], "size": f"{tw}x{th}",
                     "bytes": os.path.getsize(os.path.join(e["dir"], e["output"])),
                     "psnr": psnr(out, refs[key])})
    return rows


# ---------------------------------------------------------------- report

def ordered(items, order):
    return sorted(items, key=lambda x: (order.index(x) if x in order else len(order), x))


def summary(rows, alpha):
    """Per implementation and filter, over the opaque images or over those with alpha."""
    pick = [r for r in rows if r["has_alpha"] == alpha]
    out = []
    for impl in ordered({r["impl"] for r in pick}, IMPL_ORDER):
        for filt in ordered({r["filter"] for r in pick if r["impl"] == impl}, FILTER_ORDER):
            rs = [r for r in pick if r["impl"] == impl and r["filter"] == filt]
            n = sum(r["pixels"] for r in rs)
            nv = max(1, sum(r["visible"] for r in rs))
            out.append({"impl": impl, "filter": filt, "cases": len(rs), "max": max(r["max"] for r in rs),
                        "mean": sum(r["mean"] * r["pixels"] for r in rs) / n,
                        "exact": sum(r["exact"] * r["pixels"] for r in rs) / n,
                        "vmax": max(r["vmax"] for r in rs),
                        "vexact": sum(r["vexact"] * r["visible"] for r in rs) / nv})
    return out


def tables(rows, thumbs, corpus_label, notes):
    md = [BEGIN, "",
          f"Corpus `{corpus_label}`; made by `bash Benchmarks/resize-accuracy.sh` "
          f"(`Benchmarks/resize-accuracy.py`). Differences are in 8-bit levels from the contract's exact "
          "value (largest channel difference per pixel); *exact* is the share of pixels equal to it in all four channels.",
          ""]
    for alpha, title in ((False, "Opaque images (photo, screenshot, palette, deep)"),
                         (True, "Images with alpha (alpha.png: faint and hard alpha edges)")):
        s = summary(rows, alpha)
        if not s:
            continue
        md += [f"### Resize accuracy: {title}", "",
               "| implementation | filter | cases | max diff | mean diff | exact pixels |"
               + (" max diff, alpha > 0 | exact, alpha > 0 |" if alpha else ""),
               "|---|---|---:|---:|---:|---:|" + ("---:|---:|" if alpha else "")]
        for r in s:
            md.append(f"| {r['impl']} | {r['filter']} | {r['cases']} | {r['max']} | {r['mean']:.3f} | {100 * r['exact']:.2f}% |"
                      + (f" {r['vmax']} | {100 * r['vexact']:.2f}% |" if alpha else ""))
        md.append("")
    md += ["### Resize accuracy per case", "",
           "| implementation | case | max diff | mean diff | exact pixels | max diff, alpha > 0 |", "|---|---|---:|---:|---:|---:|"]
    rank = {impl: k for k, impl in enumerate(ordered({r["impl"] for r in rows}, IMPL_ORDER))}
    for r in sorted(rows, key=lambda r: (rank[r["impl"]], r["file"], r["case"])):
        md.append(f"| {r['impl']} | {r['file']}@{r['case']} | {r['max']} | {r['mean']:.3f} | {100 * r['exact']:.2f}% | {r['vmax']} |")
    lz = [r for r in rows if r["filter"] not in RATIONAL]
    rat = sum(r["ties"] for r in rows if r["filter"] in RATIONAL)
    md += ["", f"The reference recomputed {rat} pixels at or near a rounding tie in exact fractions "
               f"(triangle, catmull-rom). lanczos3 pixels within {NEAR_TIE} levels of a tie were decided exactly "
               f"where every group of equal-weight taps has the same mean (alpha ramps); left undecided, "
               f"where float64 could round either way: at most {max((r['ties'] for r in lz), default=0)} in any case.", ""]
    if thumbs:
        md += ["### Thumbnail quality (PSNR against an exact full-resolution lanczos3 of the same size)", "",
               "| source | implementation | size | bytes | PSNR dB |", "|---|---|---|---:|---:|"]
        trank = {impl: k for k, impl in enumerate(ordered({t["impl"] for t in thumbs}, IMPL_ORDER))}
        for t in sorted(thumbs, key=lambda t: (t["file"], trank[t["impl"]])):
            md.append(f"| {t['file']} | {t['impl']} | {t['size']} | {t['bytes']} | {t['psnr']:.2f} |")
        md.append("")
    for n in notes:
        md.append(f"- {n}")
    md += ["", END]
    return "\n".join(md)


def write_docs(path, block):
    text = open(path).read() if os.path.exists(path) else "# Resize peers\n"
    start, end = text.find("<!-- BEGIN GENERATED: Benchmarks/resize-accuracy.py"), text.find(END, text.find("<!-- BEGIN GENERATED: Benchmarks/resize-accuracy.py") + 1)
    if start >= 0 and end > start:
        text = text[:start] + block + text[end + len(END):]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    with open(path, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="Fixtures/bench", help="a folder, or a comma list of folders and files")
    ap.add_argument("--peers", default="pillow,pillow-simd,vips,stbir,goresize")
    ap.add_argument("--raster-tool", help="a built raster-tool (default: swift build -c release --product raster-tool)")
    ap.add_argument("--no-raster", action="store_true")
    ap.add_argument("--work", default=os.path.join(BUILD, "accuracy"))
    ap.add_argument("--docs", help="rewrite the generated block of this markdown file")
    ap.add_argument("--self-test", action="store_true", help="check the reference against the definition, then stop")
    args = ap.parse_args()
    if args.self_test:
        sys.exit(0 if self_test() else 1)
    os.chdir(ROOT)
    os.makedirs(args.work, exist_ok=True)
    corpus = args.corpus
    if "," in corpus:  # one folder of copies, as compare.sh does
        corpus = os.path.join(args.work, "corpus")
        shutil.rmtree(corpus, ignore_errors=True)
        os.makedirs(corpus)
        for item in args.corpus.split(","):
            files = [os.path.join(item, n) for n in sorted(os.listdir(item))] if os.path.isdir(item) else [item]
            for f in files:
                if os.path.isfile(f):
                    shutil.copy(f, corpus)
    dump_peers([p for p in args.peers.split(",") if p], corpus, args.work)
    entries = []
    for name in args.peers.split(","):
        entries += load_manifest(os.path.join(args.work, name))
    notes = []
    if not args.no_raster:
        tool = find_raster_tool(args.raster_tool)
        cases = {(e["file"], e["case"]): {k: e[k] for k in ("file", "case", "w", "h", "tw", "th", "filter")}
                 for e in entries if e["case"] != "thumb"}
        got = dump_raster(tool, corpus, args.work, cases) if tool else []
        for e in got:
            e["dir"] = os.path.join(args.work, "raster")
        entries += got
        if not any(e["case"] != "thumb" for e in got):
            notes.append("Raster: not measured in this run (`raster-tool resize` not available yet).")
        if not any(e["case"] == "thumb" for e in got):
            notes.append("Raster thumbnails: not measured in this run (`raster-tool thumbnail` not available yet).")
    rows = compare(entries)
    thumbs = thumbnails(entries)
    block = tables(rows, thumbs, args.corpus, notes)
    print(block)
    if args.docs:
        write_docs(args.docs, block)
        print(f"wrote {args.docs}", file=sys.stderr)


if __name__ == "__main__":
    main()
