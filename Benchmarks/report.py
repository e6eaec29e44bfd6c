#!/usr/bin/env python3
"""Turns the JSON lines of Benchmarks/compare.sh's rounds into a comparison table, the
generated block of docs/performance.md and the chart docs/performance.png.

Written for Python 3.11 with matplotlib 3.11 (pip install matplotlib); the chart is skipped,
with a warning, when matplotlib is missing. Best-of-rounds: for every (op, file,
implementation) the smallest median over the rounds is kept.
"""
import argparse
import datetime
import glob
import json
import math
import os
import platform
import subprocess
import sys

BEGIN = "<!-- BEGIN GENERATED: Benchmarks/compare.sh rewrites everything up to END GENERATED -->"
END = "<!-- END GENERATED -->"
OP_ORDER = ["png-decode", "png-encode", "png-encode-fast", "inflate", "deflate", "deflate-1", "deflate-9", "jpeg-decode",
            "jpeg-decode-scaled", "jpeg-encode", "composite", "composite-watermark", "resize", "thumbnail"]
IMPL_ORDER = ["raster", "libpng", "libspng", "stb_image", "zlib", "libdeflate", "libjpeg-turbo", "pixman", "go",
              "pillow", "pillow-simd", "libvips", "stb_image_resize", "go-draw", "go-imaging"]
LABEL = {"raster": "Raster"}
# Which implementations take part in which operation; an empty cell means "not measured".
PEERS_OF = {
    "png-decode": ["libpng", "libspng", "stb_image", "go"],
    "png-encode": ["libpng", "libspng", "stb_image", "go"],
    "inflate": ["zlib", "libdeflate", "go"],
    "deflate": ["zlib", "libdeflate", "go"],
    "deflate-1": ["zlib", "libdeflate"],
    "deflate-9": ["zlib", "libdeflate"],
    "jpeg-decode": ["libjpeg-turbo", "stb_image", "go"],
    "jpeg-encode": ["libjpeg-turbo", "stb_image", "go"],
    "composite": ["pixman", "go"],
    "composite-watermark": ["pixman", "go"],
    "resize": ["pillow", "pillow-simd", "libvips", "stb_image_resize", "go-draw", "go-imaging"],
    "thumbnail": ["pillow", "pillow-simd", "libvips", "go-imaging"],
}
# The issue 12 targets: Raster faster than these on every resize case ...
RESIZE_BEAT = ["pillow", "libvips", "go-draw", "go-imaging"]
# ... at least this share of Pillow-SIMD's speed in the geometric mean of the resize cases ...
RESIZE_SIMD_SHARE = 0.5
# ... and for the 12-megapixel JPEG thumbnail, faster than libvips and at least this share
# of the fastest peer.
THUMB_FILE, THUMB_BEST_SHARE = "photo12.jpg", 0.8


