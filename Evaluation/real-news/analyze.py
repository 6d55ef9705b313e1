#!/usr/bin/env python3
"""Classifies the extractor's errors on one split of the real-news set, by kind of error.

    python3 analyze.py --binary /tmp/loopledger-ref/loopledger --split dev [--json out.json]

Runs `loopledger extract --format json --date ARTICLE_DATE` on each article of the split
(articles/ must have been rebuilt, see rebuild.py), matches candidates to truth deals the
way `extract --eval` does (file, payer, payee, kind; companies at group level, AWS = Amazon),
and sorts every difference into one class:

  matched            payer, payee and kind right (then: amount right?, status right?)
  duplicate          a further candidate for a pair whose truth deal is already matched (the
                     same deal found again, possibly with another kind, amount or status)
  wrong kind         payer and payee right, kind wrong
  wrong direction    a truth deal found with payer and payee swapped
  wrong payer/payee  kind and one side right, the other side a different company
  missed             no candidate at all; split into "known companies" (both sides are in the
                     extractor's catalog, so the rules failed) and "unknown company" (a side is
                     not in the catalog: vocabulary/coverage)
  spurious           a candidate that matches nothing above

Only use this on DEV for details; for TEST, report `extract --eval` scores only.
"""
import argparse
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def catalog():
    """English names, aliases and ids -> company id, and id -> parent, from the seed ledger and
    the built-in directory (the catalog the extractor uses by default)."""
    names, parent = {}, {}
    seed = json.loads((REPO / "Sources/LoopLedger/Resources/ledgers/seed.json").read_text())
    for c in seed["companies"]:
        for n in [c["id"], c["names"]["en"], *c.get("aliases", [])]:
            names.setdefault(n.lower(), c["id"])
        parent[c["id"]] = c.get("parent")
    src = (REPO / "Sources/LoopLedgerNews/Companies/CompanyDirectory.swift").read_text()
    for m in re.finditer(r'Entry\(\s*id: "([^"]+)", en: "([^"]+)".*?aliases: \[([^\]]*)\](?:, parent: "([^"]+)")?', src, re.S):
        cid, en, aliases, par = m.groups()
        for n in [cid, en, *re.findall(r'"([^"]+)"', aliases)]:
            names.setdefault(n.lower(), cid)
        parent.setdefault(cid, par)
    for cid, body in re.findall(r'"([a-z0-9-]+)": \[([^\]]*)\]', src.split("private struct Entry")[0]):
        for n in re.findall(r'"([^"]+)"', body):
            names.setdefault(n.lower(), cid)
    return names, parent


NAMES, PARENT = catalog()


def resolve(name):
    return NAMES.get(name.strip().lower())


def group(cid):
    seen = set()
    while cid in PARENT and PARENT[cid] and cid not in seen:
        seen.add(cid)
        cid = PARENT[cid]
    return cid


def tid(name):
    return resolve(name) or "?" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def amount_ok(c, d):
    q = d.get("amount_qualifier") or ("unstated" if d.get("amount_usd") is None and d.get("amount_low_usd") is None else "exact")
    a = c["amount"]
    if a["qualifier"] != q:
        return False
    if q == "unstated":
        return True
    factor = 1.0
    if a.get("currency") != "USD":
        conv = a.get("conversion")
        if not conv or conv.get("currency") != "USD":
            return False
        factor = conv["rate"]

    def close(x, y):
        if x is None or y is None:
            return x is None and y is None
        return abs(x - y) <= 0.01 * max(abs(x), abs(y), 1)

    if q == "range":
        return close(a["low"] and a["low"] * factor, d.get("amount_low_usd")) and close(a["high"] and a["high"] * factor, d.get("amount_high_usd"))
    return close(a["value"] and a["value"] * factor, d.get("amount_usd"))


def describe_amount(a):
    if a["qualifier"] == "unstated":
        return "unstated"
    if a["qualifier"] == "range":
        return f"range {a['low']:.3g}–{a['high']:.3g} {a.get('currency')}"
    return f"{a['qualifier']} {a['value']:.3g} {a.get('currency')}"


