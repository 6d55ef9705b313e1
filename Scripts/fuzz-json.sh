#!/usr/bin/env bash
# Fuzz the JSON readers with libFuzzer: the ledger reader (LedgerFile), the projection scenario
# reader and the stress scenario reader, all on the one positioned JSON parser and JSONReader.
#
#   Scripts/fuzz-json.sh [RUNS] [HARNESS…]   # default 1000000 executions of each of
#                                            # FuzzLedgerJSON FuzzProjectionScenario FuzzStressScenario
#
# Builds release binaries with the fuzzer sanitizer in .build-fuzz/ (holding the shared build lock
# /tmp/swift-build.lock), then runs each harness, niced, on its seed corpus Fuzz/corpus/<harness>
# with the JSON dictionary Fuzz/json.dict. New inputs go to a temporary folder (not committed); a
# crash leaves crash-* in the current folder and fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1000000}"
shift $(( $# > 0 ? 1 : 0 ))
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then harnesses=(FuzzLedgerJSON FuzzProjectionScenario FuzzStressScenario); fi
export SWIFT_BACKTRACE=enable=no
for harness in "${harnesses[@]}"; do
  LOOPLEDGER_FUZZ=1 flock /tmp/swift-build.lock swift build -c release --sanitize fuzzer --disable-dead-strip \
    --product "$harness" --scratch-path .build-fuzz
done
for harness in "${harnesses[@]}"; do
  work="$(mktemp -d)"
  echo "== $harness: $runs runs"
  nice -n 10 ".build-fuzz/release/$harness" -runs="$runs" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -dict=Fuzz/json.dict -print_final_stats=1 "$work" "Fuzz/corpus/$harness" 2>&1 \
    | grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|Done|ERROR|SUMMARY|crash-|timeout-|oom-" || true
  rm -rf "$work"
  if ls crash-* timeout-* oom-* >/dev/null 2>&1; then echo "$harness found a failure"; exit 1; fi
done
