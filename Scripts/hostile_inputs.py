#!/usr/bin/env python3
"""Replays a corpus of hostile inputs against every subcommand of `loopledger` (issue 17).

    python3 Scripts/hostile_inputs.py LOOPLEDGER [--keep DIR] [--only SUBSTRING] [--list]

Writes the corpus (bad, extreme and malicious ledgers, CSV edge lists, scenario files, articles,
chart data, truth files, flag values, inputs that are not files) into a temporary folder, runs
each case with a time limit and fails when any run

  - crashes (killed by a signal: exit status >= 128, or a negative status from Python),
  - runs past its time limit,
  - prints a non-finite number (nan, inf, ∞) with exit status 0,
  - writes markup from the input unescaped into Markdown, HTML or SVG,
  - prints a raw control character (ESC, BEL, …) to the terminal,
  - shows a Swift type name or error domain in an error message (DecodingError, NSCocoaErrorDomain),
  - or, for a case that must be refused, exits 0.

Prints one line per failure and a summary; exits 1 if anything failed.
"""
import argparse
import codecs
import concurrent.futures
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time

MARKUP = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
ESC = "\u001b]0;pwned\u0007\u001b[2J"

NONFINITE = re.compile(r"(?i)(?<![a-z0-9_])(-?nan|[-+]?inf(inity)?)(?![a-z0-9_])|∞")
RAW_MARKUP = re.compile(r"<img src=x|<script>alert", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
TYPE_NAMES = re.compile(r"DecodingError|EncodingError|NSCocoaErrorDomain|CocoaError|Swift\.|Fatal error|_JSONKey|Optional\(")


def ledger(title="t", companies=None, deals=None, extra=None, top=None):
    """A ledger JSON object (as a dict) with two companies a, b unless given."""
    document = {
        "format": "loopledger-ledger",
        "version": 1,
        "id": "t",
        "title": title,
        "documents": [{"id": "d", "title": "d"}],
        "companies": companies if companies is not None else [
            {"id": "a", "names": {"en": "A"}},
            {"id": "b", "names": {"en": "B"}},
        ],
        "deals": deals if deals is not None else [deal("x", "a", "b", 5e9), deal("y", "b", "a", 3e9, kind="cloud_contract")],
    }
    if extra:
        document.update(extra)
    if top:
        document = top(document)
    return document


def deal(id, payer, payee, value, kind="equity_investment", currency="USD", qualifier="exact", **more):
    amount = {"qualifier": qualifier, "currency": currency}
    if qualifier == "range":
        amount.update({"low": value[0], "high": value[1]})
    elif qualifier != "unstated":
        amount["value"] = value
    else:
        amount = {"qualifier": "unstated"}
    result = {
        "id": id, "payer": payer, "payee": payee, "kind": kind, "status": "announced",
        "amount": amount, "sources": [{"document": "d", "quote": "q"}],
    }
    result.update(more)
    return result


def dump(value):
    return json.dumps(value, ensure_ascii=False, indent=1)


M64 = (1 << 64) - 1
P1, P2, P3, P4, P5 = (0x9E3779B185EBCA87, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x85EBCA77C2B2AE63,
                      0x27D4EB2F165667C5)


def xxh64(data, seed=0):
    """XXH64 (the graph file's checksum, docs/graph-file.md), written here independently of the
    Swift one so that the corpus can hold graph files that are intact but impossible."""
    def rotl(x, r):
        return ((x << r) | (x >> (64 - r))) & M64

    def rnd(acc, word):
        return (rotl((acc + word * P2) & M64, 31) * P1) & M64

    n, i = len(data), 0
    if n >= 32:
        v = [(seed + P1 + P2) & M64, (seed + P2) & M64, seed, (seed - P1) & M64]
        while i + 32 <= n:
            for lane in range(4):
                v[lane] = rnd(v[lane], struct.unpack_from("<Q", data, i + 8 * lane)[0])
            i += 32
        h = (rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18)) & M64
        for lane in v:
            h = ((h ^ rnd(0, lane)) * P1 + P4) & M64
    else:
        h = (seed + P5) & M64
    h = (h + n) & M64
    while i + 8 <= n:
        h = (rotl(h ^ rnd(0, struct.unpack_from("<Q", data, i)[0]), 27) * P1 + P4) & M64
        i += 8
    if i + 4 <= n:
        h = (rotl(h ^ (struct.unpack_from("<I", data, i)[0] * P1 & M64), 23) * P2 + P3) & M64
        i += 4
    while i < n:
        h = (rotl(h ^ (data[i] * P5 & M64), 11) * P1) & M64
        i += 1
    h ^= h >> 33
    h = h * P2 & M64
    h ^= h >> 29
    h = h * P3 & M64
    return h ^ (h >> 32)


def reseal(graph):
    """Recomputes a graph file's section and header checksums (layout: docs/graph-file.md)."""
    graph = bytearray(graph)
    for k in range(5):
        entry = 88 + 32 * k
        offset, length = struct.unpack_from("<QQ", graph, entry + 8)
        if offset + length <= len(graph):
            struct.pack_into("<Q", graph, entry + 24, xxh64(bytes(graph[offset:offset + length])))
    struct.pack_into("<Q", graph, 248, xxh64(bytes(graph[:248])))
    return bytes(graph)


