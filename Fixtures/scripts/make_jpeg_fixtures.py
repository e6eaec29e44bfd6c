#!/usr/bin/env python3
"""Generate the RasterJPEG decoder fixtures in Fixtures/jpeg/.

Tools: Python 3.11, numpy, Pillow 13.0.0 (PyPI), and libjpeg-turbo 2.1.5's cjpeg/djpeg
(Debian package libjpeg-turbo-progs 1:2.1.5-2):
    apt-get install -y libjpeg-turbo-progs && pip install pillow==13.0.0 numpy
Run from anywhere: python3 Fixtures/scripts/make_jpeg_fixtures.py

Source images are synthetic and deterministic (smooth gradients, edges and seeded noise,
so that every DCT coefficient band is used). cjpeg encodes them in every mode the decoder
supports; `djpeg -pnm [-scale 1/N]` (libjpeg-turbo's default decode: islow IDCT, fancy
upsampling) writes the reference beside each JPEG as NAME[@N].ppm or .pgm. CMYK files
come from Pillow (Adobe APP14, inverted as Adobe writes them); djpeg cannot write CMYK as
PNM, so their reference is Pillow's decode converted to RGB (the formula in docs/jpeg.md).

manifest.txt lists one case per line: JPEG, reference, scale denominator, and `exact`
(the decode must equal the reference) or `near` (at most 1 apart per channel), or
`error KIND` for files that must fail with that JPEGError kind.
"""
import os
import shutil
import subprocess
import sys

import numpy as np
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "jpeg")


def need(tool):
    if shutil.which(tool) is None:
        sys.exit(f"{tool} not found: apt-get install -y libjpeg-turbo-progs")


