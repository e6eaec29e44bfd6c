#!/usr/bin/env bash
# Limits under attack: runs `raster-tool convert` on each hostile input from make_attacks.py in
# its own process under GNU time, and prints peak RSS and wall time beside the final image
# size, with the CLI's outcome (exit status, the stderr line, whether an output file appeared).
#
#   bash Benchmarks/attack/run.sh
#
# Needs python3 and GNU time (/usr/bin/time); installs `time` with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x /usr/bin/time ]; then apt-get install -y time >/dev/null; fi
swift build -c release --product raster-tool >/dev/null
TOOL=$PWD/.build/release/raster-tool
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 Benchmarks/attack/make_attacks.py "$WORK/in"

printf '%-26s %6s %9s %12s %8s %6s  %s\n' file exit "peak MiB" "image MiB" "ratio" "sec" "outcome"
while IFS=$'\t' read -r name w h what; do
    out=$WORK/out.rgba
    rm -f "$out"
    set +e
    /usr/bin/time -f '%M %e' -o "$WORK/time" "$TOOL" convert "$WORK/in/$name" "$out" 2> "$WORK/err"
    status=$?
    set -e
    # GNU time puts "Command exited with non-zero status N" first when the status is not 0.
    read -r kb secs < <(tail -1 "$WORK/time")
    image=$(python3 -c "print(f'{$w*$h*4/1048576:.1f}')")
    ratio=$(python3 -c "print(f'{$kb/1024/max($w*$h*4/1048576, 1):.2f}')")
    lines=$(wc -l < "$WORK/err")
    if [ "$status" = 0 ]; then
        outcome="decoded ($(stat -c %s "$out") bytes out)"
    else
        outcome="$(head -1 "$WORK/err" | cut -c1-90)"
        # The contract: exit 1, one error: line, no output file.
        if [ "$status" != 1 ] || [ "$lines" != 1 ] || ! head -1 "$WORK/err" | grep -q '^error:' || [ -e "$out" ]; then
            outcome="CONTRACT BROKEN (exit $status, $lines stderr lines, output $( [ -e "$out" ] && echo exists || echo absent)): $outcome"
        fi
    fi
    printf '%-26s %6s %9.1f %12s %8s %6s  %s\n' "$name" "$status" "$(python3 -c "print($kb/1024)")" "$image" "$ratio" "$secs" "$outcome"
done < "$WORK/in/manifest.txt"
