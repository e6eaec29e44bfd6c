#!/usr/bin/env bash
# The service load test of issue 13: raster-service and the Go peer side by side.
#
#   bash Benchmarks/service/loadtest.sh [--duration S] [--levels 16,64,256] [--budget-mb MB]
#                                       [--services raster,go] [--no-docs]
#
# Installs what it needs (wrk, Go and its image libraries from Debian; Pillow and numpy
# from PyPI), builds both services in release, makes the request bodies (photos, screenshots,
# alpha, 16-bit, a huge image, ~10% hostile), then for each concurrency level runs a fresh
# raster-service and a fresh go-peer in turn under wrk for a fixed time, on 127.0.0.1 only.
# Every response is checked (mix.lua), a sample fully decoded (check_samples.py), peak RSS
# read from /proc (VmHWM), and the services stopped with SIGTERM. Writes the table to
# docs/service.md. Exits 1 if raster-service gave any wrong response, lost a connection,
# crashed or did not stop cleanly.
set -euo pipefail
source "$(dirname "$0")/loadtest/common.sh"

DURATION=30
LEVELS=16,64,256
BUDGET_MB=512
DOCS=true
SERVICES=raster,go
while (($#)); do
    case $1 in
        --duration) DURATION=$2; shift 2 ;;
        --levels) LEVELS=$2; shift 2 ;;
        --budget-mb) BUDGET_MB=$2; shift 2 ;;
        --services) SERVICES=$2; shift 2 ;;
        --no-docs) DOCS=false; shift ;;
        *) echo "usage: $0 [--duration S] [--levels 16,64,256] [--budget-mb MB] [--services raster,go] [--no-docs]" >&2
           exit 2 ;;
    esac
done
RASTER_PORT=${RASTER_PORT:-18480}
GO_PORT=${GO_PORT:-18481}

install_deps wrk golang-go golang-github-disintegration-imaging-dev golang-golang-x-image-dev curl
build_raster
[[ ,$SERVICES, == *,go,* ]] && build_go
make_bodies
probe_capabilities "$RASTER_PORT"
rm -rf "$WORK/results"

IFS=, read -r -a levels <<<"$LEVELS"
for c in "${levels[@]}"; do
    # Interleaved, so both services see the same machine conditions at each level.
    [[ ,$SERVICES, == *,raster,* ]] && run_load raster "$RASTER_PORT" "$c" "$DURATION"
    [[ ,$SERVICES, == *,go,* ]] && run_load go "$GO_PORT" "$c" "$DURATION"
done

if $DOCS; then
    python3 "$LOADTEST_DIR/report.py" "$WORK/results" "$ROOT/docs/service.md" \
        --command "bash Benchmarks/service/loadtest.sh --duration $DURATION --levels $LEVELS --budget-mb $BUDGET_MB"
    log "wrote docs/service.md"
fi

status=0
if [[ ,$SERVICES, == *,raster,* ]]; then
    for c in "${levels[@]}"; do
        python3 "$LOADTEST_DIR/summarize.py" "$WORK/results/raster-c$c" --strict >/dev/null || status=1
    done
fi
exit $status
