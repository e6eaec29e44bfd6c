#!/usr/bin/env bash
# Regenerates every committed fixture. Each Fixtures/scripts/make_*.py names, in its header,
# the tools and versions it used. Outputs are deterministic (fixed seeds).
# Tools: python3 (3.11) with Pillow, numpy, pypng and deflate (libdeflate bindings) from PyPI;
# zlib/gzip from Python's stdlib.
set -euo pipefail
cd "$(dirname "$0")"
python3 -m pip install --quiet pillow numpy pypng deflate==0.9.0
# make_jpeg_fixtures.py runs libjpeg-turbo's cjpeg/djpeg (Debian libjpeg-turbo-progs).
command -v cjpeg >/dev/null || { apt-get update && apt-get install -y libjpeg-turbo-progs; }
for script in scripts/make_*.py; do
    case "$script" in *make_large_corpus.py) continue ;; esac   # not committed: see Benchmarks/
    echo "== $script"
    python3 "$script"
done
# Not a fixture: Python's zlib inflates Raster's own output at every level and strategy.
echo "== scripts/check_deflate_with_zlib.py"
python3 scripts/check_deflate_with_zlib.py