def graph_corpus(binary, root, put, case, csv):
    """A graph file converted from `csv` by the binary, and damaged or impossible copies of it."""
    good = os.path.join(root, "graph", "good.llg")
    os.makedirs(os.path.dirname(good), exist_ok=True)
    subprocess.run([binary, "convert", csv, good], check=True, capture_output=True,
                   env=dict(os.environ, SWIFT_BACKTRACE="enable=no"))
    with open(good, "rb") as handle:
        data = handle.read()
    if xxh64(data[:248]) != struct.unpack_from("<Q", data, 248)[0]:
        raise SystemExit("the Python XXH64 does not verify the header of a graph file loopledger wrote")
    section = {k: struct.unpack_from("<Q", data, 88 + 32 * k + 8)[0] for k in range(5)}
    bad = {}
    for length in (4, 7, 8, 11, 12, 100, 247, 255, 256, section[1], len(data) - 1):
        bad[f"cut-{length}"] = data[:length]
    for offset in (0, 3, 9, 16, 21, 26, 33, 41, 49, 81, 90, 100, 120, 249, section[0] + 1, section[1] + 2,
                   section[2] + 7, section[3] + 9, len(data) - 1):
        flipped = bytearray(data)
        flipped[offset] ^= 0x41
        bad[f"flip-{offset}"] = bytes(flipped)
    bad["appended"] = data + b"\0" * 64

    def patched(fmt, offset, value):
        changed = bytearray(data)
        struct.pack_into(fmt, changed, offset, value)
        return reseal(changed)
    bad["version-2"] = patched("<I", 8, 2)
    bad["version-0"] = patched("<I", 8, 0)
    bad["nodes-huge"] = patched("<Q", 32, 1 << 62)
    bad["edges-plus-one"] = patched("<Q", 40, struct.unpack_from("<Q", data, 40)[0] + 1)
    bad["target-out-of-range"] = patched("<i", section[1], 1 << 30)
    bad["target-negative"] = patched("<i", section[1], -1)
    bad["weight-nan"] = patched("<d", section[2], float("nan"))
    bad["weight-inf"] = patched("<d", section[2] + 8, float("inf"))
    bad["weight-negative"] = patched("<d", section[2], -1.0)
    bad["weight-huge"] = patched("<d", section[2], 1e300)
    bad["offset-decreasing"] = patched("<q", section[0] + 8, 1 << 40)
    bad["id-empty"] = patched("<q", section[3] + 8, 0)
    bad["id-not-utf8"] = patched("<B", section[4], 0xFF)
    bad["section-outside"] = patched("<Q", 88 + 32 * 4 + 8, 1 << 40)
    bad["section-misaligned"] = patched("<Q", 88 + 32 * 2 + 8, section[2] + 8)
    for key, content in sorted(bad.items()):
        path = put(f"graph/{key}.llg", content)
        case(f"graph analyze {key}", ["analyze", path], must_fail=True)
        case(f"graph analyze json {key}", ["analyze", path, "--format", "json", "--threads", "1"], kinds=("json",), must_fail=True)
        case(f"graph clear {key}", ["clear", path, "--format", "json"], kinds=("json",), must_fail=True)
        case(f"graph debtrank {key}", ["debtrank", path], must_fail=True)
        case(f"graph convert {key}", ["convert", path, os.path.join(root, "graph", f"{key}.again")], must_fail=True)
        case(f"graph validate {key}", ["validate", path], must_fail=True)
    case("graph validate good", ["validate", good])
    for command in (["analyze"], ["analyze", "--format", "json"], ["clear"], ["debtrank", "--format", "json"]):
        case(f"graph {' '.join(command)} good", command[:1] + [good] + command[1:], kinds=("json",) if "json" in command else ("text",))
    case("graph convert good", ["convert", good, os.path.join(root, "graph", "good.again")])
    case("graph convert to /dev/full", ["convert", csv, "/dev/full"], must_fail=True)
    case("graph convert to a folder", ["convert", csv, os.path.join(root, "graph")], must_fail=True)
    case("graph convert onto its input", ["convert", good, good], must_fail=True)


