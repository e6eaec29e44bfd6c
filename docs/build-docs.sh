#!/usr/bin/env bash
# Builds the DocC documentation of the `Raster` module (which re-exports every library module)
# with the toolchain's own `docc`: no package dependency, no plugin.
#
#   docs/build-docs.sh [OUTPUT_DIR]      (default: .build-docs/Raster.doccarchive)
#
# Fails on any DocC warning (a broken symbol link in an article or comment, say) and on any
# public symbol without documentation (docs/check-doc-coverage.py reads DocC's coverage report).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="${1:-.build-docs/Raster.doccarchive}"
graphs=".build-docs/symbol-graphs"     # every module's graph, as swiftc writes them
docc_graphs=".build-docs/raster-graph"  # the one DocC reads
rm -rf "$graphs" "$docc_graphs" "$out"
mkdir -p "$graphs" "$docc_graphs"

echo "== symbol graphs (swift build with -emit-symbol-graph)" >&2
# swiftc writes a module's graph only when it compiles that module; make sure `Raster` is
# compiled even when only a lower module changed since the last run.
touch Sources/Raster/*.swift
swift build --target Raster --scratch-path .build-docs/build \
    -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$root/$graphs" \
    -Xswiftc -symbol-graph-minimum-access-level -Xswiftc public > .build-docs/build.log 2>&1 \
    || { tail -30 .build-docs/build.log >&2; exit 1; }

# Raster's graph already holds every symbol of the modules it re-exports (@_exported import).
# Handing DocC the lower modules' graphs as well gives each of those symbols twice, under two
# module paths, and which one wins varies from run to run; so DocC reads Raster's alone.
cp "$graphs/Raster.symbols.json" "$docc_graphs/"

echo "== docc convert" >&2
docc_bin="$(command -v docc || true)"
if [ -z "$docc_bin" ]; then
    docc_bin="$(dirname "$(readlink -f "$(command -v swift)")")/docc"
fi
"$docc_bin" convert Sources/Raster/Raster.docc \
    --additional-symbol-graph-dir "$docc_graphs" \
    --output-dir "$out" \
    --fallback-display-name Raster --fallback-bundle-identifier org.raster.Raster \
    --experimental-documentation-coverage --coverage-summary-level brief \
    --warnings-as-errors > .build-docs/docc.log 2>&1 \
    || { cat .build-docs/docc.log >&2; echo "error: docc reported warnings or errors" >&2; exit 1; }
if grep -q "warning:" .build-docs/docc.log; then cat .build-docs/docc.log >&2; exit 1; fi

echo "== every public symbol documented" >&2
python3 docs/check-doc-coverage.py "$out/documentation-coverage.json"
echo "documentation: $out (serve it with: docc preview Sources/Raster/Raster.docc --additional-symbol-graph-dir $docc_graphs)" >&2
