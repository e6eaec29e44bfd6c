#!/usr/bin/env bash
# Builds and runs Raster's libFuzzer targets (Tests/Fuzz/targets/*.swift).
#
#   bash Tests/Fuzz/fuzz.sh build                 # instrumented modules + one binary per target
#   bash Tests/Fuzz/fuzz.sh run TARGET SECONDS    # fuzz one target for SECONDS (corpus kept in .build-fuzz/corpus/TARGET)
#   bash Tests/Fuzz/fuzz.sh replay                # run every committed regression input once (must not crash)
#   bash Tests/Fuzz/fuzz.sh smoke [SECONDS]       # build, replay, then each target for SECONDS (default 45)
#   bash Tests/Fuzz/fuzz.sh ci                    # build, replay, then each target for a fixed -runs from a
#                                                 # fixed -seed and the committed seeds (deterministic; .ci/run)
#
# Targets: inflate, png, jpeg, geometry, jpegroundtrip (JPEG encode -> decode; seeds in
# Tests/Fuzz/seeds/jpegroundtrip). Needs only the Swift toolchain (swiftc with
# -sanitize=fuzzer,address, which the Linux toolchain ships). The library modules are compiled
# with coverage and AddressSanitizer into static libraries in dependency order (Core, Deflate,
# PNG, JPEG, Resample), each target links what it imports. Integer overflow checks stay on (-O,
# not -Ounchecked) and the library's `assert`s are kept (-assert-config Debug), so an overflow or a
# broken invariant (such as the inflate fast loop's refill precondition) is a crash the fuzzer reports.
# Crashes are written to .build-fuzz/crashes/TARGET/; move each one into
# Tests/Fuzz/regressions/TARGET/ with a fix and a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/.build-fuzz
# libFuzzer and AddressSanitizer report crashes themselves; the Swift runtime's backtracer,
# launched on a trap inside a sanitized binary, hung (it read the process's memory under ASan)
# and kept the log pipe open, so it is switched off for the fuzz binaries.
export SWIFT_BACKTRACE=enable=no
TARGETS=(inflate png jpeg geometry jpegroundtrip)
SWIFTC=${SWIFTC:-swiftc}
FLAGS=(-O -assert-config Debug -parse-as-library -package-name Raster -sanitize=fuzzer,address -I "$OUT/lib" -L "$OUT/lib")

deps() {
    case $1 in
        RasterCore|RasterDeflate) ;;
        RasterPNG) echo RasterCore RasterDeflate ;;
        RasterJPEG|RasterResample) echo RasterCore ;;
        Raster) echo RasterResample RasterJPEG RasterPNG RasterDeflate RasterCore ;;
        inflate) echo RasterDeflate ;;
        png) echo RasterPNG RasterDeflate RasterCore ;;
        jpeg) echo RasterJPEG RasterCore ;;
        geometry) echo RasterResample RasterCore ;;
        jpegroundtrip) echo Raster RasterResample RasterJPEG RasterPNG RasterDeflate RasterCore ;;
    esac
}

build_module() {
    local m=$1 lib=$OUT/lib/lib$1.a
    # Rebuild only when a source is newer than the library.
    if [ -f "$lib" ] && [ -z "$(find "Sources/$m" -name '*.swift' -newer "$lib" | head -1)" ]; then return; fi
    echo "== fuzz: building $m"
    local links=()
    for d in $(deps "$m"); do links+=(-l"$d"); done
    "$SWIFTC" "${FLAGS[@]}" -emit-library -static -module-name "$m" -emit-module \
        -emit-module-path "$OUT/lib/$m.swiftmodule" -o "$lib" "${links[@]}" \
        $(find "Sources/$m" -name '*.swift' | sort) 2>&1 | grep -v 'Cannot export local symbol' || true
    [ -f "$lib" ] || { echo "error: building $m failed" >&2; exit 1; }
}

build() {
    mkdir -p "$OUT/lib" "$OUT/bin"
    for m in RasterCore RasterDeflate RasterPNG RasterJPEG RasterResample Raster; do build_module "$m"; done
    for t in "${TARGETS[@]}"; do
        local bin=$OUT/bin/fuzz-$t src=Tests/Fuzz/targets/$t.swift
        if [ -f "$bin" ] && [ "$bin" -nt "$src" ] && [ -z "$(find "$OUT/lib" -newer "$bin" | head -1)" ]; then continue; fi
        echo "== fuzz: linking fuzz-$t"
        local links=()
        for d in $(deps "$t"); do links+=(-l"$d"); done
        # ld.gold warns once per ASan helper symbol; the warnings are harmless and drowned the log.
        "$SWIFTC" "${FLAGS[@]}" "${links[@]}" "$src" -o "$bin" 2>&1 | grep -v 'Cannot export local symbol' || true
        [ -x "$bin" ] || { echo "error: linking fuzz-$t failed" >&2; exit 1; }
    done
}

