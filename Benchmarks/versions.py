#!/usr/bin/env python3
"""Times one raster-bench operation with two raster-bench binaries (two commits of Raster),
alternating them round by round, and prints each file's best median, the speed-up and the
output bytes. For "faster than before at no larger size" questions that compare.sh (Raster
against peers) does not answer.

    python3 Benchmarks/versions.py --op png-encode --corpus DIR [--rounds 3] [--time 0.5] OLD_BENCH NEW_BENCH

Build the old binary in a worktree: `git worktree add /tmp/old REV && (cd /tmp/old &&
swift build -c release --product raster-bench)`. Every run uses
GLIBC_TUNABLES=glibc.malloc.mmap_max=0, as compare.sh does.
"""
import argparse
import collections
import json
import math
import os
import subprocess

parser = argparse.ArgumentParser()
parser.add_argument("--op", required=True)
parser.add_argument("--corpus", required=True)
parser.add_argument("--rounds", type=int, default=3)
parser.add_argument("--time", default="0.5")
parser.add_argument("old")
parser.add_argument("new")
args = parser.parse_args()

best = collections.defaultdict(lambda: math.inf)
size = {}
env = dict(os.environ, GLIBC_TUNABLES="glibc.malloc.mmap_max=0")
for r in range(args.rounds):
    order = [args.old, args.new] if r % 2 == 0 else [args.new, args.old]
    for b in order:
        out = subprocess.run([b, "--json", "--corpus", args.corpus, "--ops", args.op, "--time", args.time],
                             capture_output=True, text=True, env=env, check=True).stdout
        for line in out.splitlines():
            d = json.loads(line)
            key = (b, d["file"])
            best[key] = min(best[key], d["median_s"])
            size[key] = d.get("bytes")

files = sorted({f for (_, f) in best})
logs = []
print(f"{'file':20s} {'old ms':>9s} {'new ms':>9s} {'speed-up':>9s} {'old bytes':>11s} {'new bytes':>11s}")
for f in files:
    o, n = best[(args.old, f)], best[(args.new, f)]
    logs.append(math.log(o / n))
    print(f"{f:20s} {o * 1e3:9.1f} {n * 1e3:9.1f} {o / n:8.2f}x {size[(args.old, f)]!s:>11s} {size[(args.new, f)]!s:>11s}")
print(f"geometric mean speed-up {math.exp(sum(logs) / len(logs)):.2f}x")