def source(w, h, seed):
    """An RGB test image: gradients, a few hard edges and noise."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    r = 128 + 100 * np.sin(x / max(w, 1) * 6.0 + seed) * np.cos(y / max(h, 1) * 4.0)
    g = 255 * x / max(w - 1, 1)
    b = 255 * y / max(h - 1, 1)
    img = np.stack([r, g, b], axis=-1)
    img[(x // 7 + y // 5) % 3 == 0] *= 0.6            # edges
    img += rng.normal(0, 18, img.shape)               # texture
    return np.clip(img, 0, 255).astype(np.uint8)


manifest = []


def run(args, **kw):
    subprocess.run(args, check=True, **kw)


def encode(name, src, cjpeg_args, scales=(1,), exact=False, gray=False):
    """cjpeg src -> NAME.jpg, djpeg -> references at each scale."""
    path_in = os.path.join(OUT, "_src.ppm")
    Image.fromarray(src).save(path_in)
    jpg = os.path.join(OUT, name + ".jpg")
    run(["cjpeg", *cjpeg_args, "-outfile", jpg, path_in])
    os.remove(path_in)
    for n in scales:
        ext = "pgm" if gray else "ppm"
        ref = f"{name}.{ext}" if n == 1 else f"{name}@{n}.{ext}"
        with open(os.path.join(OUT, ref), "wb") as f:
            run(["djpeg", "-pnm", *(["-scale", f"1/{n}"] if n > 1 else []), jpg], stdout=f)
        manifest.append(f"{name}.jpg {ref} {n} {'exact' if exact else 'near'}")


def main():
    need("cjpeg")
    need("djpeg")
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    photo = source(67, 45, 1)
    all_scales = (1, 2, 4, 8)

    # Sampling factors (cjpeg -sample lists Y,Cb,Cr).
    samplings = {
        "444": "1x1", "422": "2x1", "420": "2x2", "440": "1x2", "411": "4x1", "410": "4x2",
        "odd_2x2_1x1_1x2": "2x2,1x1,1x2", "odd_3x1": "3x1", "odd_1x3": "1x3", "odd_3x2": "3x2",
        "odd_1x2_2x1_1x1": "1x2,2x1,1x1", "odd_2x4": "2x4", "odd_2x1_1x2_2x2": "2x1,1x2,2x2",
    }
    for tag, sample in samplings.items():
        encode(f"sample_{tag}", photo, ["-quality", "90", "-sample", sample],
               scales=all_scales, exact=(tag == "444"))

    # Greyscale and RGB (component ids 'R','G','B', no transform).
    encode("gray", photo, ["-grayscale", "-quality", "85"], scales=all_scales, exact=True, gray=True)
    encode("rgb", photo, ["-rgb", "-quality", "90"], scales=all_scales, exact=True)

    # Restart intervals: in MCU rows and in MCUs; greyscale restarts count blocks.
    encode("restart_rows_420", photo, ["-restart", "1", "-sample", "2x2"], scales=(1, 2))
    encode("restart_3mcu_422", photo, ["-restart", "3B", "-sample", "2x1"])
    encode("restart_gray", photo, ["-restart", "5B", "-grayscale"], exact=True, gray=True)

    # Progressive: default script, with restarts, greyscale, 4:4:4 and a custom script
    # with successive approximation on DC and AC and non-interleaved DC scans.
    encode("prog_420", photo, ["-progressive", "-sample", "2x2"], scales=all_scales)
    encode("prog_444", photo, ["-progressive", "-sample", "1x1"], scales=(1, 8), exact=True)
    encode("prog_gray", photo, ["-progressive", "-grayscale"], scales=(1, 4), exact=True, gray=True)
    encode("prog_restart", photo, ["-progressive", "-restart", "2B", "-sample", "2x1"])
    scans = os.path.join(OUT, "_scans.txt")
    with open(scans, "w") as f:
        f.write("0: 0 0 0 2;\n1: 0 0 0 1;\n2: 0 0 0 1;\n"     # DC first scans one component each
                "0: 1 5 0 2;\n0: 6 63 0 3;\n0: 6 63 3 2;\n"   # AC bands, refine
                "2: 1 63 0 1;\n1: 1 63 0 0;\n"
                "0: 1 63 2 1;\n0: 1 63 1 0;\n2: 1 63 1 0;\n"
                "0: 0 0 2 1;\n0: 0 0 1 0;\n1,2: 0 0 1 0;\n")  # DC refinement, interleaved too
    encode("prog_custom", photo, ["-scans", scans, "-sample", "2x2"], scales=(1, 2))
    os.remove(scans)

    # Extended sequential (SOF1) with 16-bit quantisation tables; optimised Huffman tables.
    encode("sof1_q16", photo, ["-quality", "3"])
    encode("optimized_420", photo, ["-optimize", "-sample", "2x2"])

    # Odd sizes down to 1x1.
    for w, h in [(1, 1), (2, 2), (3, 1), (1, 5), (9, 7), (17, 15), (33, 18)]:
        img = source(w, h, w * 31 + h)
        encode(f"size_{w}x{h}_420", img, ["-sample", "2x2"], scales=(1, 2, 8))
        encode(f"size_{w}x{h}_444", img, ["-sample", "1x1"], exact=True)

    # CMYK written by Pillow (Adobe, inverted); reference via Pillow's CMYK -> RGB.
    cmyk = Image.fromarray(photo).convert("CMYK")
    cmyk.save(os.path.join(OUT, "cmyk.jpg"), quality=90)
    ref = Image.open(os.path.join(OUT, "cmyk.jpg")).convert("RGB")
    ref.save(os.path.join(OUT, "cmyk.ppm"))
    manifest.append("cmyk.jpg cmyk.ppm 1 near")

    # Unsupported: arithmetic coding.
    Image.fromarray(photo).save(os.path.join(OUT, "_src.ppm"))
    run(["cjpeg", "-arithmetic", "-outfile", os.path.join(OUT, "arithmetic.jpg"), os.path.join(OUT, "_src.ppm")])
    os.remove(os.path.join(OUT, "_src.ppm"))
    manifest.append("arithmetic.jpg - 1 error unsupported")

    with open(os.path.join(OUT, "manifest.txt"), "w") as f:
        f.write("\n".join(manifest) + "\n")
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f"{len(manifest)} cases, {total} bytes")


if __name__ == "__main__":
    main()
