#!/usr/bin/env bash
# Issue 13: the JSON API against its own OpenAPI 3.1 document, on a running server.
#
#   Scripts/api-check.sh [BINARY]        (default: .build/debug/loopledger)
#
# 1. Makes (or reuses) Web/.venv with the pinned openapi-spec-validator and schemathesis
#    (Web/requirements.txt; needs python3-venv and PyPI, nothing else from the network).
# 2. Starts `BINARY serve --port 0` on a temporary store made from the 'seed' ledger (and six
#    review candidates from a test article), with a random
#    32-character LOOPLEDGER_TOKEN and XDG_DATA_HOME in a temporary folder, and reads the port from
#    the start line on stderr.
# 3. Validates /api/v1/openapi.json with openapi-spec-validator (OpenAPI 3.1).
# 4. Runs schemathesis against every operation, with the bearer token so that writes are exercised
#    too. Checks: no 5xx (not_a_server_error), every response matches the documented schema
#    (response_schema_conformance), its status code is documented (status_code_conformance), its
#    Content-Type is the documented one (content_type_conformance). Web/schemathesis.toml mixes the
#    ledger's ids into the generated strings, so that requests get past "no such company".
# 5. Stops the server with SIGTERM and requires it to exit 0.
#
# Exits non-zero on any failure. Environment: EXAMPLES (most test cases per operation and phase,
# default 25), WORKERS (schemathesis workers, default 2), SEED (hypothesis seed, default 1: the
# same cases every run; SEED=random for a new draw), MAX_TIME (seconds, default 120: a budget for
# the whole schemathesis run), VENV (default Web/.venv), KEEP=1 keeps the temporary folder (server
# log, schemathesis reports) and prints where it is.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

BIN="${1:-.build/debug/loopledger}"
if [ ! -x "$BIN" ]; then
  echo "api-check: no loopledger binary at '$BIN' (swift build --product loopledger)" >&2
  exit 2
fi
BIN="$(realpath "$BIN")"
EXAMPLES="${EXAMPLES:-25}"
WORKERS="${WORKERS:-2}"
SEED="${SEED:-1}"
MAX_TIME="${MAX_TIME:-120}"
VENV="${VENV:-$ROOT/Web/.venv}"
started=$(date +%s)

# -- the tools ---------------------------------------------------------------------------------
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/Web/requirements.txt"

# -- the server ----------------------------------------------------------------------------------
source "$ROOT/Scripts/serve-fixture.sh"
serve_workdir api-check

token="$("$VENV/bin/python" -c 'import secrets; print(secrets.token_hex(16))')"  # 32 characters
db="$work/ledger.sqlite"
"$BIN" db init --db "$db" --from seed > /dev/null
# Six candidates in the review queue (ids 1–6), so that accept, reject and merge have something.
"$BIN" extract --format json Tests/LoopLedgerNewsTests/Fixtures/articles/en-amd-openai.txt \
  > "$work/candidates.json"
"$BIN" db import --db "$db" "$work/candidates.json" > /dev/null
serve_start api-check env LOOPLEDGER_TOKEN="$token" "$BIN" serve --port 0 --db "$db"
echo "api-check: server $server_pid at $base ($(head -n 1 "$work/server.log" | cut -c 1-160))"

# -- 1. the document -----------------------------------------------------------------------------
"$VENV/bin/python" - "$base/api/v1/openapi.json" "$work/openapi.json" << 'EOF'
import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=30) as response:
    assert response.status == 200, response.status
    kind = response.headers.get("Content-Type", "")
    assert kind.startswith("application/json"), f"Content-Type {kind!r}"
    document = json.load(response)
with open(sys.argv[2], "w") as out:
    json.dump(document, out, indent=1)
print(f"api-check: {sys.argv[1]}: OpenAPI {document.get('openapi')}, {len(document.get('paths', {}))} paths")
EOF
"$VENV/bin/openapi-spec-validator" --schema 3.1 --validation-errors all "$work/openapi.json"

# -- 2. schemathesis -------------------------------------------------------------------------------
seed_option=(--seed "$SEED")
[ "$SEED" = random ] && seed_option=()
status=0
(
  cd "$work"  # the hypothesis and report folders stay in the temporary folder
  NO_COLOR=1 "$VENV/bin/st" --config-file "$ROOT/Web/schemathesis.toml" run "$base/api/v1/openapi.json" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
    --header "Authorization: Bearer $token" \
    --max-examples "$EXAMPLES" \
    "${seed_option[@]}" \
    --workers "$WORKERS" \
    --max-time "$MAX_TIME" \
    --request-timeout 30 \
    --generation-database none \
    --suppress-health-check all \
    --output-sanitize true \
    --report junit --report-dir "$work/report" \
    --no-color
) || status=$?

# -- 3. a clean stop -------------------------------------------------------------------------------
kill -TERM "$server_pid"
server_status=0
wait "$server_pid" || server_status=$?
server_pid=""
if [ "$server_status" -ne 0 ]; then
  echo "api-check: the server exited with $server_status after SIGTERM; its log ends:" >&2
  tail -n 20 "$work/server.log" >&2
  status=1
fi
if grep -q -F "$token" "$work/server.log"; then
  echo "api-check: the server's log contains the token" >&2
  status=1
fi
if grep -E -q 'status=5[0-9][0-9]( |$)|unexpected error' "$work/server.log"; then
  echo "api-check: the server's log records server errors:" >&2
  grep -E 'status=5[0-9][0-9]( |$)|unexpected error' "$work/server.log" | head -n 20 >&2
  status=1
fi
echo "api-check: $([ "$status" -eq 0 ] && echo passed || echo FAILED) in $(($(date +%s) - started)) s"
exit "$status"
