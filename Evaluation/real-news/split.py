#!/usr/bin/env python3
"""Splits the real-news articles into DEV (tuning) and TEST (held aside), and writes the
per-split truth files that `loopledger extract --eval` reads.

Rule: per language (en, zh-Hant, zh-Hans), the article ids are sorted, shuffled with
random.Random(SEED) and the first round(n / 3) are TEST; the rest are DEV. SEED is 14 (the
issue number), fixed before any article was run through the extractor. Re-running this
script gives the same split; do not change SEED or the article set after tuning starts.

Inputs:  truth/en.json, truth/zh-hant.json, truth/zh-hans.json (all deals, one file per language)
Outputs: split.json and truth/{dev,test}-{all,en,zh-hant,zh-hans}.json
"""
import json
import random
from pathlib import Path

SEED = 14
HERE = Path(__file__).resolve().parent
LANGS = ["en", "zh-hant", "zh-hans"]


def main() -> None:
    truth = {lang: json.loads((HERE / "truth" / f"{lang}.json").read_text(encoding="utf-8")) for lang in LANGS}
    split = {}
    for lang in LANGS:
        files = sorted({d["file"] for d in truth[lang]})
        shuffled = files[:]
        random.Random(SEED).shuffle(shuffled)
        n_test = round(len(files) / 3)
        for i, name in enumerate(shuffled):
            split[name] = "test" if i < n_test else "dev"
    (HERE / "split.json").write_text(json.dumps(dict(sorted(split.items())), indent=2) + "\n", encoding="utf-8")
    for part in ["dev", "test"]:
        everything = []
        for lang in LANGS:
            deals = [d for d in truth[lang] if split[d["file"]] == part]
            everything += deals
            write(HERE / "truth" / f"{part}-{lang}.json", deals)
        write(HERE / "truth" / f"{part}-all.json", everything)
    for lang in LANGS:
        files = sorted({d["file"] for d in truth[lang]})
        t = [f for f in files if split[f] == "test"]
        print(f"{lang}: {len(files)} articles, {len(t)} test, {len(files) - len(t)} dev")


def write(path: Path, deals: list) -> None:
    path.write_text(json.dumps(deals, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"  {path.relative_to(HERE)}: {len(deals)} deals in {len({d['file'] for d in deals})} articles")


if __name__ == "__main__":
    main()
