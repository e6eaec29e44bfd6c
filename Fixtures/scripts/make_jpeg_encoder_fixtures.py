#!/usr/bin/env python3
"""Builds Fixtures/jpeg-encode: small source rasters and what libjpeg-turbo's cjpeg makes of
them, so the JPEG encoder's tests can compare bytes without any tool at test time.

Written for: Python 3.11, numpy 2.x (pip install numpy), libjpeg-turbo 2.1.5's cjpeg and
djpeg (Debian bookworm package libjpeg-turbo-progs, installed below when missing).

Everything is synthesised from a fixed seed. Outputs:
  <name>-<W>x<H>.rgba          straight RGBA, row-major, no header (the encoder's input)
  <name>-<W>x<H>.ppm/.pgm      not kept: the same pixels for cjpeg (alpha flattened onto
                               white with round((c*a + 255*(255-a)) / 255), the encoder's default)
  cases.txt                    one line per case: source, options, expected file
  <case>.jpg                   cjpeg -baseline -dct int -quality Q -sample HxV [...] output
  dqt.txt                      for quality 1..100, the DQT segments (hex) of
                               `cjpeg -baseline -quality Q` on a colour image
  <case>.djpeg.ppm             djpeg's decode of a few cases (for the decoder round trip)
Usage: python3 Fixtures/scripts/make_jpeg_encoder_fixtures.py [OUT_DIR]
"""
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

SEED = 20261202


def ensure_tools():
    if shutil.which("cjpeg") and shutil.which("djpeg"):
        return
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "libjpeg-turbo-progs"], check=True)


def photo(rng, w, h):
    """Smooth gradients, a few soft shapes and grain: like a small crop of a photo."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    r = 120 + 80 * np.sin(x / 9.0) * np.cos(y / 13.0)
    g = 100 + 60 * np.cos((x + y) / 11.0)
    b = 140 + 70 * np.sin(y / 7.0 + 1.0)
    disk = ((x - w * 0.6) ** 2 + (y - h * 0.4) ** 2) < (min(w, h) * 0.3) ** 2
    r[disk] += 60
    g[disk] -= 40
    img = np.stack([r, g, b], -1) + rng.normal(0, 9, (h, w, 3))
    img = np.clip(np.rint(img), 0, 255).astype(np.uint8)
    alpha = np.full((h, w, 1), 255, np.uint8)
    return np.concatenate([img, alpha], -1)


def gray(rng, w, h):
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    v = 128 + 90 * np.sin(x / 5.0) * np.sin(y / 4.0) + rng.normal(0, 6, (h, w))
    v = np.clip(np.rint(v), 0, 255).astype(np.uint8)
    return np.stack([v, v, v, np.full((h, w), 255, np.uint8)], -1)


def with_alpha(rng, w, h):
    img = photo(rng, w, h)
    y, x = np.mgrid[0:h, 0:w]
    a = np.clip((x * 255) // max(w - 1, 1), 0, 255).astype(np.uint8)
    a[(y // 4) % 3 == 0] = 0
    a[:, : w // 5] = 255
    img[..., 3] = a
    return img


def flatten_white(img):
    c = img[..., :3].astype(np.int64)
    a = img[..., 3:4].astype(np.int64)
    return ((c * a + 255 * (255 - a) + 127) // 255).astype(np.uint8)


def write_pnm(path, rgb, grey):
    h, w = rgb.shape[:2]
    with open(path, "wb") as f:
        if grey:
            f.write(b"P5\n%d %d\n255\n" % (w, h))
            f.write(rgb[..., 0].tobytes())
        else:
            f.write(b"P6\n%d %d\n255\n" % (w, h))
            f.write(rgb.tobytes())


def cjpeg(args, src):
    return subprocess.run(["cjpeg", "-baseline", "-dct", "int"] + args + [src],
                          check=True, capture_output=True).stdout


def dqt_segments(data):
    """The DQT segments of a JPEG file, in order."""
    out, i = [], 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker, length = data[i + 1], (data[i + 2] << 8) | data[i + 3]
        if marker == 0xDB:
            out.append(data[i:i + 2 + length])
        if marker == 0xDA:
            break
        i += 2 + length
    return b"".join(out)


SAMPLES = {"420": "2x2", "422": "2x1", "444": "1x1"}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "jpeg-encode")
    os.makedirs(out, exist_ok=True)
    ensure_tools()
    rng = np.random.default_rng(SEED)
    sources = [
        ("photo", 61, 45, photo(rng, 61, 45)),
        ("photo", 48, 32, photo(rng, 48, 32)),
        ("gray", 33, 17, gray(rng, 33, 17)),
        ("alpha", 40, 26, with_alpha(rng, 40, 26)),
    ]
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, w, h, img in sources:
            stem = "%s-%dx%d" % (name, w, h)
            with open(os.path.join(out, stem + ".rgba"), "wb") as f:
                f.write(img.tobytes())
            grey = name == "gray"
            pnm = os.path.join(tmp, stem + (".pgm" if grey else ".ppm"))
            write_pnm(pnm, flatten_white(img), grey)
            settings = []
            for q in (50, 75, 90, 95):
                for sub in ("420", "444"):
                    settings.append((q, sub, "standard", 0))
            settings += [(90, "422", "standard", 0), (90, "420", "optimize", 0), (75, "444", "optimize", 0),
                         (90, "420", "progressive", 0), (75, "444", "progressive", 0), (90, "422", "progressive", 0),
                         (90, "420", "standard", 2), (90, "444", "optimize", 3), (90, "420", "progressive", 2),
                         (10, "420", "standard", 0), (1, "420", "standard", 0), (100, "444", "standard", 0)]
            for q, sub, mode, restart in settings:
                # A greyscale file has one component, always 1x1 (cjpeg would write the
                # requested factors into SOF even for one component; Raster writes 1x1).
                args = ["-quality", str(q), "-sample", "1x1" if grey else SAMPLES[sub]]
                if mode == "optimize":
                    args.append("-optimize")
                if mode == "progressive":
                    args.append("-progressive")
                if restart:
                    args += ["-restart", "%dB" % restart]
                case = "%s_q%d_%s_%s_r%d" % (stem, q, sub, mode, restart)
                data = cjpeg(args, pnm)
                with open(os.path.join(out, case + ".jpg"), "wb") as f:
                    f.write(data)
                cases.append("%s.rgba %d %d %d %s %s %d %s.jpg" % (stem, w, h, q, sub, mode, restart, case))
                if q == 90 and sub == "420" and restart == 0:
                    ppm = subprocess.run(["djpeg", "-dct", "int", "-pnm", os.path.join(out, case + ".jpg")],
                                         check=True, capture_output=True).stdout
                    with open(os.path.join(out, case + ".djpeg.pnm"), "wb") as f:
                        f.write(ppm)
        with open(os.path.join(out, "cases.txt"), "w") as f:
            f.write("# source width height quality subsampling mode restart expected (cjpeg output)\n")
            f.write("\n".join(cases) + "\n")
        # DQT for every quality, from a colour image (two tables).
        pnm = os.path.join(tmp, "photo-48x32.ppm")
        lines = []
        for q in range(1, 101):
            lines.append("%d %s" % (q, dqt_segments(cjpeg(["-quality", str(q)], pnm)).hex()))
        with open(os.path.join(out, "dqt.txt"), "w") as f:
            f.write("# quality, then the DQT segments cjpeg -baseline -quality Q writes (hex)\n")
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
