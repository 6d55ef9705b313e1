#!/usr/bin/env bash
# Formats every Swift file in place with the repository's .swift-format, then lints strictly.
#     Scripts/format.sh          format, then lint (what a developer runs before committing)
#     Scripts/format.sh --check  lint only: fail when a file is not formatted (what .ci/run runs)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" != "--check" ]]; then
  git ls-files -z '*.swift' | xargs -0 swift format format --parallel --in-place
fi
git ls-files -z '*.swift' | xargs -0 swift format lint --strict --parallel
