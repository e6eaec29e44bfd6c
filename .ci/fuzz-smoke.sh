#!/usr/bin/env bash
# Fuzz smoke for CI (called from .ci/run): builds the libFuzzer targets, replays every committed
# regression input (Tests/Fuzz/regressions/TARGET/*), then fuzzes each target briefly from the
# fixture seeds. Fails on any crash, sanitizer report, timeout (>10 s per input) or OOM.
# Budget: about 3-4 minutes to build on 2 cores, then FUZZ_SECONDS (default 45) per target.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash Tests/Fuzz/fuzz.sh smoke "${FUZZ_SECONDS:-45}"
echo "== fuzz smoke passed in $(( $(date +%s) - start )) s"
