#!/usr/bin/env python3
"""Elementary cycles with NetworkX: nx.simple_cycles(G, length_bound=K), counted, never stored.

usage: cycles_networkx.py FILE [--max-length K]
Prints one JSON line: {"tool": "networkx", "task": "cycles", "load_seconds", "seconds",
"peak_rss_bytes", "result": {"count", "sumLength", "longest", "histogram"}}.
Load = CSV parse + DiGraph construction (self-loops dropped, duplicate pairs merged).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import networkx as nx  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--max-length", type=int, default=None)
    a = ap.parse_args()
    t0 = common.now()
    ids, src, dst, amount = common.read_edges(a.file)
    keep = src != dst
    G = nx.DiGraph()
    G.add_nodes_from(range(len(ids)))
    G.add_edges_from(zip(src[keep].tolist(), dst[keep].tolist()))
    t1 = common.now()
    count = 0
    total = 0
    longest = 0
    hist = {}
    for c in nx.simple_cycles(G, length_bound=a.max_length):
        k = len(c)
        count += 1
        total += k
        hist[k] = hist.get(k, 0) + 1
    if hist:
        longest = max(hist)
    t2 = common.now()
    common.emit("networkx", "cycles", t1 - t0, t2 - t1,
                {"count": count, "sumLength": total, "longest": longest,
                 "histogram": {str(k): hist[k] for k in sorted(hist)}},
                nodes=len(ids), edges=G.number_of_edges(), maxLength=a.max_length,
                version=nx.__version__)


if __name__ == "__main__":
    main()
