#!/usr/bin/env python3
"""Pillow and Pillow-SIMD resize and thumbnail peers, as the C resize harness
(resize_common.c) defines the cases: the same JSON lines (with "peer") and --dump folder.

Run with the interpreter of the venv that holds the library (Benchmarks/peers/build.sh makes
them: venv-pillow with PyPI `pillow`, venv-pillow-simd with PyPI `pillow-simd` built from
source with CC="cc -mavx2"); --peer names the line. Pillow is single-threaded.

- resize: the PNG decoded by Pillow and converted to RGBA (set-up), then Image.resize with
  LANCZOS, BILINEAR (the triangle kernel) or BICUBIC (a = -0.5: Catmull-Rom), no reducing
  gap. Pillow resizes RGBA by converting to premultiplied 8-bit RGBa, resizing and
  converting back, and it rounds to 8 bits between its horizontal and vertical pass: the
  lines say so. Only the resize call is timed (the image it returns is the result; its
  bytes are read after the clock stops). Pillow decodes a 16-bit PNG to 8 bits by itself;
  the accuracy script measures each peer against the exact resize of the input it was given.
- thumbnail: Image.open on the bytes, draft("RGB", (256, 256)) (shrink-on-load: the
  smallest JPEG DCT scale that still covers 256x256), load, thumbnail((256, 256), LANCZOS)
  (whose default reducing_gap of 2 box-reduces first when the ratio left is larger, as for
  the PNGs), EXIF orientation, alpha dropped, saved as JPEG at quality 85: the whole
  request timed.
"""
import argparse
import hashlib
import io
import json
import os
import sys
import time

from PIL import Image, ImageOps

FILTERS = [("lanczos3", Image.Resampling.LANCZOS), ("triangle", Image.Resampling.BILINEAR),
           ("catmull-rom", Image.Resampling.BICUBIC)]


def target(w, h, half):
    """Width 256 (height rounded to nearest) or half size (w // 2 x h // 2), at least 1."""
    return (max(1, w // 2), max(1, h // 2)) if half else (256, max(1, (2 * h * 256 + w) // (2 * w)))


def as_bytes(result):
    return result.tobytes() if isinstance(result, Image.Image) else result


def measure(args, op, name, pixels, input_bytes, run, note=None):
    """raster-bench's policy: one warm-up when runs are short, then runs until the budget is
    spent, at least five unless very slow, every output compared with the first."""
    budget = args.time
    t0 = time.perf_counter()
    ref = as_bytes(run())
    first = time.perf_counter() - t0
    ref_hash = hashlib.blake2b(ref).digest()
    warm = first < budget / 10
    times = []
    start = time.perf_counter()
    while True:
        wall = time.perf_counter() - start
        n = len(times)
        if not (n == 0 or (n < 5 and wall < 3 * budget) or (wall < budget and n < 5000)):
            break
        a = time.perf_counter()
        out = run()
        t = time.perf_counter() - a
        out = as_bytes(out)
        if len(out) != len(ref) or hashlib.blake2b(out).digest() != ref_hash:
            print(f"{args.peer} {op} {name}: output changed between runs", file=sys.stderr)
            return
        if warm:
            warm = False
            continue
        times.append(t)
    times.sort()
    n = len(times)
    median = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    line = {"op": op, "file": name, "pixels": pixels, "bytes": input_bytes if input_bytes >= 0 else len(ref),
            "median_s": round(median, 9), "mpix_s": round(pixels / 1e6 / median, 3), "peer": args.peer}
    if note:
        line["note"] = note
    print(json.dumps(line, separators=(",", ":")), flush=True)


def thumbnail(data):
    im = Image.open(io.BytesIO(data))
    im.draft("RGB", (256, 256))
    # Loaded now, at the draft's scale: thumbnail() would otherwise call draft again for
    # twice the size (its reducing_gap) and decode a JPEG at 1/4 where 1/8 covers 256.
    im.load()
    im.thumbnail((256, 256), Image.Resampling.LANCZOS)
    im = ImageOps.exif_transpose(im)
    if im.mode != "RGB":
        im = im.convert("RGB")
    out = io.BytesIO()
    im.save(out, "JPEG", quality=85)
    return out.getvalue()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer", required=True)
    ap.add_argument("--corpus", default="Fixtures/bench")
    ap.add_argument("--time", type=float, default=1.0)
    ap.add_argument("--ops")
    ap.add_argument("--dump")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    ops = set(args.ops.split(",")) if args.ops else {"resize", "thumbnail"}
    names = sorted(n for n in os.listdir(args.corpus) if n.lower().endswith((".png", ".jpg", ".jpeg")))
    manifest = None
    if args.dump:
        os.makedirs(args.dump, exist_ok=True)
        manifest = open(os.path.join(args.dump, "manifest.jsonl"), "a")

    def record(name, data, **fields):
        with open(os.path.join(args.dump, name), "wb") as f:
            f.write(data)
        manifest.write(json.dumps({"peer": args.peer, **fields, "output": name}) + "\n")

    if "resize" in ops:
        for name in names:
            if not name.lower().endswith(".png"):
                continue
            path = os.path.join(args.corpus, name)
            src = Image.open(path).convert("RGBA")
            src.load()
            w, h = src.size
            alpha = src.getextrema()[3][0] < 255
            if args.dump:
                with open(os.path.join(args.dump, f"{name}.input.rgba"), "wb") as f:
                    f.write(src.tobytes())
            for half in (False, True):
                for fname, flt in FILTERS:
                    tw, th = target(w, h, half)
                    label = f"{'half' if half else 'w256'}-{fname}"
                    run = lambda tw=tw, th=th, flt=flt: src.resize((tw, th), flt)
                    if args.dump:
                        record(f"{name}@{label}.rgba", run().tobytes(), file=name, case=label,
                               input=f"{name}.input.rgba", w=w, h=h, tw=tw, th=th, filter=fname)
                        continue
                    note = "premultiplied in 8 bits; 8-bit between passes" if alpha else "8-bit between passes"
                    measure(args, "resize", f"{name}@{label}", w * h, -1, run, note)
    if "thumbnail" in ops:
        for name in names:
            path = os.path.join(args.corpus, name)
            with open(path, "rb") as f:
                data = f.read()
            if args.dump:
                record(f"{name}@thumb.jpg", thumbnail(data), file=name, case="thumb", source=path)
                continue
            w, h = Image.open(path).size
            measure(args, "thumbnail", name, w * h, -1, lambda data=data: thumbnail(data))
    if manifest:
        manifest.close()


if __name__ == "__main__":
    main()
