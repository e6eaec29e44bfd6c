#!/usr/bin/env python3
"""Builds the large benchmark corpus in Benchmarks/corpus-large (gitignored, never committed).

Written for: Python 3.11.7, Pillow 13.0.0, numpy 2.4.6 (pip install pillow numpy).
Uses the synthesis of make_bench_corpus.py with its own fixed seed.

  photo12.png / photo12.jpg   4000x3000 photo-like RGB (JPEG baseline, 4:2:0, quality 90)
  progressive12.jpg           the same image as a progressive JPEG, 4:2:0, quality 90
  photo12-444.jpg             the same image, baseline 4:4:4, quality 90
  gray12.jpg                  the same image in greyscale, baseline, quality 90
  deep12.png                  4000x3000 RGB, 16 bits per sample
  palette12.png               4000x3000 indexed, 256 colours
  alpha12.png                 4000x3000 RGBA with varied alpha (for the composite operation)

Run: python3 Fixtures/scripts/make_large_corpus.py [OUT_DIR]
then: swift run -c release raster-bench --corpus Benchmarks/corpus-large
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_bench_corpus as corpus  # noqa: E402

SEED = 12000000


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "Benchmarks", "corpus-large")
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(SEED)
    w, h = 4000, 3000
    p = corpus.photo(rng, w, h)
    p.save(os.path.join(out, "photo12.png"))
    corpus.save_jpeg(p, os.path.join(out, "photo12.jpg"))
    corpus.save_jpeg(p, os.path.join(out, "progressive12.jpg"), progressive=True)
    # JPEG decode rows: 4:4:4 and greyscale beside the 4:2:0 baseline and progressive.
    p.save(os.path.join(out, "photo12-444.jpg"), "JPEG", quality=90, subsampling="4:4:4", optimize=False)
    p.convert("L").save(os.path.join(out, "gray12.jpg"), "JPEG", quality=90, optimize=False)
    del p
    corpus.write_png16_rgb(os.path.join(out, "deep12.png"), corpus.deep_image(rng, w, h))
    corpus.palette_image(rng, w, h).save(os.path.join(out, "palette12.png"))
    corpus.alpha_image(rng, w, h).save(os.path.join(out, "alpha12.png"))
    for name in sorted(os.listdir(out)):
        print(f"{name:18s} {os.path.getsize(os.path.join(out, name)):10d}")


if __name__ == "__main__":
    main()
