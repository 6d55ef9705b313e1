#!/usr/bin/env bash
# Writes the output of every subcommand on the bundled ledgers and small fixtures into a folder,
# so that a refactor can be checked byte for byte:
#     Scripts/output-snapshot.sh .build/debug/loopledger /tmp/before
#     … change the code, rebuild …
#     Scripts/output-snapshot.sh .build/debug/loopledger /tmp/after && diff -r /tmp/before /tmp/after
# Timings (the only outputs that change from run to run) are removed from bulk results.
set -uo pipefail
bin=${1:?usage: output-snapshot.sh LOOPLEDGER OUTDIR}
out=${2:?usage: output-snapshot.sh LOOPLEDGER OUTDIR}
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import random, sys
random.seed(7)
with open(sys.argv[1] + "/bulk.csv", "w") as f:
    f.write("source,target,amount\n")
    for _ in range(3000):
        a, b = random.randrange(300), random.randrange(300)
        f.write(f"n{a},n{b},{random.randint(1, 10**6) / 100}\n")
with open(sys.argv[1] + "/assets.csv", "w") as f:
    f.write("id,amount\n")
    for i in range(0, 300, 3):
        f.write(f"n{i},{i * 1000}\n")
PY
article="$root/Tests/LoopLedgerNewsTests/Fixtures/articles/seed.txt"
n=0
run() { # name, then the arguments
  local name=$1; shift
  n=$((n + 1))
  "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err"
  echo $? >"$out/$name.status"
}
strip_timings() { python3 - "$1" <<'PY'
import json, re, sys
path = sys.argv[1]
text = open(path).read()
try:
    data = json.loads(text)
    data.pop("timings", None)
    open(path, "w").write(json.dumps(data, indent=1, sort_keys=True))
except ValueError:
    open(path, "w").write(re.sub(r"(?m)^Timings \(s\):.*$", "Timings (s): …", text))
PY
}
for ledger in seed public-2025; do
  for lang in en zh-Hant zh-Hans; do
    for format in text markdown json; do
      run "report-$ledger-$lang-$format" report --ledger $ledger --lang $lang --format $format
      run "stress-$ledger-$lang-$format" stress --ledger $ledger --scenario nvidia-stops --lang $lang --format $format
      run "project-$ledger-$lang-$format" project openai --ledger $ledger --paths 2000 --sensitivity-paths 500 --lang $lang --format $format
    done
    run "report-$ledger-$lang-html" report --ledger $ledger --lang $lang --html "$out/report-$ledger-$lang.html"
    for picture in loops sankey shares fan cascade; do
      run "draw-$picture-$ledger-$lang" draw $picture --ledger $ledger --lang $lang --paths 2000
    done
    run "sweep-$ledger-$lang" stress --ledger $ledger --sweep --lang $lang
    run "sweep-$ledger-$lang-json" stress --ledger $ledger --sweep --lang $lang --format json
  done
  for format in text markdown json; do
    run "loops-$ledger-$format" loops --ledger $ledger --format $format
  done
  run "loops-$ledger-zh" loops --ledger $ledger --lang zh-Hant --max-length 2
  run "validate-$ledger" validate $ledger
  for scenario in amazon-talks-fail openai-revenue-stalls investors-demand-returns; do
    run "stress-$ledger-$scenario" stress --ledger $ledger --scenario $scenario
  done
  run "stress-$ledger-cli" stress --ledger $ledger --stop nvidia:openai=0.5 --default anthropic --resources openai=20B --revenue openai=-0.3 --demand-returns 0.1
  run "project-$ledger-fan" project openai --ledger $ledger --paths 2000 --no-sensitivity --fan-data "$out/fan-$ledger.json"
  run "project-$ledger-scenario" project openai --ledger $ledger --write-scenario "$out/scenario-$ledger.json"
done
run "report-assume" report --assume openai-oracle-compute-2025=300B --ledger public-2025
run "report-external" report --external amazon=600B --format json
run "report-filters" report --status announced closed --kind equity_investment --from 2025 --to 2025-12
run "report-unit" report --level unit --company openai
run "validate-bad" validate "$root/Tests/LoopLedgerTests/Fixtures/bad-ledger.json"
run "validate-missing" validate no-such-ledger
for format in json text ledger; do
  run "extract-$format" extract "$article" --date 2025-12-17 --format $format
done
run "extract-eval" extract --eval "$root/Tests/LoopLedgerNewsTests/Fixtures/truth/seed-truth.json" "$root/Tests/LoopLedgerNewsTests/Fixtures/articles"
run "extract-heldout" extract --eval "$root/Tests/LoopLedgerNewsTests/Fixtures/heldout/heldout-truth.json" "$root/Tests/LoopLedgerNewsTests/Fixtures/heldout"
for format in text json; do
  run "analyze-$format" analyze "$work/bulk.csv" --format $format --threads 1 --limit 5
  run "clear-$format" clear "$work/bulk.csv" --format $format --threads 1
  run "clear-assets-$format" clear "$work/bulk.csv" --external-assets "$work/assets.csv" --format $format --threads 1
  run "debtrank-$format" debtrank "$work/bulk.csv" --format $format --shock 5
  strip_timings "$out/analyze-$format.out"; strip_timings "$out/clear-$format.out"
  strip_timings "$out/clear-assets-$format.out"; strip_timings "$out/debtrank-$format.out"
done
run "analyze-nodes" analyze "$work/bulk.csv" --only hodge --nodes "$out/nodes.csv" --format json --threads 1
strip_timings "$out/analyze-nodes.out"
run "draw-fan-data" draw fan --data "$root/docs/examples/fan.json"
run "draw-cascade-data" draw cascade --data "$root/docs/examples/cascade.json"
# Paths that vary with the temporary folder are written as WORK.
grep -rl "$work" "$out" 2>/dev/null | xargs -r sed -i "s#$work#WORK#g"
echo "$n runs written to $out"
