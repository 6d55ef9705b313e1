#!/usr/bin/env python3
"""Rebuilds Evaluation/real-news/articles/ (the article texts, kept out of git) from the
published pages listed in sources.json.

    python3 rebuild.py                 # fetch every article that is missing
    python3 rebuild.py --force         # fetch and overwrite all
    python3 rebuild.py --only ID ...   # some articles only
    python3 rebuild.py --check         # no network: report which stored texts match sources.json

NEEDS WEB ACCESS. It cannot run in the sandbox where the set was assembled (no outbound
network there; the texts were taken from stored copies of these pages). Without network it
stops at the first connection failure with a one-line explanation and exit status 2, and
writes nothing. Standard library only (Python 3.9+).

What it does, per article:
  1. fetches the URL (browser-like User-Agent, 30 s timeout, redirects followed, gzip/deflate);
  2. decodes it (charset from the HTTP header or <meta>, else UTF-8, then GB18030 / Big5);
  3. strips the page to its article text: drops script, style, nav, header, footer, aside,
     form and figure captions; keeps the text of <article> (or <main>, else <body>) with
     block elements (p, h1-h6, li, div, br, blockquote) as line breaks;
  4. cuts that text to the part that was scored: from start_anchor to end_anchor, two
     16-character strings of the stored text with all whitespace removed (the stored copies
     hold the opening of each article, ending at its last complete sentence);
  5. compares it with the scored text: normalized_sha256 (hash of the text without any
     whitespace) equal means the same words; otherwise it still writes the file and warns,
     because pages change (edits, paywalls, dead reposts) and the scores may then differ;
  6. checks that every truth quote of that article (truth/*.json) is still in the text.

Exit status: 0 all rebuilt and identical, 1 some articles missing or different, 2 no network.
"""
import argparse
import gzip
import hashlib
import html
import json
import re
import socket
import sys
import urllib.error
import urllib.parse
import urllib.request
import zlib
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36 LoopLedger-real-news-rebuild/1"
)
SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "figcaption",
        "svg", "button", "iframe", "template"}
BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "br", "blockquote", "section",
         "article", "tr", "ul", "ol", "table", "pre"}
VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr"}


class NoNetwork(Exception):
    pass


