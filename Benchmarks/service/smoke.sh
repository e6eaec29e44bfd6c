#!/usr/bin/env bash
# CI smoke load for raster-service: builds it in release, posts the load-test mix (valid
# and hostile bodies) for 10 s over 16 connections on 127.0.0.1, and fails on any wrong
# response, unmatched or lost connection, crash, unclean stop on SIGTERM, or sampled
# response that does not decode to the asked size.
#
#   bash Benchmarks/service/smoke.sh [--duration S] [--connections N]
set -euo pipefail
source "$(dirname "$0")/loadtest/common.sh"

DURATION=10
CONNECTIONS=16
BUDGET_MB=256
while (($#)); do
    case $1 in
        --duration) DURATION=$2; shift 2 ;;
        --connections) CONNECTIONS=$2; shift 2 ;;
        *) echo "usage: $0 [--duration S] [--connections N]" >&2; exit 2 ;;
    esac
done
PORT=${RASTER_PORT:-18490}

install_deps wrk curl
build_raster
make_bodies
probe_capabilities "$PORT"
rm -rf "$WORK/results"
run_load raster "$PORT" "$CONNECTIONS" "$DURATION"
python3 "$LOADTEST_DIR/summarize.py" "$WORK/results/raster-c$CONNECTIONS" --strict
echo "smoke: passed"
