#!/usr/bin/env bash
# Renders the pictures and the HTML report of the bundled ledgers to PNG with headless Chromium,
# so that a person can look at them. CI does not run this.
#
#   Scripts/screenshot.sh [OUT_DIR]        (default: /tmp/loopledger-shots)
#
# Needs: chromium and fonts-noto-cjk (Debian: apt-get install -y chromium fonts-noto-cjk).
# Environment: LOOPLEDGER (a built loopledger binary; default: build one with swift build),
# SCRATCH (swift --scratch-path, default .build), LOCK (a flock file to serialise swift; optional).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-/tmp/loopledger-shots}"
mkdir -p "$OUT"
SCRATCH="${SCRATCH:-.build}"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM" ]; then
  echo "chromium not found: apt-get install -y chromium fonts-noto-cjk" >&2
  exit 1
fi
if [ -z "${LOOPLEDGER:-}" ]; then
  if [ -n "${LOCK:-}" ]; then
    flock "$LOCK" swift build --scratch-path "$SCRATCH" --product loopledger >&2
  else
    swift build --scratch-path "$SCRATCH" --product loopledger >&2
  fi
  LOOPLEDGER="$SCRATCH/debug/loopledger"
fi

# The SVGs and the HTML reports.
"$LOOPLEDGER" draw loops --svg "$OUT/loops.svg"
"$LOOPLEDGER" draw loops --lang zh-Hant --svg "$OUT/loops-zh-Hant.svg"
"$LOOPLEDGER" draw loops --highlight 2 --svg "$OUT/loops-highlight-2.svg"
"$LOOPLEDGER" draw loops --ledger public-2025 --svg "$OUT/loops-public-2025.svg"
"$LOOPLEDGER" draw loops --ledger public-2025 --layout force --svg "$OUT/loops-public-2025-force.svg"
"$LOOPLEDGER" draw sankey --svg "$OUT/sankey.svg"
"$LOOPLEDGER" draw sankey --ledger public-2025 --svg "$OUT/sankey-public-2025.svg"
"$LOOPLEDGER" draw shares --svg "$OUT/shares.svg"
"$LOOPLEDGER" draw shares --lang zh-Hant --svg "$OUT/shares-zh-Hant.svg"
"$LOOPLEDGER" draw fan --data docs/examples/fan.json --svg "$OUT/fan.svg"
"$LOOPLEDGER" draw cascade --data docs/examples/cascade.json --svg "$OUT/cascade.svg"
"$LOOPLEDGER" report --html "$OUT/report.html"
"$LOOPLEDGER" report --html "$OUT/report-zh-Hant.html" --lang zh-Hant
"$LOOPLEDGER" report --html "$OUT/report-public-2025.html" --ledger public-2025

shot() { # file width height png
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --default-background-color=ffffffff --window-size="$2,$3" --screenshot="$4" "file://$(realpath "$1")" \
    >/dev/null 2>&1
  echo "$4"
}
for svg in "$OUT"/*.svg; do
  # The SVG's own width and height (first two attributes of the root element).
  size=$(grep -o -m1 '<svg [^>]*>' "$svg" | sed -E 's/.* width="([0-9.]+)" height="([0-9.]+)".*/\1 \2/')
  set -- $size
  shot "$svg" "${1%.*}" "${2%.*}" "${svg%.svg}.png"
done
# The HTML reports: the first screen (the loop map), the same with loop 2 highlighted through the
# URL fragment (CSS :target), and the whole page (Chromium caps a window at 16384 px; with
# ImageMagick the blank bottom is trimmed).
IM_CONVERT=""
for candidate in magick /usr/bin/convert convert; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -version 2>/dev/null | grep -q ImageMagick; then
    IM_CONVERT="$candidate"
    break
  fi
done
for html in "$OUT"/*.html; do
  base="${html%.html}"
  shot "$html" 1100 1300 "$base-top.png"
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size=1100,1300 --screenshot="$base-loop-2.png" "file://$(realpath "$html")#loop-2" >/dev/null 2>&1
  echo "$base-loop-2.png"
  shot "$html" 1100 "${HTML_HEIGHT:-16000}" "$base-full.png"
  if [ -n "$IM_CONVERT" ]; then "$IM_CONVERT" "$base-full.png" -trim +repage "$base-full.png"; fi
done
