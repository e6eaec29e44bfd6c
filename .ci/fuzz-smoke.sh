#!/usr/bin/env bash
# Fuzz smoke for CI (called from .ci/run): builds the libFuzzer targets (ASan, overflow checks
# and library asserts on), replays every committed regression input
# (Tests/Fuzz/regressions/TARGET/*), then runs each target for a fixed number of inputs from a
# fixed seed, starting from the committed seeds only (`Tests/Fuzz/fuzz.sh ci`): the same commit
# fuzzes the same inputs every time. Fails on any crash, sanitizer report, broken fuzz
# invariant, OOM or input slower than FUZZ_TIMEOUT (300 s of wall clock: a hang). Prints each target's executions,
# wall time, corpus size and slowest input.
# Budget: about 4 minutes to build on 2 idle cores, then about 30-45 s per target.
# For a timed, non-deterministic smoke: `bash Tests/Fuzz/fuzz.sh smoke SECONDS`.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash Tests/Fuzz/fuzz.sh ci
echo "== fuzz smoke passed in $(( $(date +%s) - start )) s"
