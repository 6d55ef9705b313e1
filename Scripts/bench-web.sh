#!/usr/bin/env bash
# Issue 13 item 6: load on `loopledger serve` with wrk, on loopback. A benchmark, not a test.
#
#   Scripts/bench-web.sh [RELEASE_BINARY]     (default: .build/release/loopledger)
#
# Serves a temporary store made from 'public-2025' and runs, one after the other, for DURATION:
#   GET  /api/v1/loops              (goal: ≥ 5,000 req/s, no errors)
#   GET  /                          (the overview page; goal: p99 < 50 ms)
#   POST /api/v1/stress             (a small scenario: OpenAI stops paying Microsoft)
# printing requests/s, p50/p99 latency and errors (socket errors, non-2xx answers); then a soak of
# SOAK against /api/v1/loops, sampling the server's resident memory (VmRSS) every SAMPLE seconds,
# printing first/last/min/max and whether it stayed within ±10 % of the first sample.
#
# Needs: wrk (Debian: apt-get install -y wrk). Environment: DURATION (default 30s), SOAK (default
# 5m; 0 skips it), SAMPLE (default 10), THREADS (default 2), CONNECTIONS (default 64), LEDGER
# (default public-2025), QUIET=1 (serve --quiet: no access log; by default the server logs every
# request, to a file, as it does when run), VERBOSE=1 (wrk's whole output). Durations as wrk takes them: 30s, 2m, …. Build the binary with
# `swift build -c release --product loopledger` first, and run on a machine that is otherwise quiet.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${1:-.build/release/loopledger}"
if [ ! -x "$BIN" ]; then
  echo "bench-web: no loopledger binary at '$BIN' (swift build -c release --product loopledger)" >&2
  exit 2
fi
BIN="$(realpath "$BIN")"
command -v wrk > /dev/null || { echo "bench-web: wrk not found: apt-get install -y wrk" >&2; exit 1; }
DURATION="${DURATION:-30s}"
SOAK="${SOAK:-5m}"
SAMPLE="${SAMPLE:-10}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
LEDGER="${LEDGER:-public-2025}"

seconds() { # 30s, 5m, 1h, 90 → seconds
  case "$1" in
    *s) echo "${1%s}" ;; *m) echo $((${1%m} * 60)) ;; *h) echo $((${1%h} * 3600)) ;; *) echo "$1" ;;
  esac
}

source Scripts/serve-fixture.sh
serve_workdir bench-web
db="$work/ledger.sqlite"
"$BIN" db init --db "$db" --from "$LEDGER" > /dev/null
# As `loopledger serve` runs by default: with its access log (to a file); QUIET=1 adds --quiet.
serve=("$BIN" serve --port 0 --db "$db")
if [ "${QUIET:-0}" = 1 ]; then serve+=(--quiet); fi
serve_start bench-web "${serve[@]}"

# The stress POST; a response other than 2xx counts as an error in wrk's summary.
cat > "$work/stress.lua" << 'EOF'
wrk.method = "POST"
wrk.body = '{"shocks":[{"stopLink":"openai:microsoft","fraction":1}]}'
wrk.headers["Content-Type"] = "application/json"
EOF
# Each request must answer 2xx once before the run, or the figures mean nothing.
check() { # method path [body]
  local status
  if [ "$1" = POST ]; then
    status="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data "$3" "$base$2")"
  else
    status="$(curl -s -o /dev/null -w '%{http_code}' "$base$2")"
  fi
  case "$status" in 2??) ;; *) echo "bench-web: $1 $2 answers $status" >&2; exit 1 ;; esac
}
check GET /api/v1/loops
check GET /
check POST /api/v1/stress '{"shocks":[{"stopLink":"openai:microsoft","fraction":1}]}'

echo "bench-web: $("$BIN" --version 2>/dev/null || echo loopledger) at $base, ledger $LEDGER, access log $([ "${QUIET:-0}" = 1 ] && echo off || echo on); wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency; $(nproc) CPUs"
summary() { # label wrk-output
  awk -v label="$1" '
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = $2 }
    /^ +99%/ { p99 = $2 }
    /requests in/ { total = $1 }
    /Socket errors:/ { sub(/.*Socket errors: /, ""); socket = $0 }
    /Non-2xx or 3xx responses:/ { non2xx = $NF }
    END {
      printf "%-22s %10s req/s   p50 %-9s p99 %-9s requests %-9s non-2xx/3xx %-6s socket errors: %s\n",
        label, rps, p50, p99, total, (non2xx == "" ? 0 : non2xx), (socket == "" ? "none" : socket)
    }' "$2"
}
run() { # label wrk-arguments…
  local label="$1" file
  shift
  file="$work/run-$(echo "$label" | tr -c 'A-Za-z0-9\n' '_').txt"
  echo "+ wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout 10s --latency $*" >&2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$@" > "$file"
  summary "$label" "$file"
}
run "GET /api/v1/loops" "$base/api/v1/loops"
run "GET / (overview)" "$base/"
run "POST /api/v1/stress" -s "$work/stress.lua" "$base/api/v1/stress"
if [ "${VERBOSE:-0}" = 1 ]; then cat "$work"/run-*.txt; fi

# -- the soak: resident memory over a long run --------------------------------------------------
soak_seconds="$(seconds "$SOAK")"
[ "$soak_seconds" -gt 0 ] || exit 0
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$server_pid/status"; }
echo "+ wrk -t$THREADS -c$CONNECTIONS -d$SOAK --latency $base/api/v1/loops (VmRSS every ${SAMPLE}s)" >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$SOAK" --timeout 10s --latency "$base/api/v1/loops" > "$work/soak.txt" &
wrk_pid=$!
samples=()
sleep 1
end=$(($(date +%s) + soak_seconds))
while kill -0 "$wrk_pid" 2>/dev/null; do
  samples+=("$(rss)")
  [ "$(date +%s)" -lt "$end" ] || break
  sleep "$SAMPLE"
done
wait "$wrk_pid"
samples+=("$(rss)")
summary "soak GET /api/v1/loops" "$work/soak.txt"
printf '%s\n' "${samples[@]}" | awk -v every="$SAMPLE" '
  NR == 1 { first = $1; min = $1; max = $1 }
  { last = $1; if ($1 < min) min = $1; if ($1 > max) max = $1; all = all " " int($1 / 1024 + 0.5) }
  END {
    within = (max <= first * 1.1 && min >= first * 0.9) ? "yes" : "NO"
    printf "VmRSS (MiB, every %ss):%s\n", every, all
    printf "VmRSS first %.1f MiB, last %.1f MiB, min %.1f MiB, max %.1f MiB; within ±10%% of the first: %s (last/first %.3f)\n",
      first / 1024, last / 1024, min / 1024, max / 1024, within, last / first
  }'