def write_corpus(root, binary=None):
    """Writes every input file; returns the cases: (name, arguments, kinds, must_fail, timeout).

    With the binary, the corpus also holds graph files that it converts and then damages."""
    files = {}

    def put(name, content):
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(content if isinstance(content, bytes) else content.encode("utf-8"))
        files[name] = path
        return path

    cases = []

    def case(name, args, kinds=("text",), must_fail=False, timeout=60):
        cases.append((name, [str(a) for a in args], kinds, must_fail, timeout))

    # ---------------------------------------------------------------- ledgers
    ledgers = {}  # name -> must_fail
    big_numbers = {
        "1e28": 1e28, "1e17": 1e17, "max-1e16": 1e16, "neg": -5, "zero": 0, "tiny": 5e-324,
        "1e-300": 1e-300, "dbl-max": 1.7976931348623157e308,
    }
    for key, value in big_numbers.items():
        text = dump(ledger(deals=[deal("x", "a", "b", value), deal("y", "b", "a", value)]))
        put(f"ledger/amount-{key}.json", text)
        ledgers[f"ledger/amount-{key}.json"] = key in ("1e28", "1e17", "neg", "dbl-max")
    for key, literal in {"1e400": "1e400", "-1e400": "-1e400", "nanliteral": "NaN", "infliteral": "Infinity", "string": '"1e9"', "hex": "0x10"}.items():
        text = dump(ledger(deals=[deal("x", "a", "b", 7), deal("y", "b", "a", 7)])).replace('"value": 7', f'"value": {literal}', 1)
        put(f"ledger/amount-{key}.json", text)
        ledgers[f"ledger/amount-{key}.json"] = True
    for key, value in {"1e-300": 1e-300, "zero": 0, "1e300": 1e300}.items():
        document = ledger(deals=[deal("x", "a", "b", 7, currency="HKD"), deal("y", "b", "a", 7)])
        document["fxRates"] = [{"currency": "HKD", "perUSD": value, "source": {"document": "d", "quote": "q"}}]
        put(f"ledger/perusd-{key}.json", dump(document))
        ledgers[f"ledger/perusd-{key}.json"] = True
    for key, value in {"1e-300": 1e-300, "zero": 0, "neg": -1, "1e300": 1e300, "ok": 7}.items():
        put(f"ledger/term-{key}.json", dump(ledger(deals=[deal("x", "a", "b", 5e9, kind="cloud_contract", termYears=value), deal("y", "b", "a", 3e9)])))
        ledgers[f"ledger/term-{key}.json"] = key != "ok"
    put("ledger/assumed-huge.json", dump(ledger(deals=[deal("x", "a", "b", None, qualifier="unstated"), deal("y", "b", "a", 1e9)])).replace(
        '"qualifier": "unstated"', '"qualifier": "unstated", "assumed": {"low": 1e300, "reason": "r"}', 1))
    ledgers["ledger/assumed-huge.json"] = True
    put("ledger/range-inverted.json", dump(ledger(deals=[deal("x", "a", "b", (9e9, 1e9), qualifier="range"), deal("y", "b", "a", 1e9)])))
    ledgers["ledger/range-inverted.json"] = True
    inverted = ledger(deals=[deal("x", "a", "b", (9e9, 1e9), qualifier="range"), deal("y", "b", "a", 1e9)])
    inverted["deals"][0]["amount"]["estimate"] = 5e9  # trapped before (found by the ledger fuzzer)
    put("ledger/range-inverted-estimate.json", dump(inverted))
    ledgers["ledger/range-inverted-estimate.json"] = True
    # Duplicate keys.
    base = dump(ledger())
    put("ledger/dup-top.json", base.replace('"version": 1,', '"version": 1,\n "deals": [],', 1))
    put("ledger/dup-deal.json", base.replace('"payer": "a",', '"payer": "a", "payer": "b",', 1))
    put("ledger/dup-amount.json", base.replace('"value": 5000000000.0', '"value": 5000000000.0, "value": 1', 1))
    for name in ("dup-top", "dup-deal", "dup-amount"):
        ledgers[f"ledger/{name}.json"] = True
    # Markup and control characters where people read them.
    for key, text in {
        "markup": MARKUP, "script": SCRIPT, "markdown": "*bold* _it_ [x](javascript:alert(1)) | pipe `code`",
        "esc": ESC, "newline": "line\n# heading\n" + MARKUP, "long": "T" * 100_000, "rtl": "\u202egnp.exe",
        "c1": "a\u0085b\u009bc",
    }.items():
        put(f"ledger/title-{key}.json", dump(ledger(title=text)))
        ledgers[f"ledger/title-{key}.json"] = False
    for key, text in {"markup": MARKUP, "esc": ESC, "long": "N" * 10_000, "emoji": "🏦💸", "zwj": "A\u200dB", "markdown": "**x** | y"}.items():
        companies = [{"id": "a", "names": {"en": text, "zh-Hant": text, "zh-Hans": text}}, {"id": "b", "names": {"en": "B"}}]
        put(f"ledger/name-{key}.json", dump(ledger(companies=companies)))
        ledgers[f"ledger/name-{key}.json"] = False
    put("ledger/id-esc.json", dump(ledger(companies=[{"id": "a" + ESC, "names": {"en": "A"}}, {"id": "b", "names": {"en": "B"}}])))
    ledgers["ledger/id-esc.json"] = True
    put("ledger/id-markup.json", dump(ledger(deals=[deal(MARKUP, "a", "b", 1e9), deal("y", "b", "a", 1e9)])))
    ledgers["ledger/id-markup.json"] = True
    # Shapes.
    for key, text in {
        "empty": "", "blank": "  \n\t\n", "bom-only": "\ufeff", "array": "[]", "string": '"ledger"', "number": "1",
        "null": "null", "trailing-comma": base.replace('"t",', '"t",,', 1), "comment": "// x\n" + base,
        "single-quotes": base.replace('"', "'"), "truncated-1": base[:10], "truncated-half": base[: len(base) // 2],
        "truncated-end": base[:-1], "two-values": base + base, "deep-600": "[" * 600 + "]" * 600,
        "deep-100000": "[" * 100_000 + "]" * 100_000, "deep-objects": '{"a":' * 700 + "1" + "}" * 700,
        "lone-surrogate": base.replace('"title": "t"', '"title": "\\ud800"', 1), "bad-escape": base.replace('"title": "t"', '"title": "\\q"', 1),
        "raw-newline": base.replace('"title": "t"', '"title": "a\nb"', 1), "nul": base.replace('"t"', '"t\u0000"', 1),
        "leading-zero": base.replace('"version": 1', '"version": 01', 1), "plus": base.replace('"version": 1', '"version": +1', 1),
    }.items():
        put(f"ledger/shape-{key}.json", text)
        ledgers[f"ledger/shape-{key}.json"] = True
    put("ledger/utf16-bom.json", codecs.BOM_UTF16_LE + base.encode("utf-16-le"))
    put("ledger/utf16-plain.json", base.encode("utf-16-be"))
    put("ledger/utf32-bom.json", codecs.BOM_UTF32_LE + base.encode("utf-32-le"))
    put("ledger/utf8-bom.json", codecs.BOM_UTF8 + base.encode())
    ledgers.update({"ledger/utf16-bom.json": False, "ledger/utf16-plain.json": False, "ledger/utf32-bom.json": False, "ledger/utf8-bom.json": False})
    put("ledger/latin1.json", base.replace('"title": "t"', '"title": "£"', 1).encode("latin-1"))
    put("ledger/random.json", bytes((i * 131 + 7) % 256 for i in range(5000)))
    ledgers.update({"ledger/latin1.json": True, "ledger/random.json": True})
    # Structure problems.
    cyclic_parents = [{"id": "a", "names": {"en": "A"}, "parent": "b"}, {"id": "b", "names": {"en": "B"}, "parent": "a"}]
    put("ledger/parent-cycle.json", dump(ledger(companies=cyclic_parents)))
    put("ledger/self-deal.json", dump(ledger(deals=[deal("x", "a", "a", 1e9)])))
    put("ledger/supersede-cycle.json", dump(ledger(deals=[deal("x", "a", "b", 1e9, supersedes=["y"]), deal("y", "b", "a", 1e9, supersedes=["x"])])))
    put("ledger/supersede-self.json", dump(ledger(deals=[deal("x", "a", "b", 1e9, supersedes=["x"]), deal("y", "b", "a", 1e9)])))
    for name in ("parent-cycle", "self-deal", "supersede-cycle", "supersede-self"):
        ledgers[f"ledger/{name}.json"] = True
    # extends.
    put("ledger/extends-seed.json", dump(ledger(extra={"extends": "seed"}, companies=[{"id": "zz", "names": {"en": MARKUP}}],
                                               deals=[deal("zz-openai", "zz", "openai", 1e16), deal("openai-zz", "openai", "zz", 1e16)])))
    ledgers["ledger/extends-seed.json"] = False
    put("ledger/extends-self.json", dump(ledger(extra={"extends": "extends-self.json"})))
    put("ledger/extends-a.json", dump(ledger(extra={"extends": "extends-b.json"})))
    put("ledger/extends-b.json", dump(ledger(extra={"extends": "extends-a.json"})))
    put("ledger/extends-missing.json", dump(ledger(extra={"extends": "no-such-ledger"})))
    put("ledger/extends-dir.json", dump(ledger(extra={"extends": "."})))
    put("ledger/extends-zero.json", dump(ledger(extra={"extends": "/dev/zero"})))
    for index in range(80):
        nxt = {"extends": f"chain-{index + 1}.json"} if index < 79 else {}
        document = ledger(extra=nxt, companies=[{"id": f"c{index}", "names": {"en": f"C{index}"}}], deals=[])
        put(f"ledger/chain-{index}.json", dump(document))
    for name in ("extends-self", "extends-a", "extends-missing", "extends-dir", "extends-zero", "chain-0"):
        ledgers[f"ledger/{name}.json"] = True
    # Dated status changes and derived amounts (issue 15).
    def history(*changes):
        return [dict(status=status, **({"date": date} if date else {}), note=MARKUP + ESC) for status, date in changes]
    timeline_deals = [
        deal("x", "a", "b", 1e9, announced="2025-09", status="cancelled",
             statusHistory=history(("planned", "2025-09-22"), ("announced", "2025-11"), ("cancelled", "2026-03-06"))),
        deal("y", "b", "a", None, qualifier="unstated", announced="2025-10",
             amount={"qualifier": "unstated", "asWritten": MARKUP,
                     "derived": {"of": "x", "low": 0.5, "high": 1, "estimate": 0.75, "reason": MARKUP + ESC}}),
    ]
    put("ledger/timeline-markup.json", dump(ledger(deals=timeline_deals)))
    ledgers["ledger/timeline-markup.json"] = False
    put("ledger/history-disorder.json", dump(ledger(deals=[deal("x", "a", "b", 1e9, status="closed", statusHistory=history(
        ("talks", "2026"), ("closed", "2025")))])))
    put("ledger/history-huge.json", dump(ledger(deals=[deal("x", "a", "b", 1e9, status="closed", statusHistory=history(
        *([("talks", "2025-01-01")] * 20000 + [("closed", "9999-12-31")])))])))
    put("ledger/derived-cycle.json", dump(ledger(deals=[
        deal("x", "a", "b", None, qualifier="unstated", amount={"qualifier": "unstated", "derived": {"of": "y", "low": 0, "high": 1, "reason": "r"}}),
        deal("y", "b", "a", None, qualifier="unstated", amount={"qualifier": "unstated", "derived": {"of": "x", "low": 0, "high": 1, "reason": "r"}})])))
    put("ledger/derived-chain.json", dump(ledger(
        companies=[{"id": f"c{i}", "names": {"en": f"C{i}"}} for i in range(12)],
        deals=[deal("d0", "c0", "c1", 1e16)] + [
            deal(f"d{i}", f"c{i}", f"c{(i + 1) % 12}", None, qualifier="unstated",
                 amount={"qualifier": "unstated", "derived": {"of": f"d{i - 1}", "low": 1, "high": 1, "reason": "all"}})
            for i in range(1, 12)])))
    ledgers.update({"ledger/history-disorder.json": True, "ledger/history-huge.json": False,
                    "ledger/derived-cycle.json": True, "ledger/derived-chain.json": True})

    # A large valid ledger.
    many = [{"id": f"c{i}", "names": {"en": f"Company {i}"}} for i in range(400)]
    deals = [deal(f"d{i}", f"c{i % 400}", f"c{(i * 7 + 1) % 400}", 1e9 + i) for i in range(3000) if i % 400 != (i * 7 + 1) % 400]
    put("ledger/large.json", dump(ledger(companies=many, deals=deals)))
    ledgers["ledger/large.json"] = False

    for name, must_fail in sorted(ledgers.items()):
        path = files[name]
        case(f"validate {name}", ["validate", path], must_fail=must_fail)
        case(f"report {name}", ["report", "--ledger", path], must_fail=must_fail)
        if name in ("ledger/large.json",):
            continue
        case(f"report md {name}", ["report", "--ledger", path, "--format", "markdown"], kinds=("markdown",), must_fail=must_fail)
        case(f"report json {name}", ["report", "--ledger", path, "--format", "json"], kinds=("json",), must_fail=must_fail)
        if not must_fail:
            html = os.path.join(root, "out", os.path.basename(name) + ".html")
            case(f"report html {name}", ["report", "--ledger", path, "--html", html], kinds=("html:" + html,))
            case(f"loops {name}", ["loops", "--ledger", path, "--format", "markdown"], kinds=("markdown",))
            for picture in ("loops", "sankey", "shares", "timeline"):
                case(f"draw {picture} {name}", ["draw", picture, "--ledger", path], kinds=("svg",))
            case(f"timeline {name}", ["report", "--ledger", path, "--timeline", "quarter", "--format", "markdown"],
                 kinds=("markdown",))
            case(f"as-of {name}", ["report", "--ledger", path, "--as-of", "2025-12-31", "--format", "json"], kinds=("json",))
            case(f"stress {name}", ["stress", "--ledger", path, "--default", "a", "--format", "markdown"], kinds=("markdown",))
            case(f"sweep {name}", ["stress", "--ledger", path, "--sweep", "--format", "markdown"], kinds=("markdown",))
            if "extends-seed" in name:
                case(f"project {name}", ["project", "openai", "--ledger", path, "--paths", "500", "--sensitivity-paths", "200"])
                case(f"stress seed {name}", ["stress", "--ledger", path, "--scenario", "nvidia-stops"])

    # ---------------------------------------------------------------- CSV edge lists
    csvs = {}
    header = "source,target,amount\n"
    for key, amount in {
        "1e308": "1e308", "1e160": "1e160", "1e400": "1e400", "neg": "-1", "nanword": "nan", "infword": "inf", "infinityword": "Infinity",
        "hex": "0x10", "underscore": "1_000", "empty": "", "space": " ", "comma": '"1,5"', "max": "1e16", "tiny": "5e-324",
        "text": "ten",
    }.items():
        put(f"csv/amount-{key}.csv", header + f"a,b,{amount}\na,b,{amount}\nb,a,{amount}\nb,c,1\nc,a,1\n")
        csvs[f"csv/amount-{key}.csv"] = key not in ("max", "tiny")
    rows = "".join(f"n{i % 9},n{(i * 4 + 1) % 9},1e16\n" for i in range(500))
    put("csv/max-many.csv", header + rows)
    csvs["csv/max-many.csv"] = False
    for key, text in {
        "quoted-numbers": '"source","target","amount"\n"a","b","4"\n"b","a","2"\n',
        "quoted-ids": 'source,target,amount\n"a,1","b""q",3\n"b""q","a,1",2\n',
        "newline-in-quotes": 'source,target,amount\n"a\nb",c,3\nc,"a\nb",2\n',
        "unterminated-quote": 'source,target,amount\na,b,1\n"c,d,2\ne,f,3\n',
        "stray-quote": 'source,target,amount\na"b,c,1\nc,a"b,2\n',
        "dup-source": "source,target,amount,source\na,b,1,c\n",
        "dup-amount": "source,target,amount,amount\na,b,1,2\n",
        "missing-column": "source,amount\na,1\n",
        "header-only": header,
        "empty": "",
        "bom": "\ufeff" + header + "a,b,1\nb,a,1\n",
        "crlf": "source,target,amount\r\na,b,1\r\nb,a,2\r\n",
        "cr-only": "source,target,amount\ra,b,1\rb,a,2\r",
        "no-final-newline": header + "a,b,1\nb,a,2",
        "blank-lines": "\n\n" + header + "\na,b,1\n\nb,a,2\n\n",
        "short-rows": header + "a,b\nb\n,\n",
        "self-loops": header + "a,a,1\nb,b,2\n",
        "markup-ids": header + f'"{MARKUP}",b,1\nb,"{MARKUP}",2\n',
        "script-ids": header + f'"{SCRIPT}",b,1\nb,"{SCRIPT}",2\n',
        "esc-ids": header + f'"{ESC}",b,1\nb,"{ESC}",2\n',
        "long-id": header + "x" * 500_000 + ",b,1\nb," + "x" * 500_000 + ",1\n",
        "long-line": header + "a,b," + "1" * 1_500_000 + "\n",
        "kinds-dates": "source,target,amount,kind,date\na,b,1,loan,2025-13\nb,a,2,gift,2025\n",
        "dense": header + "".join(f"n{i},n{j},{i + j + 1}\n" for i in range(6) for j in range(6) if i != j),
    }.items():
        put(f"csv/{key}.csv", text)
        # A quote inside an unquoted field is kept as a character (as pandas reads it).
        csvs[f"csv/{key}.csv"] = key in (
            "unterminated-quote", "dup-source", "dup-amount", "missing-column", "empty", "short-rows", "long-line",
        )
    put("csv/utf16.csv", codecs.BOM_UTF16_LE + (header + "a,b,1\n").encode("utf-16-le"))
    put("csv/binary.csv", bytes((i * 37 + 11) % 256 for i in range(20000)))
    csvs.update({"csv/utf16.csv": True, "csv/binary.csv": True})
    for key, text in {
        "unknown-ids": "id,amount\nzz,1\nyy,2\n", "negative": "id,amount\na,-1\n", "huge": "id,amount\na,1e300\n",
        "dup-ids": "id,amount\na,1\na,2\n", "quoted": '"id","amount"\n"a","5"\n', "markup": f'id,amount\n"{MARKUP}",1\n',
        "unterminated": 'id,amount\n"a,1\nb,2\n', "empty": "",
    }.items():
        put(f"assets/{key}.csv", text)
    for name, must_fail in sorted(csvs.items()):
        path = files[name]
        case(f"analyze {name}", ["analyze", path, "--threads", "1"], must_fail=must_fail)
        case(f"analyze json {name}", ["analyze", path, "--format", "json", "--threads", "1", "--max-length", "4"], kinds=("json",), must_fail=must_fail)
        case(f"clear {name}", ["clear", path, "--threads", "1"], must_fail=must_fail)
        case(f"debtrank {name}", ["debtrank", path], must_fail=must_fail)
        case(f"skip {name}", ["analyze", path, "--skip-bad-rows", "--only", "hodge"], must_fail=name in ("csv/empty.csv", "csv/missing-column.csv", "csv/dup-source.csv", "csv/dup-amount.csv", "csv/utf16.csv", "csv/binary.csv", "csv/long-line.csv"))
        if name not in ("csv/max-many.csv", "csv/long-id.csv", "csv/long-line.csv", "csv/binary.csv"):
            # Only a CSV read as a ledger checks the kind and date columns.
            ledger_fail = must_fail or name == "csv/kinds-dates.csv"
            case(f"report csv {name}", ["report", "--ledger", path, "--format", "markdown"], kinds=("markdown",), must_fail=ledger_fail)
            case(f"validate csv {name}", ["validate", path], must_fail=ledger_fail)
            case(f"stress csv {name}", ["stress", "--ledger", path, "--sweep", "--format", "markdown"], kinds=("markdown",), must_fail=ledger_fail)
    for key in ("unknown-ids", "negative", "huge", "dup-ids", "quoted", "markup", "unterminated", "empty"):
        case(f"assets {key}", ["clear", files["csv/quoted-numbers.csv"], "--external-assets", files[f"assets/{key}.csv"]],
             must_fail=key in ("negative", "huge", "dup-ids", "unterminated"))
        case(f"assets debtrank {key}", ["debtrank", files["csv/quoted-numbers.csv"], "--external-assets", files[f"assets/{key}.csv"]],
             must_fail=key in ("negative", "huge", "dup-ids", "unterminated"))

    # ---------------------------------------------------------------- projection scenarios
    projection = {
        "growth-1e6": {"revenue": {"growth": 1e6}},
        "growth-normal-unbounded": {"revenue": {"growth": {"type": "normal", "mean": 0.3, "sd": 0.1}}},
        "margin-huge": {"operatingMargin": -1e9},
        "lognormal-mu-1000": {"fundingRounds": {"size": {"type": "lognormal", "mu": 1000, "sigma": 1, "max": 1e12}}},
        "lognormal-sigma-1e308": {"fundingRounds": {"size": {"type": "lognormal", "median": 2e10, "sigma": 1e308, "max": 1e12}}},
        "normal-sd-1e308": {"operatingMargin": {"type": "normal", "mean": 0, "sd": 1e308, "min": -1, "max": 1}},
        "far-tail": {"operatingMargin": {"type": "normal", "mean": 0, "sd": 0.01, "min": 0.9, "max": 1}},
        "beta": {"operatingMargin": {"type": "beta", "a": 1}},
        "years-0": {"defaultTermYears": 0},
        "years-1e300": {"defaultTermYears": 1e300},
        "period-years": {"revenue": {"growth": [{"from": -1e300, "to": 1e300, "distribution": 0.1}]}},
        "period-overlap": {"revenue": {"growth": [{"from": 2026, "to": 2030, "distribution": 0.1}, {"from": 2028, "distribution": 0.2}]}},
        "unknown-deal": {"deals": {"no-such-deal": {"probability": 0.5}, MARKUP: {"amount": "1e300B"}}},
        "amount-huge": {"openingCash": {"amount": 1e300}},
        "version-2": {"version": 2, "format": "other"},
        "not-object": [1, 2, 3],
        "typos": {"operatingMargn": 0.1, "revenu": {}},
        "reason-markup": {"operatingMargin": {"type": "fixed", "value": 0.1, "reason": MARKUP + ESC}},
        "valid": {"operatingMargin": {"type": "triangular", "min": -0.2, "mode": 0.05, "max": 0.3}, "schedule": "front"},
    }
    for key, value in projection.items():
        put(f"projection/{key}.json", json.dumps(value))
    put("projection/dup.json", '{"schedule": "even", "schedule": "back"}')
    put("projection/nan.json", '{"operatingMargin": NaN}')
    put("projection/deep.json", '{"revenue":' * 600 + "1" + "}" * 600)
    for key in list(projection) + ["dup", "nan", "deep"]:
        path = files[f"projection/{key}.json"]
        must_fail = key not in ("valid", "reason-markup")
        case(f"project {key}", ["project", "openai", "--scenario", path, "--paths", "500", "--sensitivity-paths", "200"], must_fail=must_fail)
        case(f"project md {key}", ["project", "openai", "--scenario", path, "--paths", "500", "--no-sensitivity", "--format", "markdown"],
             kinds=("markdown",), must_fail=must_fail)

    # ---------------------------------------------------------------- stress scenarios
    stress = {
        "rounds-1e9": {"parameters": {"maxRounds": 1e9}, "shocks": []},
        "multiple-1e300": {"parameters": {"revenueMultiple": 1e300}, "shocks": []},
        "fraction-neg": {"shocks": [{"stopLink": "nvidia:openai", "fraction": -5}]},
        "amount-1e300": {"shocks": [{"limitResources": "openai", "amount": 1e300}]},
        "change-huge": {"shocks": [{"changeResources": "openai", "fraction": 1e300}]},
        "unknown-shock": {"shocks": [{"explode": "openai"}]},
        "two-kinds": {"shocks": [{"default": "openai", "stopDeal": "x"}]},
        "unknown-company": {"shocks": [{"default": MARKUP}]},
        "many": {"name": "many", "shocks": [{"stopLink": "nvidia:openai", "fraction": 0.001}] * 5000},
        "version-2": {"format": "loopledger-stress-scenario", "version": 2, "shocks": []},
        "no-shocks": {"name": "x"},
        "name-markup": {"name": MARKUP + ESC, "description": SCRIPT, "shocks": [{"default": "anthropic"}]},
        "valid": {"format": "loopledger-stress-scenario", "version": 1, "name": "v", "shocks": [{"stopLink": "amazon:openai", "fraction": 0.5}]},
    }
    for key, value in stress.items():
        put(f"stress/{key}.json", json.dumps(value))
    put("stress/dup.json", '{"shocks": [], "shocks": [{"default": "openai"}]}')
    put("stress/empty.json", "")
    for key in list(stress) + ["dup", "empty"]:
        path = files[f"stress/{key}.json"]
        must_fail = key not in ("many", "name-markup", "valid")
        case(f"stress {key}", ["stress", "--scenario", path], must_fail=must_fail)
        case(f"stress md {key}", ["stress", "--scenario", path, "--format", "markdown"], kinds=("markdown",), must_fail=must_fail)
        if not must_fail:
            case(f"cascade {key}", ["draw", "cascade", "--scenario", path], kinds=("svg",))

    # ---------------------------------------------------------------- articles
    sentence = "Amazon said it would invest £10 billion in Anthropic. Société Générale invested €10 billion in OpenAI."
    articles = {
        "latin1.txt": (sentence.encode("latin-1", "replace"), True),
        "latin1.html": (f'<html><head><meta charset="iso-8859-1"></head><body><p>{sentence}</p></body></html>'.encode("latin-1", "replace"), False),
        "cp1252-http-equiv.html": (f'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>{sentence}</p>'.encode("cp1252", "replace"), False),
        "utf16le-bom.txt": (codecs.BOM_UTF16_LE + sentence.encode("utf-16-le"), False),
        "utf16be-plain.txt": (sentence.encode("utf-16-be"), False),
        "utf32-bom.txt": (codecs.BOM_UTF32_LE + sentence.encode("utf-32-le"), False),
        "gb2312.html": ('<meta charset="gb2312"><p>亚马逊向Anthropic投资40亿美元。</p>'.encode("gb2312"), False),
        "big5.html": ('<meta charset="big5"><p>亞馬遜向Anthropic投資40億美元。</p>'.encode("big5"), False),
        "koi8.html": ('<meta charset="koi8-r"><p>Привет</p>'.encode("koi8-r"), True),
        "invalid-utf8.txt": (b"Amazon invested \xff\xfe $4 billion in OpenAI.", True),
        "binary.bin": (bytes((i * 97 + 3) % 256 for i in range(30000)), True),
        "empty.txt": (b"", False),
        "nul.txt": (b"Amazon invested \x00 $4 billion in OpenAI.", False),
        "huge-numbers.txt": (("Amazon invested $1e308 billion in OpenAI. NVIDIA invests 10^400 dollars in OpenAI. "
                              "Microsoft committed $99999999999999999999999 trillion to Anthropic.").encode(), False),
        "markup.html": (f"<p>{MARKUP} Amazon invested $4 billion in OpenAI.</p><script>Amazon invested $9 billion in OpenAI</script>".encode(), False),
        "esc.txt": (f"Amazon{ESC} invested $4 billion in OpenAI.".encode(), False),
        "nested.html": (("<div>" * 20000 + "Amazon invested $4 billion in OpenAI." + "</div>" * 20000).encode(), False),
        "long.txt": (("Amazon invested $4 billion in OpenAI. " * 8000).encode(), False),
        "unknown-investor.txt": ("Amazon invested $4 billion in OpenAI in 2025. Société Générale invested €10 billion in Anthropic.".encode(), False),
    }
    for name, (content, must_fail) in articles.items():
        path = put(f"articles/{name}", content)
        case(f"extract {name}", ["extract", path, "--format", "text"], must_fail=must_fail)
        case(f"extract json {name}", ["extract", path, "--format", "json"], kinds=("json",), must_fail=must_fail)
        case(f"extract ledger {name}", ["extract", path, "--format", "ledger"], kinds=("json",), must_fail=must_fail)
    for key, text in {
        "not-array": '{"file": "a"}', "wrong-type": '[{"file": 3}]', "empty": "", "dup": '[{"file": "a", "file": "b"}]',
        "huge": '[{"file": "a", "from": "x", "to": "y", "kind": "other", "amount": 1e400}]',
    }.items():
        path = put(f"truth/{key}.json", text)
        case(f"eval {key}", ["extract", "--eval", path, os.path.join(root, "articles")], must_fail=True)

    # ---------------------------------------------------------------- chart data
    fan = {"title": "t", "unit": "USD", "years": [2026, 2027], "p5": [1, 2], "p25": [2, 3], "p50": [3, 4], "p75": [4, 5], "p95": [5, 6]}
    charts = {
        "fan-valid": (fan, False), "fan-huge": (dict(fan, p95=[1e308, 1.7e308]), False),
        "fan-markup": (dict(fan, title=MARKUP + ESC), False), "fan-years": (dict(fan, years=[2027, 2026]), True),
        "fan-types": (dict(fan, years=["2026", 2027]), True), "fan-missing": ({"title": "t"}, True),
        "fan-many": (dict(fan, years=list(range(1900, 3900)), **{k: list(range(2000)) for k in ("p5", "p25", "p50", "p75", "p95")}), False),
    }
    for key, (value, must_fail) in charts.items():
        path = put(f"charts/{key}.json", json.dumps(value))
        case(f"draw fan {key}", ["draw", "fan", "--data", path], kinds=("svg",), must_fail=must_fail)
    for key, text in {"fan-nan": '{"title": NaN}', "fan-1e400": json.dumps(fan).replace("[1, 2]", "[1e400, 2]"), "fan-empty": "", "fan-deep": "[" * 1000}.items():
        path = put(f"charts/{key}.json", text)
        case(f"draw fan {key}", ["draw", "fan", "--data", path], kinds=("svg",), must_fail=True)
    for key, text in {"cascade-wrong": '{"rounds": "x"}', "cascade-empty": "{}", "cascade-array": "[]"}.items():
        path = put(f"charts/{key}.json", text)
        case(f"draw cascade {key}", ["draw", "cascade", "--data", path], kinds=("svg",), must_fail=True)

    # ---------------------------------------------------------------- flags
    bad_values = ["-1", "0", "nan", "inf", "-inf", "1e300", "99999999999999999999", "x", ""]
    flags = {
        "report": ["--limit", "--max-length"],
        "loops": ["--limit", "--max-length"],
        "draw loops": ["--limit", "--max-length", "--highlight"],
        "draw fan": ["--paths"],
        "analyze CSV": ["--threads", "--limit", "--max-cycles", "--tolerance", "--max-iterations", "--circulation-limit", "--max-length"],
        "clear CSV": ["--threads", "--tolerance", "--alpha"],
        "debtrank CSV": ["--shock", "--threads"],
        "project openai": ["--paths", "--sensitivity-paths", "--threads", "--from", "--to", "--exact-quantile-limit"],
        "stress": ["--demand-returns", "--term-years", "--investment-years", "--multiple", "--elasticity"],
        "extract ARTICLE": ["--min-confidence"],
    }
    csv = files["csv/quoted-numbers.csv"]
    article = files["articles/unknown-investor.txt"]
    for command, names in flags.items():
        words = command.replace("CSV", csv).replace("ARTICLE", article).split(" ")
        for flag in names:
            for value in bad_values:
                extra = ["--beta", "0.5"] if flag == "--alpha" else []
                # 0 is in range for these; every other value above is out of range or not a number.
                accepted = value == "0" and flag in ("--circulation-limit", "--alpha", "--demand-returns", "--min-confidence", "--multiple", "--elasticity")
                case(f"flag {command} {flag} {value!r}", words + [flag, value] + extra, must_fail=not accepted, timeout=60)
    for args in (
        ["stress", "--stop", "nvidia:openai=2"], ["stress", "--stop", "nvidia:openai=nan"], ["stress", "--revenue", "openai=-5"],
        ["stress", "--revenue", "openai=1e300"], ["stress", "--resources", "openai=-1"], ["stress", "--resources", "=5"],
        ["stress", "--alpha", "0.5"], ["report", "--assume", "x=1e300"], ["report", "--assume", "=5"],
        ["report", "--assume", "openai-oracle-compute-2025=5..1"], ["report", "--external", "amazon=inf"],
        ["report", "--from", "2026", "--to", "2025"], ["project", "openai", "--paths", "100000000"],
        ["project", "openai", "--from", "2026", "--to", "2200"], ["project", "nobody"], ["report", "--company", ESC],
        ["report", "--ledger", "no-such-" + ESC], ["draw", "loops", "--highlight", "999"],
    ):
        case("flag " + " ".join(args), args, must_fail=True)

    # ---------------------------------------------------------------- files that are not files, outputs
    fifo = os.path.join(root, "pipe.json")
    os.mkfifo(fifo)
    os.makedirs(os.path.join(root, "dir"), exist_ok=True)
    for args in (
        ["validate", root], ["validate", "/dev/zero"], ["validate", fifo], ["report", "--ledger", "/dev/zero"],
        ["analyze", "/dev/zero"], ["analyze", root], ["extract", root], ["extract", "/dev/zero"],
        ["stress", "--scenario", root], ["project", "openai", "--scenario", "/dev/zero"], ["draw", "fan", "--data", fifo],
        ["report", "-o", os.path.join(root, "no", "such", "out.md")], ["report", "-o", os.path.join(root, "dir")],
        ["report", "--ledger", files["ledger/extends-seed.json"], "-o", files["ledger/extends-seed.json"]],
        ["report", "-o", ""], ["report", "--html", "/dev/full"], ["report", "-o", "/dev/full"],
    ):
        case("io " + " ".join(a.replace(root, "ROOT") for a in args), args, must_fail=True, timeout=60)
    if binary is not None:
        graph_corpus(binary, root, put, case, files["csv/quoted-numbers.csv"])
    return cases


def check(binary, root, name, args, kinds, must_fail, timeout):
    """Runs one case; returns a list of problems."""
    env = dict(os.environ, SWIFT_BACKTRACE="enable=no")
    start = time.monotonic()
    try:
        done = subprocess.run([binary] + args, cwd=root, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return [f"ran past its time limit of {timeout} s"], timeout
    elapsed = time.monotonic() - start
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace")
    problems = []
    status = done.returncode
    if status < 0 or status >= 128:
        problems.append(f"crashed (status {status}): {err.strip().splitlines()[-1:] if err.strip() else ''}")
    if must_fail and status == 0:
        problems.append("accepted an input it must refuse (exit 0)")
    written = []
    for kind in kinds:
        if kind.startswith("html:"):
            path = kind[5:]
            if os.path.exists(path):
                with open(path, encoding="utf-8", errors="replace") as handle:
                    written.append(("html", handle.read()))
    if status == 0 and NONFINITE.search(out):
        problems.append(f"printed a non-finite number: {NONFINITE.search(out).group(0)!r}")
    for kind, text in [(k, out) for k in kinds if not k.startswith("html:")] + written:
        if kind in ("markdown", "html", "svg") and RAW_MARKUP.search(text):
            problems.append(f"unescaped markup in {kind}")
        if kind == "html" and status == 0 and NONFINITE.search(text):
            problems.append("a non-finite number in the HTML")
    if CONTROL.search(out) or CONTROL.search(err.replace("\n", "")):
        problems.append("a raw control character on the terminal")
    if TYPE_NAMES.search(err):
        problems.append(f"a Swift type name in the error: {TYPE_NAMES.search(err).group(0)}")
    if status != 0 and not err.strip():
        problems.append("failed without a message")
    return problems, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--keep", help="write the corpus here and keep it")
    parser.add_argument("--only", help="run only cases whose name contains this")
    parser.add_argument("--list", action="store_true", help="list the cases and stop")
    parser.add_argument("--times", action="store_true", help="print the time spent per kind of case")
    parser.add_argument("--jobs", type=int, default=2, help="runs at once (default 2)")
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    root = options.keep or tempfile.mkdtemp(prefix="loopledger-hostile-")
    if options.keep:
        shutil.rmtree(root, ignore_errors=True)
        os.makedirs(root)
    try:
        cases = write_corpus(root, binary)
        if options.only:
            cases = [c for c in cases if options.only in c[0]]
        if options.list:
            for name, args, *_ in cases:
                print(name)
            return 0
        inputs = sum(len(f) for _, _, f in os.walk(root))
        failures = 0
        slowest = (0.0, "")
        clock = time.monotonic()
        per_kind = {}
        with concurrent.futures.ThreadPoolExecutor(max_workers=options.jobs) as pool:
            results = pool.map(lambda c: (c[0], check(binary, root, *c)), cases)
            for name, (problems, elapsed) in results:
                slowest = max(slowest, (elapsed, name))
                kind = name.split(" ")[0] + " " + name.split(" ")[1].split("/")[0]
                per_kind[kind] = per_kind.get(kind, 0) + elapsed
                for problem in problems:
                    failures += 1
                    print(f"FAIL {name}: {problem}", flush=True)
        if options.times:
            for kind, seconds in sorted(per_kind.items(), key=lambda item: -item[1])[:25]:
                print(f"  {seconds:7.1f} s  {kind}")
        print(
            f"hostile inputs: {len(cases)} runs on {inputs} input files, {failures} failure(s); "
            f"{time.monotonic() - clock:.0f} s, slowest {slowest[0]:.1f} s ({slowest[1]})")
        return 1 if failures else 0
    finally:
        if not options.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