def load(results_dir):
    best = {}
    for path in sorted(glob.glob(os.path.join(results_dir, "*.jsonl"))):
        with open(path) as f:
            for line in f:
                line = line.strip()
                if not line.startswith("{"):
                    continue
                try:
                    r = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if "median_s" not in r:
                    continue
                r["impl"] = r.get("peer", "raster")
                key = (r["op"], r["file"], r["impl"])
                if key not in best or r["median_s"] < best[key]["median_s"]:
                    best[key] = r
    return best


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:  # noqa: BLE001 - describing the machine must never fail the report
        return ""


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    commit = sh("git rev-parse --short HEAD") or "?"
    if sh("git status --porcelain --untracked-files=no"):
        commit += " (with uncommitted changes)"
    return {
        "cpu": cpu or platform.processor() or "?",
        "cores": os.cpu_count(),
        "kernel": platform.release(),
        "swift": sh("swift --version 2>&1 | head -1"),
        "commit": commit,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def ordered(items, order):
    return sorted(items, key=lambda x: (order.index(x) if x in order else len(order), x))


def build_rows(best):
    """Per (op, file): {impl: result}, and Raster's ratio to the fastest peer."""
    groups = {}
    for (op, file, impl), r in best.items():
        groups.setdefault((op, file), {})[impl] = r
    rows = []
    for op in ordered({op for op, _ in groups}, OP_ORDER):
        for file in sorted(f for o, f in groups if o == op):
            impls = groups[(op, file)]
            peers = {k: v for k, v in impls.items() if k != "raster"}
            best_peer = max(peers, key=lambda k: peers[k]["mpix_s"]) if peers else None
            ratio = None
            if "raster" in impls and best_peer:
                ratio = impls["raster"]["mpix_s"] / peers[best_peer]["mpix_s"]
            rows.append({"op": op, "file": file, "impls": impls, "best_peer": best_peer, "ratio": ratio})
    return rows


def size_note(r):
    """For encoders and deflate, a speed ratio means little if the output is much bigger:
    note Raster's size relative to the reference library's when it is over 2% larger."""
    ref = {"deflate": "zlib", "deflate-1": "libdeflate", "deflate-9": "libdeflate", "png-encode": "libpng", "jpeg-encode": "libjpeg-turbo"}.get(r["op"])
    if not ref or "raster" not in r["impls"] or ref not in r["impls"]:
        return ""
    k = r["impls"]["raster"]["bytes"] / r["impls"][ref]["bytes"]
    return f"output {k:.2f}x {ref}'s size" if k > 1.02 else ""


def fmt(x):
    return f"{x:.1f}" if x < 100 else f"{x:.0f}"


def text_table(rows):
    out = []
    for op in ordered({r["op"] for r in rows}, OP_ORDER):
        impls = ordered({i for r in rows if r["op"] == op for i in r["impls"]}, IMPL_ORDER)
        out.append(f"\n{op}  (Mpix/s, best of rounds)")
        width = max(18, max(len(r["file"]) for r in rows if r["op"] == op) + 1)
        out.append(f"{'file':{width}s}" + "".join(f"{LABEL.get(i, i):>17s}" for i in impls) + f"{'Raster/best':>13s}")
        for r in rows:
            if r["op"] != op:
                continue
            cells = "".join(f"{fmt(r['impls'][i]['mpix_s']) if i in r['impls'] else '-':>17s}" for i in impls)
            ratio = f"{r['ratio']:.2f}x" if r["ratio"] is not None else "-"
            out.append(f"{r['file']:{width}s}{cells}{ratio:>13s}")
    return "\n".join(out)


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def targets(rows, op):
    """Issue 12's speed targets for resize and thumbnail, checked on this run."""
    md = []
    if op == "resize":
        mine = [r for r in rows if r["op"] == "resize" and "raster" in r["impls"]]
        if not mine:
            return ["", "Targets: Raster's resize was not measured in this run."]
        md += ["", "Targets (issue 12):", ""]
        for peer in RESIZE_BEAT:
            against = [r for r in mine if peer in r["impls"]]
            slower = [r for r in against if r["impls"]["raster"]["mpix_s"] <= r["impls"][peer]["mpix_s"]]
            if against:
                worst = min(r["impls"]["raster"]["mpix_s"] / r["impls"][peer]["mpix_s"] for r in against)
                md.append(f"- faster than {peer} on every case: {'yes' if not slower else 'NO'} "
                          f"({len(against) - len(slower)} of {len(against)} cases; lowest ratio {worst:.2f}x"
                          + (f"; not on {', '.join(r['file'] for r in slower)}" if slower else "") + ")")
        simd = [r["impls"]["raster"]["mpix_s"] / r["impls"]["pillow-simd"]["mpix_s"] for r in mine if "pillow-simd" in r["impls"]]
        if simd:
            g = geomean(simd)
            md.append(f"- at least {RESIZE_SIMD_SHARE}x Pillow-SIMD in the geometric mean: "
                      f"{'yes' if g >= RESIZE_SIMD_SHARE else 'NO'} ({g:.2f}x over {len(simd)} cases)")
    if op == "thumbnail":
        r = next((r for r in rows if r["op"] == "thumbnail" and r["file"] == THUMB_FILE), None)
        if not r or "raster" not in r["impls"]:
            return ["", f"Targets: Raster's thumbnail of {THUMB_FILE} was not measured in this run."]
        t = r["impls"]["raster"]["median_s"]
        md += ["", f"Targets (issue 12), {THUMB_FILE}: Raster {t * 1000:.1f} ms", ""]
        if "libvips" in r["impls"]:
            v = r["impls"]["libvips"]["median_s"]
            md.append(f"- faster than libvips: {'yes' if t < v else 'NO'} ({v * 1000:.1f} ms)")
        if r["best_peer"]:
            b = r["impls"][r["best_peer"]]["median_s"]
            md.append(f"- at least {THUMB_BEST_SHARE}x the fastest peer ({r['best_peer']}, {b * 1000:.1f} ms): "
                      f"{'yes' if b / t >= THUMB_BEST_SHARE else 'NO'} ({b / t:.2f}x)")
    return md


def markdown(rows, info, args, versions):
    md = [BEGIN, ""]
    md.append(f"Measured {info['date']} on {info['cpu']} ({info['cores']} cores), Linux {info['kernel']}, "
              f"{info['swift']}; Raster at commit `{info['commit']}`.")
    md.append(f"Corpus `{args.corpus}`; {args.rounds} interleaved rounds of every implementation, each case "
              f"measured for {args.time} s after warm-up; the table keeps the best median of the rounds. "
              "All processes ran with `GLIBC_TUNABLES=glibc.malloc.mmap_max=0`.")
    if versions:
        md.append("Peers (Debian packages): " + ", ".join(f"{k} {v}" for k, v in versions) + ".")
    md.append("")
    md.append("Megapixels per second (pixels of the image the file holds), higher is better. "
              "*Raster / best* is Raster's speed over the fastest peer's: above 1 Raster is faster.")
    for op in ordered({r["op"] for r in rows}, OP_ORDER):
        impls = ordered({i for r in rows if r["op"] == op for i in r["impls"]}, IMPL_ORDER)
        md.append("")
        md.append(f"### {op}")
        md.append("")
        notes = {}
        md.append("| file | " + " | ".join(LABEL.get(i, i) for i in impls) + " | Raster / best peer |")
        md.append("|---|" + "---:|" * (len(impls) + 1))
        for r in rows:
            if r["op"] != op:
                continue
            cells = []
            for i in impls:
                if i not in r["impls"]:
                    cells.append("–")
                    continue
                v = fmt(r["impls"][i]["mpix_s"])
                v = f"**{v}**" if i == r["best_peer"] else v
                note = r["impls"][i].get("note")
                if note:
                    v += f" [{notes.setdefault((i, note), len(notes) + 1)}]"
                cells.append(v)
            ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "–"
            grown = size_note(r)
            if grown:
                ratio += f" ({grown})"
            md.append(f"| {r['file']} | " + " | ".join(cells) + f" | {ratio} |")
        if notes:
            md.append("")
            md.append("Unequal work (the implementation does not do what the contract asks, or does it differently):")
            md.append("")
            for (impl, note), k in sorted(notes.items(), key=lambda kv: kv[1]):
                md.append(f"- [{k}] {LABEL.get(impl, impl)}: {note}")
        md += targets(rows, op)

    sized = [r for r in rows if r["op"] in ("png-encode", "deflate", "deflate-1", "deflate-9", "jpeg-encode")]
    if sized:
        md.append("")
        md.append("### Output sizes (bytes; encoders and deflate at their default or stated level)")
        md.append("")
        for op in ordered({r["op"] for r in sized}, OP_ORDER):
            impls = ordered({i for r in sized if r["op"] == op for i in r["impls"]}, IMPL_ORDER)
            md.append(f"**{op}**" + (" (level 6; level 1 / 9 sizes in brackets where measured)" if op == "deflate" else ""))
            md.append("")
            md.append("| file | " + " | ".join(LABEL.get(i, i) for i in impls) + " |")
            md.append("|---|" + "---:|" * len(impls))
            for r in sized:
                if r["op"] != op:
                    continue
                cells = []
                for i in impls:
                    x = r["impls"].get(i)
                    if not x:
                        cells.append("–")
                    elif "bytes_l1" in x:
                        cells.append(f"{x['bytes']} [{x['bytes_l1']} / {x['bytes_l9']}]")
                    else:
                        cells.append(str(x["bytes"]))
                md.append(f"| {r['file']} | " + " | ".join(cells) + " |")
            md.append("")

    md.append("")
    md.append("### Where Raster is behind")
    md.append("")
    behind = sorted((r for r in rows if r["ratio"] is not None and r["ratio"] < 1.0), key=lambda r: r["ratio"])
    missing = [op for op in OP_ORDER if any(r["op"] == op for r in rows) and not any(r["op"] == op and "raster" in r["impls"] for r in rows)]
    if not behind and not missing:
        md.append("Nowhere in this run: Raster matched or beat the fastest peer on every operation and file measured.")
    for r in behind:
        bp = r["best_peer"]
        md.append(f"- {r['op']} on {r['file']}: {r['ratio']:.2f}x the speed of {bp} "
                  f"({fmt(r['impls']['raster']['mpix_s'])} vs {fmt(r['impls'][bp]['mpix_s'])} Mpix/s).")
    for op in missing:
        md.append(f"- {op}: not measured for Raster; this build of raster-bench does not offer it yet.")
    bigger = [f"- {r['op']} on {r['file']}: {size_note(r)}." for r in rows if size_note(r)]
    if bigger:
        md.append("")
        md.append("Output more than 2% larger than the reference library's (a fast encoder that "
                  "compresses less is not simply faster):")
        md.append("")
        md += bigger
    if args.chart:
        md.append("")
        md.append(f"![Speed relative to the fastest peer]({os.path.basename(args.chart)})")
    md.append("")
    md.append(END)
    return "\n".join(md)


TEMPLATE_HEAD = """# Performance

How Raster's codecs and compositing compare with established implementations on the
committed corpus (`Fixtures/bench`, made by `Fixtures/scripts/make_bench_corpus.py`).
The block below is written by `Benchmarks/compare.sh`; the sections after it are written
by hand and kept when the script runs again.

How to reproduce: `Benchmarks/compare.sh` (installs and builds the peers, builds
`raster-bench` in release, runs everything interleaved and rewrites the block and the chart).
`swift run -c release raster-bench` alone measures Raster only.

"""

TEMPLATE_TAIL = """

## What is measured

Definitions are those of the Benchmark section of CONTRACT.md, for every implementation:

- png-decode: the file's bytes to pixels. Raster gives its raster (16-bit files stay 16-bit);
  C peers give straight RGBA8 (libpng: expand, `png_set_scale_16`, gray to RGB, add alpha;
  libspng: `SPNG_FMT_RGBA8` with tRNS; stb_image: 4 channels); Go returns its native image type
  (`*image.Paletted` for palette files, `*image.NRGBA64` for 16-bit ones) without conversion.
- png-encode: the decoded pixels back to PNG at each library's defaults. libpng and libspng
  encode RGBA8, or RGBA16 for the 16-bit file; stb_image_write cannot write 16-bit PNGs, so it
  has no 16-bit row; Go encodes its native decoded type. Raster's encoder reduces colour
  losslessly (palette, grey, no alpha) where it can, which the C peers at their defaults do
  not: compare sizes as well as speeds.
- inflate: the IDAT data concatenated (one zlib stream) to the filtered scanlines, into a
  buffer allocated per call. deflate: the raw RGBA8 bytes, zlib format, level 6.
  libdeflate's (de)compressor object is made once and reused, as its API intends.
- jpeg-decode: to RGBA8 (libjpeg-turbo `TJPF_RGBA`, accurate IDCT, fancy upsampling; Go's
  YCbCr result is converted with `draw.Draw`, its fast path, inside the timing).
  jpeg-encode: those pixels at quality 90, 4:2:0, baseline, standard Huffman tables.
- composite: src-over of the alpha image onto an opaque destination of the same size whose
  pixel (x, y) is (x, y, x + y, 255) mod 256; each call copies the destination first
  (the copy is timed for everyone). pixman uses `PIXMAN_OP_OVER` on a source premultiplied
  once outside the timing; Go uses `draw.Draw(dst, r, src, p, draw.Over)` with an
  `*image.NRGBA` source. Its `bytes` field is the source's RGBA size (there is no compressed side).
- composite-watermark: the same at a constant 50% coverage, as a watermark is drawn: Raster's
  `coverage: .opacity(128)` (exact m*op + (1-m)*dst), pixman's OVER through a solid mask of
  alpha 0x80; Go's `draw.DrawMask` with an `image.Uniform` alpha-128 mask and `draw.Over`.

Every implementation: one warm-up run (two when a run is short), then runs until the time
budget is spent (at least five unless one run is very slow), each output hashed after the
clock stops and compared with the first, output size checked where the header fixes it.
Encoders and compressors are round-tripped once before timing in raster-bench.

## Experiments

(Hand-written: record each optimisation tried and its measured effect here.)

## Notes

(Hand-written.)
"""


def write_docs(path, block):
    if os.path.exists(path):
        with open(path) as f:
            text = f.read()
        # Only this script's block: a file may hold another script's generated block too
        # (docs/resample-peers.md holds Benchmarks/resize-accuracy.py's).
        start = text.find(BEGIN)
        end = text.find(END, start)
        if start >= 0 and end > start:
            text = text[:start] + block + text[end + len(END):]
        else:
            text = text.rstrip() + "\n\n" + block + "\n"
    else:
        text = TEMPLATE_HEAD + block + TEMPLATE_TAIL
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def chart(rows, path, info):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("warning: matplotlib is missing; no chart written", file=sys.stderr)
        return
    rows = [r for r in rows if r["best_peer"]]
    if not rows:
        return
    impls = ordered({i for r in rows for i in r["impls"]}, IMPL_ORDER)
    colours = {"raster": "#d62728", "libpng": "#1f77b4", "libspng": "#aec7e8", "stb_image": "#9467bd",
               "zlib": "#2ca02c", "libdeflate": "#98df8a", "libjpeg-turbo": "#ff7f0e", "pixman": "#8c564b",
               "go": "#7f7f7f", "pillow": "#17becf", "pillow-simd": "#0b6e75", "libvips": "#e377c2",
               "stb_image_resize": "#c5b0d5", "go-draw": "#c7c7c7", "go-imaging": "#525252"}
    height = 0.8 / max(1, max(len(r["impls"]) for r in rows))
    fig, ax = plt.subplots(figsize=(10, 0.55 * len(rows) + 1.8))
    labels = []
    for y, r in enumerate(rows):
        labels.append(f"{r['op']}  {r['file']}")
        ref = r["impls"][r["best_peer"]]["mpix_s"]
        present = [i for i in impls if i in r["impls"]]
        for k, impl in enumerate(present):
            v = r["impls"][impl]["mpix_s"] / ref
            ax.barh(y - 0.4 + height * (k + 0.5), v, height=height * 0.95, color=colours.get(impl, "#bcbd22"),
                    label=LABEL.get(impl, impl))
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter
    lo, hi = ax.get_xlim()
    ax.xaxis.set_major_locator(FixedLocator([t for t in (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50) if lo <= t <= hi]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}x"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.set_xlabel("speed relative to the fastest peer (log scale; 1 = fastest peer)")
    ax.set_title(f"Raster vs peers, Mpix/s normalised per row — {info['date']}, commit {info['commit']}", fontsize=9)
    handles, names = ax.get_legend_handles_labels()
    seen = {}
    for h, n in zip(handles, names):
        seen.setdefault(n, h)
    ax.legend(seen.values(), seen.keys(), fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--corpus", default="Fixtures/bench")
    ap.add_argument("--rounds", default="?")
    ap.add_argument("--time", default="?")
    ap.add_argument("--docs")
    ap.add_argument("--chart")
    ap.add_argument("--raster-commit", help="the commit raster-bench was built from, when not this checkout's")
    args = ap.parse_args()
    best = load(args.results)
    if not best:
        print("error: no results", file=sys.stderr)
        sys.exit(1)
    rows = build_rows(best)
    print(text_table(rows))
    info = machine()
    if args.raster_commit:
        info["commit"] = args.raster_commit
    versions = []
    vpath = os.path.join(os.path.dirname(os.path.abspath(args.results)), "versions.txt")
    if os.path.exists(vpath):
        with open(vpath) as f:
            versions = [tuple(line.split(None, 1)) for line in f if len(line.split(None, 1)) == 2]
        versions = [(k, v.strip()) for k, v in versions]
    if args.docs:
        write_docs(args.docs, markdown(rows, info, args, versions))
        print(f"\nwrote {args.docs}", file=sys.stderr)
    if args.chart:
        chart(rows, args.chart, info)
        print(f"wrote {args.chart}", file=sys.stderr)


if __name__ == "__main__":
    main()
