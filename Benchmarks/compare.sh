#!/usr/bin/env bash
# Measures Raster against its peers on the same corpus and writes docs/performance.md
# (between its GENERATED markers) and docs/performance.png.
#
#   Benchmarks/compare.sh [--corpus DIR[,DIR|FILE...]] [--ops a,b] [--rounds N] [--time S] [--no-docs] [--jpeg] [--bench PATH]
#
# --jpeg: the JPEG decode comparison of docs/jpeg.md: jpeg-decode and jpeg-decode-scaled on
# the JPEGs of Fixtures/bench plus the 12-megapixel JPEGs of Benchmarks/corpus-large
# (baseline 4:2:0, 4:4:4, greyscale, progressive; made by make_large_corpus.py when
# missing), gathered in Benchmarks/peers/build/corpus-jpeg; docs are not rewritten.
# --bench runs that raster-bench binary instead of building this checkout's (e.g. another
# branch's build, to try the peers against it).
# --corpus takes a folder, or a comma list of folders and files that are copied into one
# folder (Benchmarks/peers/build/corpus) for the run, e.g. the resize and thumbnail tables:
#   python3 Fixtures/scripts/make_large_corpus.py
#   Benchmarks/compare.sh --ops resize,thumbnail \
#       --corpus Fixtures/bench,Benchmarks/corpus-large/photo12.png,Benchmarks/corpus-large/photo12.jpg
#
# Installs and builds the peers (Benchmarks/peers/build.sh), builds raster-bench in release,
# then runs raster-bench and every peer interleaved, N rounds (default 5), rotating the order
# each round, and keeps the best median of the rounds per (op, file, implementation): these
# VMs are noisy, and the best of several interleaved rounds is the least disturbed figure.
# Every process runs with GLIBC_TUNABLES=glibc.malloc.mmap_max=0, so large per-call output
# buffers are reused heap memory for all implementations alike, not fresh mmap'd pages.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

corpus="Fixtures/bench"
ops=""
rounds=5
time_per_case=0.25
docs=1
bench=""
while [ $# -gt 0 ]; do
    case "$1" in
        --corpus) corpus="$2"; shift 2 ;;
        --ops) ops="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --time) time_per_case="$2"; shift 2 ;;
        --no-docs) docs=0; shift ;;
        --jpeg) jpeg=1; shift ;;
        --bench) bench="$2"; shift 2 ;;
        *) echo "usage: $0 [--corpus DIR[,DIR|FILE...]] [--ops a,b] [--rounds N] [--time S] [--no-docs] [--jpeg] [--bench PATH]" >&2; exit 2 ;;
    esac
done
if [ "${jpeg:-0}" = 1 ]; then
    [ -f Benchmarks/corpus-large/gray12.jpg ] || python3 Fixtures/scripts/make_large_corpus.py
    corpus="Benchmarks/peers/build/corpus-jpeg"
    rm -rf "$corpus"
    mkdir -p "$corpus"
    cp Fixtures/bench/*.jpg Benchmarks/corpus-large/*.jpg "$corpus"/
    ops="jpeg-decode,jpeg-decode-scaled"
    docs=0
fi
started=$(date +%s)
if [[ "$corpus" == *,* ]]; then
    merged="Benchmarks/peers/build/corpus"
    rm -rf "$merged"
    mkdir -p "$merged"
    for item in ${corpus//,/ }; do
        if [ -d "$item" ]; then
            for f in "$item"/*; do [ -f "$f" ] && cp "$f" "$merged/"; done
        elif [ -f "$item" ]; then
            cp "$item" "$merged/"
        else
            echo "error: corpus item $item does not exist" >&2
            exit 1
        fi
    done
    corpus_label="$corpus"
    corpus="$merged"
else
    corpus_label="$corpus"
fi

echo "== peers" >&2
Benchmarks/peers/build.sh
if ! python3 -c "import matplotlib" 2>/dev/null; then
    echo "== installing matplotlib (for the chart)" >&2
    python3 -m pip install --quiet matplotlib
fi

mkdir -p Benchmarks/peers/build
if [ -n "$bench" ]; then
    echo "== raster-bench: $bench" >&2
else
    echo "== raster-bench (release)" >&2
    if ! swift build -c release --product raster-bench > Benchmarks/peers/build/swift-build.log 2>&1; then
        tail -30 Benchmarks/peers/build/swift-build.log >&2
        echo "error: raster-bench did not build" >&2
        exit 1
    fi
    bench="$(swift build -c release --show-bin-path)/raster-bench"
fi

out="Benchmarks/peers/build/results"
rm -rf "$out"
mkdir -p "$out"
export GLIBC_TUNABLES=glibc.malloc.mmap_max=0
# The resize peers (pillow ... goresize) print only resize and thumbnail lines.
peers="raster libpng spng stb zlib libdeflate turbojpeg pixman go pillow pillow-simd vips stbir goresize"
opsarg=()
[ -n "$ops" ] && opsarg=(--ops "$ops")

run_one() { # name round
    local name="$1" file="$out/round$2-$1.jsonl"
    if [ "$name" = raster ]; then
        # Only the ops this build has: asking for a missing one is an error by design.
        local have
        have=$("$bench" --list-ops)
        local want="${ops:-$have}" pick=""
        for o in ${want//,/ }; do
            case ",$have," in *",$o,"*) pick="$pick${pick:+,}$o" ;; esac
        done
        if [ -z "$pick" ]; then return 0; fi
        "$bench" --json --corpus "$corpus" --time "$time_per_case" --ops "$pick" > "$file" \
            || echo "warning: raster-bench failed in round $2 (see above)" >&2
    else
        "Benchmarks/peers/build/peer_$name" --corpus "$corpus" --time "$time_per_case" "${opsarg[@]}" > "$file" \
            || echo "warning: peer $name failed in round $2" >&2
    fi
}

for r in $(seq 1 "$rounds"); do
    echo "== round $r of $rounds" >&2
    # Rotate the order so no implementation always runs first (or last) in a round.
    all=($peers)
    k=$(( (r - 1) % ${#all[@]} ))
    order="${all[*]:k} ${all[*]:0:k}"
    for name in $order; do
        run_one "$name" "$r"
    done
done

echo "== report ($(( $(date +%s) - started )) s so far)" >&2
report_args=(--results "$out" --corpus "$corpus_label" --rounds "$rounds" --time "$time_per_case")
[ "$docs" = 1 ] && report_args+=(--docs docs/performance.md --chart docs/performance.png)
python3 Benchmarks/report.py "${report_args[@]}"
echo "== done in $(( $(date +%s) - started )) s" >&2
