#!/bin/bash
# Times `loopledger extract` on 1 MB articles in release mode (wall clock, one run each).
#
#   Scripts/bench-extract.sh
#
# Generated inputs (in .build-bench/, not committed):
#   news-1mb.txt       the test articles repeated: ordinary news text, many candidates
#   nopunct-1mb.txt    "亞馬遜向OpenAI投資100億美元" repeated with no sentence end: one huge sentence
#   digits-1mb.txt     digits, 億, 美元, brackets and dashes: the amount parser's worst case
#   html-1mb.html      the articles wrapped in HTML tags and entities
#   4x-*.txt           the first two, four times over (4 MB), to check that time grows linearly
# Every swift build holds /tmp/loopledger-swift.lock (the machine is shared).
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH="${SCRATCH:-.build-bench}"
mkdir -p "$SCRATCH"
flock /tmp/loopledger-swift.lock swift build -c release --product loopledger --scratch-path "$SCRATCH" >/dev/null
BIN="$SCRATCH/release/loopledger"
python3 - "$SCRATCH" <<'PY'
import glob, os, random, sys
out = sys.argv[1]
arts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("Tests/LoopLedgerNewsTests/Fixtures/articles/*.txt"))]
def fill(path, unit):
    data = []
    size = 0
    while size < 1_000_000:
        data.append(unit)
        size += len(unit.encode("utf-8"))
    open(path, "w", encoding="utf-8").write("".join(data))
fill(os.path.join(out, "news-1mb.txt"), "\n\n".join(arts) + "\n\n")
fill(os.path.join(out, "nopunct-1mb.txt"), "亞馬遜向OpenAI投資100億美元以及")
random.seed(7)
pieces = ["1", "0", ",", ".", "億", "萬", "美元", "(", "約合", ")", "-", "至", "數", "十", "上", "多", "$", "bn", " "]
fill(os.path.join(out, "digits-1mb.txt"), "".join(random.choice(pieces) for _ in range(5000)))
html = "".join("<p>" + a.replace("\n", "</p><p>").replace("&", "&amp;") + "</p><div class='x'>&#20154;&nbsp;</div>" for a in arts)
fill(os.path.join(out, "html-1mb.html"), "<html><body>" + html + "</body></html>")
PY
# Four times the text should take about four times as long (linear time).
for f in news-1mb.txt nopunct-1mb.txt; do cat "$SCRATCH/$f" "$SCRATCH/$f" "$SCRATCH/$f" "$SCRATCH/$f" > "$SCRATCH/4x-$f"; done
for f in news-1mb.txt nopunct-1mb.txt digits-1mb.txt html-1mb.html 4x-news-1mb.txt 4x-nopunct-1mb.txt; do
  start=$(date +%s.%N)
  "$BIN" extract --date 2025-12-17 --timing --format json -o /dev/null "$SCRATCH/$f"
  end=$(date +%s.%N)
  printf '  whole command (read, extract, JSON, write): %.3f s\n' "$(echo "$end - $start" | bc)"
done
