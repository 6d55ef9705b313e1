#!/usr/bin/env bash
# Create Benchmarks/.venv (git-ignored) with the pinned peer libraries; safe to run again.
# usage: bash Benchmarks/peers/setup.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$(cd "$HERE/.." && pwd)/.venv"
PYTHON="${PYTHON:-python3}"

# Newest releases installable on CPython 3.11 (networkx 3.7 needs Python >= 3.12).
PINS=(
  "numpy==2.4.6"
  "scipy==1.17.1"
  "networkx==3.6.1"
  "igraph==1.0.0"
  "psutil==7.2.2"
  "pyarrow==26.0.1"
)

if [ ! -x "$VENV/bin/python" ]; then
  echo "creating virtualenv $VENV"
  "$PYTHON" -m venv "$VENV"
fi

if ! "$VENV/bin/python" - "${PINS[@]}" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version, PackageNotFoundError
for pin in sys.argv[1:]:
    name, want = pin.split("==")
    try:
        if version(name) != want:
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
PY
then
  echo "installing ${PINS[*]}"
  "$VENV/bin/python" -m pip install --disable-pip-version-check -q "${PINS[@]}"
fi

"$VENV/bin/python" - <<'PY'
import sys
import numpy, scipy, networkx, igraph, psutil, pyarrow
print(f"python {sys.version.split()[0]}")
for m in (numpy, scipy, networkx, igraph, psutil, pyarrow):
    print(f"{m.__name__} {m.__version__}")
PY
