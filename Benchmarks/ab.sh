#!/usr/bin/env bash
# Runs the data-hub, board and analysis benchmarks for two release binaries, alternating (before, after, before,
# after …) so that both meet the same machine, and keeps every script's output in $OUT (default /tmp/mokmin-ab).
#
#   BEFORE=/path/to/old/mokmin BEFORE_COMMIT=abc1234 AFTER=/path/to/new/mokmin AFTER_COMMIT=def5678 \
#     ROUNDS=2 bash Benchmarks/ab.sh
#
# Each round runs, per binary: import.sh (RUNS=3), datastore.sh, catalog.sh, board/ingest.sh 10 10000,
# board/fanout.sh 1000 30 and analyses/run.sh. The 1,000,000-row input is generated once and shared ($OUT/work).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
: "${BEFORE:?the binary to compare against}" "${AFTER:?the binary under test}"
OUT=${OUT:-/tmp/mokmin-ab}
ROUNDS=${ROUNDS:-1}
mkdir -p "$OUT/work"
for round in $(seq 1 "$ROUNDS"); do
  for variant in before after; do
    if [[ $variant == before ]]; then bin=$BEFORE; commit=${BEFORE_COMMIT:-before}; else bin=$AFTER; commit=${AFTER_COMMIT:-after}; fi
    log="$OUT/$variant-$round.log"
    : >"$log"
    run() { echo "=== $* ($variant, round $round, load $(cut -d' ' -f1 /proc/loadavg))" >>"$log"; MOKMIN=$bin MOKMIN_COMMIT=$commit "$@" >>"$log" 2>&1 || echo "FAILED: $*" >>"$log"; }
    run env MOKMIN_BENCH_WORK="$OUT/work" RUNS=3 bash "$ROOT/Benchmarks/datahub/import.sh"
    run env MOKMIN_BENCH_WORK="$OUT/work" bash "$ROOT/Benchmarks/datahub/datastore.sh"
    run env MOKMIN_BENCH_WORK="$OUT/work" bash "$ROOT/Benchmarks/datahub/catalog.sh"
    run bash "$ROOT/Benchmarks/board/ingest.sh" 10 10000
    run bash "$ROOT/Benchmarks/board/fanout.sh" 1000 30
    run bash "$ROOT/Benchmarks/analyses/run.sh"
    echo "$variant round $round done: $log"
  done
done