def truth_amount(d):
    q = d.get("amount_qualifier") or "exact"
    if q == "unstated":
        return "unstated"
    if q == "range":
        return f"range {d['amount_low_usd']:.3g}–{d['amount_high_usd']:.3g} USD"
    return f"{q} {d['amount_usd']:.3g} USD"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    ap.add_argument("--json", help="write the classified errors here")
    args = ap.parse_args()
    truth = []
    for lang in ["en", "zh-hant", "zh-hans"]:
        truth += json.loads((HERE / "truth" / f"{lang}.json").read_text(encoding="utf-8"))
    split = json.loads((HERE / "split.json").read_text())
    files = sorted({d["file"] for d in truth if args.split == "all" or split[d["file"]] == args.split})
    rows = []          # (lang, class, detail dict)
    for file in files:
        lang = "en" if file.startswith("en-") else ("zh-Hant" if file.startswith("zh-hant") else "zh-Hans")
        deals = [d for d in truth if d["file"] == file]
        date = deals[0].get("article_date")
        cmd = [args.binary, "extract", "--format", "json", str(HERE / "articles" / file)]
        if date and len(date) == 10:
            cmd += ["--date", date]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        cands = json.loads(out)["articles"][0]["candidates"]
        # note: --eval passes YYYY-MM dates too; --date only takes full dates, so month-only
        # article dates are resolved from the text here
        def ckey(c):
            return group(c["payer"]["id"]), group(c["payee"]["id"]), c["kind"]
        unused = list(range(len(cands)))
        matched_keys = Counter()
        unmatched_truth = []
        for d in deals:
            k = (group(tid(d["from"])), group(tid(d["to"])), d["kind"])
            options = [i for i in unused if ckey(cands[i]) == k]
            if not options:
                unmatched_truth.append(d)
                continue
            best = max(options, key=lambda i: (2 if amount_ok(cands[i], d) else 0) + (1 if cands[i]["status"] == d["status"] else 0))
            unused.remove(best)
            c = cands[best]
            matched_keys[k] += 1
            a_ok, s_ok = amount_ok(c, d), c["status"] == d["status"]
            rows.append((lang, "matched", dict(file=file, truth=d, cand=c, amount_ok=a_ok, status_ok=s_ok)))
        # Near misses, one pass per class over all unmatched truth deals (direction first, then
        # kind, then one side), so that a candidate is given to the truth deal it is closest to.
        assigned = {}
        def near(d, test):
            f_, t_ = group(tid(d["from"])), group(tid(d["to"]))
            for i in unused:
                p, q, kind = ckey(cands[i])
                if test(f_, t_, p, q, kind, d):
                    return i
            return None
        matched_pairs = {(k[0], k[1]) for k in matched_keys}
        dup_same_deal = set()
        def run(cls, test):
            for n, d in enumerate(unmatched_truth):
                if n in assigned:
                    continue
                hit = near(d, test)
                if hit is not None:
                    unused.remove(hit)
                    assigned[n] = (cls, hit)
        run("wrong kind", lambda f_, t_, p, q, k, d: (p, q) == (f_, t_))
        run("wrong direction", lambda f_, t_, p, q, k, d: (p, q) == (t_, f_))
        # a further candidate for a pair already matched is another mention of that deal
        for i in list(unused):
            p, q, k = ckey(cands[i])
            if (p, q) in matched_pairs:
                unused.remove(i)
                dup_same_deal.add(i)
        run("wrong payer/payee", lambda f_, t_, p, q, k, d: k == d["kind"] and (p == f_) != (q == t_))
        for n, d in enumerate(unmatched_truth):
            if n in assigned:
                cls, hit = assigned[n]
                rows.append((lang, cls, dict(file=file, truth=d, cand=cands[hit])))
            else:
                known = resolve(d["from"]) is not None and resolve(d["to"]) is not None
                cls = "missed (known companies)" if known else "missed (unknown company)"
                rows.append((lang, cls, dict(file=file, truth=d)))
        for i in sorted(set(unused) | dup_same_deal):
            c = cands[i]
            cls = "duplicate" if i in dup_same_deal or matched_keys[ckey(c)] else "spurious"
            rows.append((lang, cls, dict(file=file, cand=c)))

    order = ["matched", "duplicate", "wrong kind", "wrong direction", "wrong payer/payee",
             "missed (known companies)", "missed (unknown company)", "spurious"]
    by = defaultdict(Counter)
    for lang, cls, det in rows:
        by[lang][cls] += 1
        by["all"][cls] += 1
        if cls == "matched":
            by[lang]["  amount wrong"] += not det["amount_ok"]
            by["all"]["  amount wrong"] += not det["amount_ok"]
            by[lang]["  status wrong"] += not det["status_ok"]
            by["all"]["  status wrong"] += not det["status_ok"]
    langs = ["all", "en", "zh-Hant", "zh-Hans"]
    print(f"{'class':28}" + "".join(f"{l:>9}" for l in langs))
    for cls in order[:1] + ["  amount wrong", "  status wrong"] + order[1:]:
        print(f"{cls:28}" + "".join(f"{by[l][cls]:>9}" for l in langs))
    truth_n = {l: sum(1 for lg, c, d in rows if "truth" in d and (l == "all" or lg == l)) for l in langs}
    print(f"{'truth deals':28}" + "".join(f"{truth_n[l]:>9}" for l in langs))
    # known-company subset: truth deals whose both sides are in the catalog
    print()
    for l in langs:
        sel = [(c, d) for lg, c, d in rows if l == "all" or lg == l]
        t_known = sum(1 for c, d in sel if "truth" in d and resolve(d["truth"]["from"]) and resolve(d["truth"]["to"]))
        m_known = sum(1 for c, d in sel if c == "matched" and resolve(d["truth"]["from"]) and resolve(d["truth"]["to"]))
        found = sum(1 for c, d in sel if "cand" in d)
        print(f"{l}: truth deals with both companies in the catalog {t_known}, matched {m_known}, recall on them {m_known / t_known if t_known else 0:.3f}; candidates {found}")
    print()
    for cls in order:
        items = [(lg, d) for lg, c, d in rows if c == cls and (cls != "matched")]
        if cls == "matched":
            items = [(lg, d) for lg, c, d in rows if c == cls and not (d["amount_ok"] and d["status_ok"])]
            print("== matched, but amount or status wrong")
        else:
            print(f"== {cls}")
        for lg, d in items:
            t, c = d.get("truth"), d.get("cand")
            line = f"  [{d['file']}]"
            if t:
                line += f" truth {t['from']} → {t['to']} {t['kind']} {truth_amount(t)} {t['status']}"
            if c:
                line += f" | found {c['payer']['name']} → {c['payee']['name']} {c['kind']} {describe_amount(c['amount'])} {c['status']}"
                line += f" 「{c['quote'][:90]}」"
            elif t:
                line += f" 「{t['quote'][:90]}」"
            print(line)
        print()
    if args.json:
        Path(args.json).write_text(json.dumps([dict(lang=l, cls=c, **d) for l, c, d in rows], ensure_ascii=False, indent=1, default=str))


if __name__ == "__main__":
    main()
