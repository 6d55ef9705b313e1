#!/usr/bin/env bash
# The Spark job against the Swift CLI, then a small standalone cluster against local mode.
#
#   bash Spark/check.sh            (from the repository root or anywhere; CI: see docs/spark.md)
#
# 1. Installs pyspark (and NumPy for Benchmarks/generate.py) into Spark/.venv when missing.
# 2. Generates the benchmark graphs heavy-1e3 (10^4 edges) and heavy-1e4 (10^5 edges) into
#    Spark/data/, and the hand-made edge cases of Spark/check_cases.py into a temporary directory.
# 3. Runs the Swift CLI ($LOOPLEDGER_BIN, default .build/debug/loopledger) and the Spark job in
#    local mode (one Spark session for all runs) on the same files, and compares them key by key:
#    cycle counts exactly, circular share and clearing totals to 1e-9 relative, DebtRank to 1e-9.
# 4. Starts a Spark standalone master and two one-core workers on 127.0.0.1, runs a subset of the
#    runs across them, checks the results equal the local-mode results, and stops them (also on
#    any exit, by a trap, by process id).
# Ends with `N passed, M failed`; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export LC_ALL=C.UTF-8

PYSPARK_VERSION=4.0.1
NUMPY_VERSION=2.4.6
VENV="$ROOT/Spark/.venv"
BIN="${LOOPLEDGER_BIN:-.build/debug/loopledger}"
JOB="$ROOT/Spark/loopledger_spark.py"
CASES="$ROOT/Spark/check_cases.py"
T0=$(date +%s)
say() { printf '[check %4ds] %s\n' $(( $(date +%s) - T0 )) "$*"; }

if [[ ! -x "$BIN" ]]; then
  echo "check.sh: the loopledger binary '$BIN' is missing; build it or set LOOPLEDGER_BIN" >&2
  exit 2
fi
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
command -v java >/dev/null || { echo "check.sh: java (17 or later) is not on PATH" >&2; exit 2; }

# --- 1. the virtual environment ----------------------------------------------------------------
if ! "$VENV/bin/python" -c "import pyspark, numpy, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  say "installing pyspark $PYSPARK_VERSION and numpy $NUMPY_VERSION into Spark/.venv"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION" "numpy==$NUMPY_VERSION"
fi
PY="$VENV/bin/python"
SPARK_HOME=$("$PY" -c "import os, pyspark; print(os.path.dirname(pyspark.__file__))")
export SPARK_HOME
export PYSPARK_PYTHON="$PY" PYSPARK_DRIVER_PYTHON="$PY"
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=localhost   # loopback only, everywhere
SUBMIT="$SPARK_HOME/bin/spark-submit"
# Short-lived JVMs on small data: the C1 compiler alone starts faster.
JAVA_OPTS="-XX:TieredStopAtLevel=1"

# --- 2. data -------------------------------------------------------------------------------------
mkdir -p Spark/data
for preset in heavy-1e3 heavy-1e4; do
  if [[ ! -s "Spark/data/$preset.csv" ]]; then
    say "generating $preset"
    "$PY" Benchmarks/generate.py preset "$preset" -o "Spark/data/$preset.csv"
  fi
done
WORK=$(mktemp -d "${TMPDIR:-/tmp}/loopledger-spark-check.XXXXXX")
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 20); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [[ $alive == 0 ]] && break
    sleep 0.5
  done
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT INT TERM
mkdir -p "$WORK/cases" "$WORK/swift" "$WORK/local" "$WORK/cluster"
"$PY" "$CASES" cases "$WORK/cases"
ln -s "$ROOT/Spark/data/heavy-1e3.csv" "$ROOT/Spark/data/heavy-1e4.csv" "$WORK/cases/"

# --- 3. Swift CLI and Spark local mode -------------------------------------------------------------
"$PY" "$CASES" runs "$WORK/cases" > "$WORK/runs.tsv"
NAMES=()
: > "$WORK/local.tsv"
while IFS=$'\t' read -r name words; do
  NAMES+=("$name")
  # shellcheck disable=SC2086
  set +e; "$BIN" ${words/ --node-keys dense/} --format json > "$WORK/swift/$name.json" 2> "$WORK/swift/$name.err"; echo $? > "$WORK/swift/$name.json.status"; set -e
  printf '%s\t%s --format json\n' "$WORK/local/$name.json" "$words" >> "$WORK/local.tsv"
