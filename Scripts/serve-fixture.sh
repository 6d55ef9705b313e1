# Sourced by the scripts that run `loopledger serve` against a temporary store (api-check.sh,
# bench-web.sh, screenshot-web.sh): one scratch folder removed on exit (KEEP=1 keeps it), one
# server stopped on exit, and its port read from its start line.
#
#   source Scripts/serve-fixture.sh
#   serve_workdir NAME            # sets $work (and $XDG_DATA_HOME inside it), traps cleanup
#   serve_start NAME CMD ARGS…    # runs CMD in the background, sets $server_pid, $port, $base

server_pid=""
serve_cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}

serve_workdir() { # name
  work="$(mktemp -d "${TMPDIR:-/tmp}/loopledger-$1.XXXXXX")"
  trap serve_cleanup EXIT
  unset LOOPLEDGER_DB LOOPLEDGER_TOKEN
  export XDG_DATA_HOME="$work/xdg"
  mkdir -p "$XDG_DATA_HOME"
}

serve_start() { # name command…
  local name=$1
  shift
  "$@" 2> "$work/server.log" &
  server_pid=$!
  port=""
  for _ in $(seq 1 300); do # up to 30 s
    port="$(grep -o -m1 'at http://127\.0\.0\.1:[0-9][0-9]*' "$work/server.log" | sed 's/.*://' || true)"
    [ -n "$port" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "$name: the server exited before it said where it listens:" >&2
      cat "$work/server.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  if [ -z "$port" ]; then
    echo "$name: no start line ('… at http://127.0.0.1:PORT …') on stderr within 30 s:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  base="http://127.0.0.1:$port"
}
