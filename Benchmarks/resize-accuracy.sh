#!/usr/bin/env bash
# Accuracy of Raster's and the peers' resize and thumbnail against the contract's exact
# resize (see Benchmarks/resize-accuracy.py). Builds the peers, makes a venv with numpy and
# Pillow (Benchmarks/peers/build/venv-accuracy), checks the reference against the
# definition (--self-test), then runs. Arguments go to the script, e.g.
#   bash Benchmarks/resize-accuracy.sh --docs docs/resample-peers.md \
#       --corpus Fixtures/bench,Benchmarks/corpus-large/photo12.png,Benchmarks/corpus-large/photo12.jpg
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
Benchmarks/peers/build.sh
venv="Benchmarks/peers/build/venv-accuracy"
if ! "$venv/bin/python" -c "import numpy, PIL" 2>/dev/null; then
    rm -rf "$venv"
    /usr/bin/python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet numpy pillow
fi
"$venv/bin/python" Benchmarks/resize-accuracy.py --self-test
exec "$venv/bin/python" Benchmarks/resize-accuracy.py "$@"