done < "$WORK/runs.tsv"
# the same graph from Parquet
printf '%s\t__to-parquet %s %s\n' "$WORK/local/to-parquet" "$WORK/cases/duplicates.csv" "$WORK/cases/duplicates.parquet" >> "$WORK/local.tsv"
printf '%s\tanalyze %s --only cycles hodge --format json\n' "$WORK/local/duplicates-parquet.analyze.json" "$WORK/cases/duplicates.parquet" >> "$WORK/local.tsv"
printf '%s\tdebtrank %s --format json\n' "$WORK/local/duplicates-parquet.debtrank.json" "$WORK/cases/duplicates.parquet" >> "$WORK/local.tsv"
say "Swift CLI: ${#NAMES[@]} runs done; Spark local mode: $(wc -l < "$WORK/local.tsv") runs in one session"
set +e
"$SUBMIT" --master 'local[2]' --driver-memory 2g --driver-java-options "$JAVA_OPTS" \
  "$JOB" batch "$WORK/local.tsv" > "$WORK/local.log" 2>&1
set -e
PASSED=0
FAILED=0
tally() {  # the last line of a comparison is "passed failed"
  local out last
  out=$("$PY" "$CASES" "$@")
  echo "$out" | sed '$d'
  last=$(echo "$out" | tail -n 1)
  PASSED=$(( PASSED + ${last% *} ))
  FAILED=$(( FAILED + ${last#* } ))
}
say "Spark local mode against the Swift CLI"
tally compare-swift "$WORK/swift" "$WORK/local" "${NAMES[@]}" \
  duplicates.analyze=duplicates-parquet.analyze duplicates.debtrank=duplicates-parquet.debtrank
if [[ $FAILED != 0 ]]; then
  grep -E "Error|Traceback|Exception" "$WORK/local.log" | head -n 20 || true
fi

# --- 4. a standalone cluster on loopback ----------------------------------------------------------
free_port() { "$PY" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()"; }
wait_for() {  # wait_for FILE PATTERN SECONDS
  for _ in $(seq 1 $(( $3 * 2 ))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.5; done
  echo "check.sh: timed out waiting for '$2' in $1" >&2; tail -n 20 "$1" >&2; return 1
}
MASTER_PORT=$(free_port)
MASTER_UI=$(free_port)
say "starting a standalone master on 127.0.0.1:$MASTER_PORT and two workers"
export SPARK_LOG_DIR="$WORK/logs" SPARK_WORKER_DIR="$WORK/worker"
mkdir -p "$SPARK_LOG_DIR" "$SPARK_WORKER_DIR"
"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$MASTER_UI" > "$WORK/master.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/master.log" "I have been elected leader" 90
for k in 1 2; do
  "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --webui-port "$(free_port)" --cores 1 --memory 1536m \
    --work-dir "$WORK/worker/$k" "spark://127.0.0.1:$MASTER_PORT" > "$WORK/worker$k.log" 2>&1 &
  PIDS+=($!)
done
wait_for "$WORK/worker1.log" "Successfully registered with master" 90
wait_for "$WORK/worker2.log" "Successfully registered with master" 90
CLUSTER_NAMES=(two-cycle.clear messy.analyze disconnected.analyze duplicates.clear
               heavy-1e3.analyze heavy-1e3.debtrank)
: > "$WORK/cluster.tsv"
for name in "${CLUSTER_NAMES[@]}"; do
  words=$(awk -F '\t' -v n="$name" '$1 == n { print $2 }' "$WORK/runs.tsv")
  printf '%s\t%s --format json\n' "$WORK/cluster/$name.json" "$words" >> "$WORK/cluster.tsv"
done
say "Spark standalone cluster: ${#CLUSTER_NAMES[@]} runs"
set +e
"$SUBMIT" --master "spark://127.0.0.1:$MASTER_PORT" \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --conf spark.ui.enabled=false --conf spark.executor.memory=1g --conf spark.cores.max=2 \
  --conf spark.sql.shuffle.partitions=2 \
  --driver-memory 1g --driver-java-options "$JAVA_OPTS" --conf "spark.executor.extraJavaOptions=$JAVA_OPTS" \
  "$JOB" batch "$WORK/cluster.tsv" > "$WORK/cluster.log" 2>&1
set -e
EXECUTORS=$(grep -h "Launching executor\|Asked to launch executor" "$WORK"/worker*.log | wc -l)
say "cluster mode against local mode ($EXECUTORS executors were launched by the workers)"
if [[ $EXECUTORS -lt 2 ]]; then
  echo "FAIL cluster: the two workers did not both run an executor"; FAILED=$(( FAILED + 1 ))
else
  PASSED=$(( PASSED + 1 )); echo "ok   cluster: two workers ran executors"
fi
tally compare-spark "$WORK/local" "$WORK/cluster" "${CLUSTER_NAMES[@]}"
if grep -q '"master" : "spark://127.0.0.1' "$WORK/cluster/heavy-1e3.analyze.json" 2>/dev/null; then
  PASSED=$(( PASSED + 1 )); echo "ok   cluster: the job ran on spark://127.0.0.1"
else
  FAILED=$(( FAILED + 1 )); echo "FAIL cluster: the job did not report the standalone master"
  grep -E "Error|Traceback|Exception" "$WORK/cluster.log" | head -n 20 || true
fi
say "done"
echo "$PASSED passed, $FAILED failed"
[[ $FAILED == 0 ]]
