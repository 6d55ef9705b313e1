#!/usr/bin/env bash
# Issue 13: full-page screenshots of every page of `loopledger serve` in each language, with
# headless Chromium, so that a person can look at them. CI does not run this.
#
#   Scripts/screenshot-web.sh [BINARY] [OUT_DIR]
#       BINARY   default .build/debug/loopledger
#       OUT_DIR  default /tmp/loopledger-web-shots
#
# Serves a temporary store made from 'public-2025' (so that the pages are full), with two
# candidate deals from news articles written here (English and 繁體中文) waiting in the review
# queue, and captures, for en, zh-Hant and zh-Hans, at 1280 px wide and whole (not cut at the
# window's bottom; up to 16384 px): the overview, loops, companies, OpenAI, deals, one deal, a
# stress test, a projection, the review queue and the login page; plus the overview at 390 px
# (a phone), and the review queue once more, logged in. Files: OUT_DIR/PAGE-LANG.png,
# OUT_DIR/overview-LANG-390.png, OUT_DIR/review-logged-in-LANG.png.
#
# Needs: chromium and fonts-noto-cjk (Debian: apt-get install -y chromium fonts-noto-cjk), python3.
# Environment: CHROMIUM (the browser), TILE_HEIGHT=N also writes each page higher than N px in
# parts (NAME-part1.png, …), easier to look at on a screen.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

BIN="${1:-.build/debug/loopledger}"
OUT="${2:-/tmp/loopledger-web-shots}"
if [ ! -x "$BIN" ]; then
  echo "screenshot-web: no loopledger binary at '$BIN' (swift build --product loopledger)" >&2
  exit 2
fi
BIN="$(realpath "$BIN")"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM" ]; then
  echo "screenshot-web: chromium not found: apt-get install -y chromium fonts-noto-cjk" >&2
  exit 1
fi
mkdir -p "$OUT"
OUT="$(realpath "$OUT")"

source Scripts/serve-fixture.sh
serve_workdir web-shots

# -- a store with something to review ---------------------------------------------------------
db="$work/ledger.sqlite"
"$BIN" db init --db "$db" --from public-2025 > /dev/null
cat > "$work/en-oracle-amd.txt" << 'EOF'
Oracle to buy $4 billion of AMD chips for OpenAI's Stargate sites
March 3, 2026

Oracle will buy about $4 billion of AMD Instinct accelerators over three years, the companies said on
Tuesday, as the cloud provider expands the capacity it is building for OpenAI.

AMD will also invest up to $500 million in Oracle's cloud venture, a person familiar with the matter said.
EOF
cat > "$work/zh-hant-google-anthropic.txt" << 'EOF'
谷歌追加投資Anthropic 20億美元
2026年2月10日

據報導，谷歌將向Anthropic追加投資20億美元。Anthropic隨後承諾在未來五年向谷歌雲採購至少300億美元的運算服務。
EOF
for article in "$work"/*.txt; do
  "$BIN" extract --format json "$article" > "${article%.txt}.json"
  "$BIN" db import --db "$db" "${article%.txt}.json" > /dev/null
done
pending="$("$BIN" review --db "$db" 2>/dev/null | grep -c -i -E 'confidence|→' || true)"

# -- the server ---------------------------------------------------------------------------------
token="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
serve_start screenshot-web env LOOPLEDGER_TOKEN="$token" "$BIN" serve --port 0 --db "$db"
echo "screenshot-web: $base, review lines: $pending" >&2

deal="$(python3 -c '
import json, sys, urllib.request
page = json.load(urllib.request.urlopen(sys.argv[1] + "/api/v1/deals?company=openai&limit=1"))
print(page["deals"][0]["id"])' "$base")"

# -- the pictures -------------------------------------------------------------------------------
pages=(
  "overview|/"
  "loops|/loops"
  "companies|/companies"
  "company-openai|/companies/openai"
  "deals|/deals"
  "deal|/deals/$deal"
  "stress|/stress?stop=openai:microsoft"
  "projection|/projection?company=openai&paths=2000"
  "timeline|/timeline"
  "overview-as-of|/?as_of=2025-09"
  "review|/review"
  "login|/login"
)
jobs="$work/jobs.tsv"
: > "$jobs"
for lang in en zh-Hant zh-Hans; do
  for entry in "${pages[@]}"; do
    name="${entry%%|*}"
    path="${entry#*|}"
    case "$path" in *\?*) url="$base$path&lang=$lang" ;; *) url="$base$path?lang=$lang" ;; esac
    printf '1280\t%s\t%s\n' "$url" "$OUT/$name-$lang.png" >> "$jobs"
  done
  printf '390\t%s\t%s\n' "$base/?lang=$lang" "$OUT/overview-$lang-390.png" >> "$jobs"
done
# The review queue as a logged-in reviewer sees it (accept / reject / merge forms): log in through
# the form as a browser does (CSRF double submit), then hand the cookies to Chromium. Last, as the
# session stays in the browser.
cookies="$(python3 - "$base" "$token" << 'EOF'
import secrets, sys, urllib.error, urllib.parse, urllib.request
base, token = sys.argv[1], sys.argv[2]
csrf = secrets.token_hex(32)
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
request = urllib.request.Request(
    base + "/login", method="POST",
    data=urllib.parse.urlencode({"token": token, "csrf": csrf}).encode(),
    headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": "loopledger_csrf=" + csrf})
try:
    response = urllib.request.build_opener(NoRedirect).open(request)
except urllib.error.HTTPError as answer:  # the 303 to /review
    response = answer
session = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or [] if c.startswith("loopledger_session=")]
if not session:
    sys.exit(f"screenshot-web: logging in failed ({response.status})")
print(f"loopledger_csrf={csrf}; {session[0]}")
EOF
)"
for lang in en zh-Hant zh-Hans; do
  printf '1280\t%s\t%s\t%s\n' "$base/review?lang=$lang" "$OUT/review-logged-in-$lang.png" "$cookies" >> "$jobs"
done
rm -f "$OUT"/*.png
CHROME_PROFILE="$work/chromium" python3 "$ROOT/Scripts/screenshot_web.py" "$CHROMIUM" "$jobs"
echo "screenshot-web: $(ls "$OUT"/*.png | wc -l) PNGs in $OUT (deal: $deal)" >&2