# Seeds: committed fixtures and the shared conformance files, prefixed with the control byte
# the target expects (inflate: format; jpeg: scale), plus the regression inputs.
seed() {
    local t=$1 dir=${2:-$OUT/corpus/$1} conf=$ROOT/../shared/conformance
    mkdir -p "$dir"
    [ -n "$(ls -A "$dir")" ] && return
    case $t in
        inflate)
            for f in Fixtures/deflate/*.zlib*; do { printf '\x00'; head -c 65536 "$f"; } > "$dir/$(basename "$f")"; done
            for f in Fixtures/deflate/*.gz; do { printf '\x01'; head -c 65536 "$f"; } > "$dir/$(basename "$f")"; done
            for f in Fixtures/deflate/*.raw; do { printf '\x02'; head -c 65536 "$f"; } > "$dir/$(basename "$f")"; done
            { printf '\x80'; head -c 4096 Fixtures/deflate/text.bin; } > "$dir/roundtrip-text" ;;
        png)
            cp Fixtures/png/*.png "$dir/" 2>/dev/null || true
            [ -d "$conf/pngsuite" ] && find "$conf/pngsuite" -name '*.png' -size -64k -exec cp {} "$dir/" \; ;;
        jpeg)
            for f in Fixtures/jpeg/*.jpg $(find "$conf/jpeg" -name '*.jpg' -size -64k 2>/dev/null); do
                { printf '\x00'; cat "$f"; } > "$dir/$(basename "$f")"
            done ;;
        geometry)
            # Any bytes are a valid geometry input; a few shapes to start from.
            # (no /dev/urandom: the CI smoke must start from the same corpus every time)
            head -c 256 Fixtures/deflate/binary.bin > "$dir/binary256"
            printf '\x10\x10\x20\x20\x00\x05\x00\x05\x01\x00\xfb\x00\xfb\x00\x08\x00\x08\x03\x02\x01\x00\x30\x30' > "$dir/small" ;;
        jpegroundtrip)
            # width, height, quality-1, flags, background, restart, metadata flags, pattern, then bytes.
            cp Tests/Fuzz/seeds/jpegroundtrip/* "$dir/" ;;
    esac
    if [ -d "Tests/Fuzz/regressions/$t" ]; then cp Tests/Fuzz/regressions/$t/* "$dir/" 2>/dev/null || true; fi
}

run() {
    local t=$1 secs=$2
    seed "$t"
    mkdir -p "$OUT/crashes/$t"
    echo "== fuzz: $t for ${secs}s"
    # -timeout: an input slower than FUZZ_TIMEOUT (10 s) is a finding (a quadratic path), not a pass;
    # raise it when the machine is shared, since it counts wall-clock time.
    # -rss_limit_mb / -malloc_limit_mb: the targets decode under 128 MiB caps, so 2 GiB means a limit was bypassed.
    "$OUT/bin/fuzz-$t" -max_total_time="$secs" -timeout="${FUZZ_TIMEOUT:-10}" -report_slow_units=1 -rss_limit_mb=2048 -malloc_limit_mb=1024 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$OUT/crashes/$t/" "$OUT/corpus/$t" \
        2>&1 | tee "$OUT/$t.log" | grep -E '^(#[0-9]+ *(DONE|INITED)|stat::|==[0-9]+==ERROR|SUMMARY|Done|Fatal|.*fuzz invariant|.*Slowest unit)' || true
    # slow-unit-* files are the slowest inputs (reported, not failures); crash-, oom-, timeout- and leak- ones fail.
    if ls "$OUT/crashes/$t"/{crash,oom,timeout,leak}-* >/dev/null 2>&1; then
        echo "error: fuzz target $t found crashing inputs in $OUT/crashes/$t" >&2
        return 1
    fi
}

replay() {
    local failed=0
    for t in "${TARGETS[@]}"; do
        local dir=Tests/Fuzz/regressions/$t
        [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] || continue
        echo "== fuzz: replaying $(ls "$dir" | wc -l) regression inputs for $t"
        "$OUT/bin/fuzz-$t" -runs=1 -timeout="${FUZZ_TIMEOUT:-300}" -rss_limit_mb=2048 "$dir"/* > "$OUT/replay-$t.log" 2>&1 || { failed=1; tail -30 "$OUT/replay-$t.log"; }
    done
    return $failed
}

# The CI smoke: deterministic, so that CI goes red only for a crash the landed change can
# cause, never for a new random finding. Each target starts from a fresh corpus made of the
# committed seeds only, runs a fixed number of inputs (`-runs`) from a fixed `-seed` in one
# process, and fails on any crash, sanitizer report, OOM or input slower than FUZZ_TIMEOUT
# (300 s here: libFuzzer's timeout is wall-clock time, and on a shared machine a 3 s input
# was starved past 60 s; so in CI it only catches hangs, and slow inputs are reported). The run counts are calibrated
# to about 30-45 s per target on an idle 2-core machine (docs/reliability.md); FUZZ_RUNS_SCALE
# (a percentage, default 100) shortens or lengthens every one of them.
ci_runs() {
    case $1 in
        inflate) echo 25000 ;;
        png) echo 150000 ;;
        jpeg) echo 3000 ;;
        geometry) echo 10000 ;;
        jpegroundtrip) echo 6000 ;;
    esac
}

ci() {
    local status=0 summary=()
    for t in "${TARGETS[@]}"; do
        local dir=$OUT/ci-corpus/$t runs=$(( $(ci_runs "$t") * ${FUZZ_RUNS_SCALE:-100} / 100 ))
        rm -rf "$dir" "$OUT/crashes-ci/$t"
        seed "$t" "$dir"
        mkdir -p "$OUT/crashes-ci/$t"
        echo "== fuzz (deterministic): $t, $runs runs from -seed=14 and $(ls "$dir" | wc -l) seeds"
        local start=$(date +%s) rc=0 TIMEFORMAT='%U %S'
        # CPU time as well as wall time: on a shared machine only the CPU time says how long
        # the run takes on an idle one (the -runs figures are calibrated on it).
        { time "$OUT/bin/fuzz-$t" -seed=14 -runs="$runs" -timeout="${FUZZ_TIMEOUT:-300}" -report_slow_units=1 \
            -rss_limit_mb=2048 -malloc_limit_mb=1024 -max_len=65536 -print_final_stats=1 \
            -artifact_prefix="$OUT/crashes-ci/$t/" "$dir" > "$OUT/ci-$t.log" 2>&1 || rc=$? ; } 2> "$OUT/ci-$t.time"
        local secs=$(( $(date +%s) - start ))
        local cpu=$(awk '{ printf "%.0f", $1 + $2 }' "$OUT/ci-$t.time")
        local execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/ci-$t.log")
        local slowest=$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$OUT/ci-$t.log")
        local units=$(ls "$dir" | wc -l)
        if [ $rc -ne 0 ] || ls "$OUT/crashes-ci/$t"/{crash,oom,timeout,leak}-* >/dev/null 2>&1; then
            grep -E '==[0-9]+==ERROR|SUMMARY|Fatal|fuzz invariant|Test unit written|ALARM' "$OUT/ci-$t.log" | head -20 || true
            tail -40 "$OUT/ci-$t.log"
            echo "error: fuzz target $t failed (rc $rc); inputs in $OUT/crashes-ci/$t, log $OUT/ci-$t.log" >&2
            status=1
        fi
        summary+=("$(printf '%-14s %9s executions  %4s s wall  %4s s CPU  corpus %5s units  slowest unit %s s' \
            "$t" "${execs:-?}" "$secs" "${cpu:-?}" "$units" "${slowest:-?}")")
    done
    echo "== fuzz smoke summary"
    printf '%s\n' "${summary[@]}"
    return $status
}

case ${1:-smoke} in
    build) build ;;
    run) build; run "$2" "${3:-60}" ;;
    replay) build; replay ;;
    smoke)
        build; replay
        status=0
        for t in "${TARGETS[@]}"; do run "$t" "${2:-45}" || status=1; done
        exit $status ;;
    ci) build; replay; ci ;;
    *) echo "usage: fuzz.sh build | run TARGET SECONDS | replay | smoke [SECONDS] | ci" >&2; exit 2 ;;
esac
