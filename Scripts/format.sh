#!/usr/bin/env bash
# Formats every Swift file in place with the repository's .swift-format, then lints strictly.
#     Scripts/format.sh          format, then lint (what a developer runs before committing)
#     Scripts/format.sh --check  lint only: fail when a file is not formatted (what .ci/run runs)
set -euo pipefail
cd "$(dirname "$0")/.."
# Generated files (the embedded ledgers and Spark job) are written by their scripts, not by hand.
files() { git ls-files -z '*.swift' ':!:Sources/LoopLedger/Codec/BundledLedger+Embedded.swift' ':!:Sources/LoopLedgerApp/SparkJob+Source.swift'; }
if [[ "${1:-}" != "--check" ]]; then
  files | xargs -0 swift format format --parallel --in-place
fi
files | xargs -0 swift format lint --strict --parallel
