#!/bin/bash
# Builds and runs the libFuzzer harnesses of LoopLedgerNews: the amount parser and the extractor.
#
#   Fuzz/fuzz-news.sh [RUNS] [SECONDS] [HARNESS…]   # defaults: 1000000 runs, at most 900 s each,
#                                                   # both harnesses (AmountParserFuzz ExtractorFuzz)
#   SANITIZERS=fuzzer Fuzz/fuzz-news.sh …            # without AddressSanitizer (about 3x faster)
#   MAX_LEN=1024 Fuzz/fuzz-news.sh …                 # longest input (default 4096 bytes)
#
# Builds with swiftc -sanitize=fuzzer,address (or $SANITIZERS). The machine is shared: every build and run holds
# /tmp/loopledger-swift.lock. Seeds come from Fuzz/corpus/<harness>; new inputs go to
# Fuzz/.build/corpus-<harness> (not committed). A crash leaves crash-* in Fuzz/.build.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-1000000}"
SECONDS_MAX="${2:-900}"
shift $(( $# > 2 ? 2 : $# ))
HARNESSES=("${@:-}")
if [ -z "${HARNESSES[0]}" ]; then HARNESSES=(AmountParserFuzz ExtractorFuzz); fi
SANITIZERS="${SANITIZERS:-fuzzer,address}"
MAX_LEN="${MAX_LEN:-4096}"
LOCK=/tmp/loopledger-swift.lock
OUT=Fuzz/.build
mkdir -p "$OUT"
FLAGS=(-swift-version 6 -O -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility)

build() {
  # LoopLedger (model and codecs), without fuzzer instrumentation.
  swiftc "${FLAGS[@]}" -parse-as-library -emit-library -static -module-name LoopLedger \
    -emit-module -emit-module-path "$OUT/LoopLedger.swiftmodule" \
    $(find Sources/LoopLedger -name '*.swift') Fuzz/Support/BundleStub.swift -o "$OUT/libLoopLedger.a"
  # LoopLedgerNews plus each harness, instrumented, as one module.
  for harness in AmountParserFuzz ExtractorFuzz; do
    swiftc "${FLAGS[@]}" -parse-as-library -sanitize="$SANITIZERS" -module-name LoopLedgerNews \
      -I "$OUT" -L "$OUT" -lLoopLedger \
      $(find Sources/LoopLedgerNews -name '*.swift') "Fuzz/$harness/main.swift" -o "$OUT/$harness"
  done
}

flock "$LOCK" bash -c "$(declare -f build); OUT=$OUT; SANITIZERS=$SANITIZERS; FLAGS=(${FLAGS[*]}); build"

for harness in "${HARNESSES[@]}"; do
  case "$harness" in
    AmountParserFuzz) seeds=Fuzz/corpus/amount ;;
    ExtractorFuzz) seeds=Fuzz/corpus/extract ;;
  esac
  work="$OUT/corpus-$harness"
  mkdir -p "$work"
  echo "== $harness ($SANITIZERS, max_len $MAX_LEN): up to $RUNS runs or $SECONDS_MAX s"
  (cd "$OUT" && flock "$LOCK" "./$harness" -runs="$RUNS" -max_total_time="$SECONDS_MAX" -max_len="$MAX_LEN" \
    -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 "corpus-$harness" "../../$seeds") 2>&1 \
    | grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|Done|ERROR|crash|BINGO|SUMMARY" || true
done
