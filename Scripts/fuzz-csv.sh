#!/usr/bin/env bash
# Fuzz the CSV edge-list reader with libFuzzer.
#   Scripts/fuzz-csv.sh [RUNS]      (default 1000000 executions)
# Builds a release binary with the fuzzer sanitizer in .build-fuzz/, then runs it on the seed
# corpus in Fuzz/corpus/csv (new interesting inputs are added there; commit the useful ones).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1000000}"
export SWIFT_BACKTRACE=enable=no
LOOPLEDGER_FUZZ=1 swift build -c release --sanitize fuzzer --disable-dead-strip \
  --product FuzzCSV --scratch-path .build-fuzz
work="$(mktemp -d)"
cp Fuzz/corpus/csv/* "$work"/ 2>/dev/null || true
.build-fuzz/release/FuzzCSV -runs="$runs" -max_len=4096 -timeout=10 -print_final_stats=1 "$work" Fuzz/corpus/csv
rm -rf "$work"
