#!/usr/bin/env bash
# Benchmark of `loopledger project`: 10^6 Monte Carlo paths × 10 years (2026–2035) on the bundled
# seed ledger, release build, whole-command wall time (process start, ledger load, simulation,
# quantiles, JSON output). Target: under 2 s on the 2-core machine with both cores.
#
#   Benchmarks/projection-bench.sh            # 3 repetitions of each configuration
#   REPS=5 Benchmarks/projection-bench.sh
#
# Also checks that --threads 1 and --threads 2 give byte-identical JSON, and shows that memory
# (max RSS) does not grow with the number of paths above the exact-quantile limit (10^5).
# Swift commands go through the shared build lock; results go to Benchmarks/results/ (ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${REPS:-3}
SCRATCH=${SCRATCH:-.build-project-release}
LOCK=${LOCK:-/tmp/loopledger-swift.lock}
flock "$LOCK" swift build -c release --scratch-path "$SCRATCH" --product loopledger >/dev/null
BIN="$SCRATCH/release/loopledger"
mkdir -p Benchmarks/results
OUT=Benchmarks/results/projection-$(date +%Y%m%d-%H%M%S).txt

run() {  # label, args…
  local label=$1; shift
  local times=() rss=0
  for _ in $(seq "$REPS"); do
    local line
    line=$( { /usr/bin/time -f "%e %M" "$BIN" project openai "$@" --format json >/tmp/projection-bench.json; } 2>&1 | tail -1)
    times+=("${line% *}")
    local r=${line#* }; (( r > rss )) && rss=$r
  done
  local sorted; sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
  printf '%-44s wall s (sorted): %s  max RSS %d MiB\n' "$label" "$sorted" $((rss / 1024)) | tee -a "$OUT"
}

{
  echo "loopledger project benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) (the cores are shared with other jobs)"
} | tee "$OUT"
run "1e6 paths × 10 y, 2 threads, no sensitivity" --paths 1000000 --no-sensitivity
run "1e6 paths × 10 y, 1 thread,  no sensitivity" --paths 1000000 --no-sensitivity --threads 1
run "1e6 paths × 10 y, 2 threads, + sensitivity" --paths 1000000
run "1e5 paths × 10 y, 2 threads (exact quantiles)" --paths 100000 --no-sensitivity
REPS=1 run "3e6 paths × 10 y, 2 threads, no sensitivity" --paths 3000000 --no-sensitivity

"$BIN" project openai --paths 1000000 --no-sensitivity --threads 1 --format json >/tmp/projection-bench-1.json
"$BIN" project openai --paths 1000000 --no-sensitivity --threads 2 --format json >/tmp/projection-bench-2.json
if cmp -s /tmp/projection-bench-1.json /tmp/projection-bench-2.json; then
  echo "threads 1 vs 2: identical JSON" | tee -a "$OUT"
else
  echo "threads 1 vs 2: JSON DIFFERS" | tee -a "$OUT"; exit 1
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
echo "written to $OUT"
