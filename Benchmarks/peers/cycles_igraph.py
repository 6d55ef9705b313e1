#!/usr/bin/env python3
"""Elementary cycles with python-igraph: Graph.simple_cycles(max=K, output="vpath").

usage: cycles_igraph.py FILE [--max-length K]
python-igraph 1.0 exposes no counting or callback variant of simple_cycles: it returns the full
list of vertex paths, which this script counts and then frees (the list is part of igraph's cost).
Prints one JSON line with result {"count", "sumLength", "longest", "histogram"}.
Load = CSV parse + Graph construction (self-loops dropped, duplicate pairs merged: igraph would
otherwise treat parallel edges as distinct cycles).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import igraph as ig  # noqa: E402
import numpy as np  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--max-length", type=int, default=None)
    a = ap.parse_args()
    t0 = common.now()
    ids, src, dst, amount = common.read_edges(a.file)
    n = len(ids)
    s, d, _ = common.aggregate(n, src, dst, amount)
    g = ig.Graph(n=n, edges=np.column_stack([s, d]).tolist(), directed=True)
    t1 = common.now()
    kmax = a.max_length if a.max_length is not None else -1
    # note: passing mode= raises TypeError in python-igraph 1.0.0; directed graphs follow
    # out-edges by default, which is what we want
    cycles = g.simple_cycles(min=-1, max=kmax, output="vpath")
    count = len(cycles)
    hist = {}
    for c in cycles:
        k = len(c)
        hist[k] = hist.get(k, 0) + 1
    del cycles
    t2 = common.now()
    total = sum(k * v for k, v in hist.items())
    common.emit("igraph", "cycles", t1 - t0, t2 - t1,
                {"count": count, "sumLength": total, "longest": max(hist) if hist else 0,
                 "histogram": {str(k): hist[k] for k in sorted(hist)}},
                nodes=n, edges=g.ecount(), maxLength=a.max_length, version=ig.__version__)


if __name__ == "__main__":
    main()
