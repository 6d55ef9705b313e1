#!/usr/bin/env bash
# The store's scale benchmark (issue 12, item 8): a generated ledger of DEALS deals among COMPANIES
# companies (default 10^5 and 10^4), imported with `db init --from`, loaded for a report, and
# reported from the store and from the JSON file. Each figure is the median wall time of RUNS runs
# (default 3) of the release build.
#
#   Scripts/bench-store.sh [DEALS] [COMPANIES]
#
# Environment: RUNS; BENCH_DIR (default: a new temporary folder, removed afterwards);
# REPORT_ARGS, the report compared (default `--max-length 2 --limit 10`: the default report of
# this random graph lists loops of hundreds of steps and is ~100 s of analysis for either source,
# which would hide the loading); SKIP_BUILD=1 to use the existing .build/release/loopledger.
# The build goes through `flock /tmp/swift-build.lock` (the machine is shared); the load average
# is printed next to the figures.
set -euo pipefail

deals=${1:-100000}
companies=${2:-10000}
runs=${RUNS:-3}
report_args=${REPORT_ARGS:---max-length 2 --limit 10}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.build/release/loopledger"

if [[ -z "${BENCH_DIR:-}" ]]; then
  dir=$(mktemp -d "${TMPDIR:-/tmp}/loopledger-bench.XXXXXX")
  trap 'rm -rf "$dir"' EXIT
else
  dir=$BENCH_DIR
  mkdir -p "$dir"
fi

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "building (release)…" >&2
  (cd "$root" && SWIFT_BACKTRACE=enable=no flock /tmp/swift-build.lock swift build -c release --product loopledger >&2)
fi

echo "generating $deals deals among $companies companies…" >&2
python3 "$root/Scripts/generate-ledger.py" "$deals" "$companies" > "$dir/big.json"

# Wall seconds of one run of the command (its output discarded).
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] }'; }

init_times=()
for ((i = 0; i < runs; i++)); do
  rm -f "$dir/big.sqlite" "$dir/big.sqlite-wal" "$dir/big.sqlite-shm"
  init_times+=("$(seconds "$bin" db init --db "$dir/big.sqlite" --from "$dir/big.json")")
done

# A report that keeps no deal (the generator writes no warrants): loading the ledger, nearly alone.
load_db=() load_json=() report_db=() report_json=()
for ((i = 0; i < runs; i++)); do
  load_db+=("$(seconds "$bin" report --ledger db --db "$dir/big.sqlite" --kind warrant)")
  load_json+=("$(seconds "$bin" report --ledger "$dir/big.json" --kind warrant)")
  # shellcheck disable=SC2086
  report_db+=("$(seconds "$bin" report --ledger db --db "$dir/big.sqlite" $report_args)")
  # shellcheck disable=SC2086
  report_json+=("$(seconds "$bin" report --ledger "$dir/big.json" $report_args)")
done

# shellcheck disable=SC2086
if ! cmp -s <("$bin" report --ledger db --db "$dir/big.sqlite" $report_args 2> /dev/null) \
  <("$bin" report --ledger "$dir/big.json" $report_args 2> /dev/null); then
  echo "warning: the two reports differ" >&2
fi

m_init=$(median "${init_times[@]}")
m_load_db=$(median "${load_db[@]}")
m_load_json=$(median "${load_json[@]}")
m_report_db=$(median "${report_db[@]}")
m_report_json=$(median "${report_json[@]}")
ratio=$(printf '%.2f' "$(echo "$m_report_db / $m_report_json" | bc -l)")

echo
echo "LoopLedger store benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ledger: $deals deals, $companies companies ($(du -h "$dir/big.json" | cut -f1) JSON, $(du -h "$dir/big.sqlite" | cut -f1) store); median of $runs runs"
echo
printf '%-52s %10s %8s\n' "step" "seconds" "goal"
printf '%-52s %10s %8s\n' "db init --from big.json" "$m_init" "≤ 5"
printf '%-52s %10s %8s\n' "load for a report (report --kind warrant), store" "$m_load_db" "≤ 1"
printf '%-52s %10s %8s\n' "load for a report (report --kind warrant), JSON" "$m_load_json" ""
printf '%-52s %10s %8s\n' "report $report_args, store" "$m_report_db" ""
printf '%-52s %10s %8s\n' "report $report_args, JSON" "$m_report_json" ""
printf '%-52s %10s %8s\n' "ratio store / JSON" "$ratio" "≤ 1.5"
echo
echo "runs: init ${init_times[*]}; load store ${load_db[*]}; load JSON ${load_json[*]}; report store ${report_db[*]}; report JSON ${report_json[*]}"