class ArticleText(HTMLParser):
    """Collects text, separately for <article>, <main> and the whole body."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.stack = []
        self.parts = {"article": [], "main": [], "body": []}
        self.inside = {"article": 0, "main": 0}

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == "br":
                self._emit("\n")
            return
        self.stack.append(tag)
        if tag in SKIP:
            self.skip += 1
        if tag in self.inside:
            self.inside[tag] += 1
        if tag in BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag):
        if tag in VOID or tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            if top in SKIP:
                self.skip -= 1
            if top in self.inside:
                self.inside[top] -= 1
            if top in BLOCK:
                self._emit("\n")
            if top == tag:
                break

    def handle_data(self, data):
        if self.skip == 0:
            self._emit(data)

    def _emit(self, text):
        self.parts["body"].append(text)
        for key, depth in self.inside.items():
            if depth > 0:
                self.parts[key].append(text)

    def text(self):
        for key in ["article", "main", "body"]:
            raw = "".join(self.parts[key])
            lines = [re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip() for line in raw.split("\n")]
            joined = "\n".join(line for line in lines if line)
            if len(re.sub(r"\s", "", joined)) > 200:
                return joined
        return "\n".join(line for line in "".join(self.parts["body"]).split("\n") if line.strip())


def fetch(url, timeout):
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
        "Accept-Language": "en,zh-TW;q=0.9,zh-CN;q=0.8",
        "Accept-Encoding": "gzip, deflate",
    })
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            encoding = (response.headers.get("Content-Encoding") or "").lower()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, (socket.gaierror, ConnectionRefusedError, ConnectionResetError,
                               socket.timeout, TimeoutError, OSError)):
            raise NoNetwork(f"{urllib.parse.urlsplit(url).hostname}: {reason}") from None
        raise RuntimeError(str(reason)) from None
    except (socket.timeout, TimeoutError) as error:
        raise RuntimeError(f"timed out after {timeout} s") from None
    if encoding == "gzip":
        body = gzip.decompress(body)
    elif encoding == "deflate":
        try:
            body = zlib.decompress(body)
        except zlib.error:
            body = zlib.decompress(body, -zlib.MAX_WBITS)
    return decode(body, charset)


def decode(body, charset):
    candidates = []
    if charset:
        candidates.append(charset)
    meta = re.search(rb'<meta[^>]+charset=["\']?([A-Za-z0-9_\-]+)', body[:4096], re.I)
    if meta:
        candidates.append(meta.group(1).decode("ascii", "replace"))
    candidates += ["utf-8", "gb18030", "big5"]
    for name in candidates:
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", "replace")


def strip(page):
    parser = ArticleText()
    parser.feed(page)
    parser.close()
    return html.unescape(parser.text())


def cut(text, start_anchor, end_anchor):
    """The part of text from start_anchor to end_anchor, anchors compared without whitespace."""
    positions = [i for i, ch in enumerate(text) if not ch.isspace()]
    squeezed = "".join(text[i] for i in positions)
    start = squeezed.find(start_anchor)
    if start < 0:
        return None
    end = squeezed.find(end_anchor, start)
    if end < 0:
        return None
    end += len(end_anchor) - 1
    return text[positions[start]:positions[end] + 1] + "\n"


def squeeze_hash(text):
    return hashlib.sha256(re.sub(r"\s+", "", text).encode("utf-8")).hexdigest()


def truth_quotes():
    quotes = {}
    for path in sorted((HERE / "truth").glob("*.json")):
        if not re.fullmatch(r"(en|zh-hant|zh-hans)\.json", path.name):
            continue
        for deal in json.loads(path.read_text(encoding="utf-8")):
            quotes.setdefault(deal["file"], set()).add(deal["quote"])
    return quotes


def check(sources):
    bad = 0
    for source in sources:
        path = ARTICLES / source["file"]
        if not path.exists():
            print(f"missing   {source['id']}")
            bad += 1
        elif squeeze_hash(path.read_text(encoding="utf-8")) != source["normalized_sha256"]:
            print(f"differs   {source['id']}")
            bad += 1
        else:
            print(f"ok        {source['id']}")
    return 1 if bad else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", metavar="ID", help="rebuild these articles only")
    parser.add_argument("--force", action="store_true", help="overwrite texts that already exist")
    parser.add_argument("--check", action="store_true", help="compare stored texts with sources.json, no network")
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    sources = json.loads((HERE / "sources.json").read_text(encoding="utf-8"))
    if args.only:
        unknown = set(args.only) - {s["id"] for s in sources}
        if unknown:
            sys.exit(f"rebuild.py: no such article id: {', '.join(sorted(unknown))}")
        sources = [s for s in sources if s["id"] in args.only]
    if args.check:
        return check(sources)
    ARTICLES.mkdir(exist_ok=True)
    quotes = truth_quotes()
    problems = 0
    for source in sources:
        path = ARTICLES / source["file"]
        if path.exists() and not args.force:
            print(f"kept      {source['id']} (exists; --force to fetch again)")
            continue
        try:
            page = fetch(source["url"], args.timeout)
        except NoNetwork as error:
            print(f"rebuild.py: cannot reach {error}. This script needs web access (the set was "
                  "assembled offline from stored copies); nothing more was fetched.", file=sys.stderr)
            return 2
        except Exception as error:  # one broken page never stops the rest
            print(f"FAILED    {source['id']}: {error} ({source['url']})")
            problems += 1
            continue
        text = cut(strip(page), source["start_anchor"], source["end_anchor"])
        if text is None:
            print(f"FAILED    {source['id']}: the stored passage was not found in the page "
                  f"(changed, paywalled or removed?) ({source['url']})")
            problems += 1
            continue
        path.write_text(text, encoding="utf-8")
        missing = [q for q in quotes.get(source["file"], ()) if q not in text]
        if squeeze_hash(text) == source["normalized_sha256"]:
            status = "ok       "
        else:
            status = "DIFFERS  "
            problems += 1
        note = f"; {len(missing)} truth quote(s) not found verbatim" if missing else ""
        print(f"{status} {source['id']} ({len(text)} characters{note})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
