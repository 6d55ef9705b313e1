#!/usr/bin/env python3
"""Maximum circulation (the CDFD circularity index) as a linear program, SciPy linprog + HiGHS.

usage: circulation_linprog.py FILE [--max-edges 200000] [--force]

After dropping self-loops and summing duplicate pairs, with capacities w_e > 0:
    maximise sum_e c_e  s.t.  0 <= c_e <= w_e,  sum_{e out of v} c_e = sum_{e into v} c_e  for all v.
Reports maxCircularity = sum c / sum w and circulation = sum c. Meant for small and medium graphs
(refuses more than --max-edges aggregated edges unless --force).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from scipy.optimize import linprog  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--max-edges", type=int, default=200_000)
    ap.add_argument("--force", action="store_true")
    a = ap.parse_args()

    t0 = common.now()
    ids, src, dst, amount = common.read_edges(a.file)
    n = len(ids)
    t1 = common.now()
    s, d, w = common.aggregate(n, src, dst, amount)
    m = len(w)
    if m > a.max_edges and not a.force:
        print(f"circulation_linprog: {m} edges > --max-edges {a.max_edges}; use --force", file=sys.stderr)
        sys.exit(3)
    e = np.arange(m)
    Aeq = sp.csr_array((np.concatenate([np.ones(m), -np.ones(m)]),
                        (np.concatenate([s, d]), np.concatenate([e, e]))), shape=(n, m))
    res = linprog(-np.ones(m), A_eq=Aeq, b_eq=np.zeros(n), bounds=np.column_stack([np.zeros(m), w]),
                  method="highs")
    t2 = common.now()
    if res.status != 0:
        print(f"linprog failed: {res.message}", file=sys.stderr)
        sys.exit(4)
    c = res.x
    total_w = float(w.sum())
    total_c = float(c.sum())
    imbalance = float(np.abs(Aeq @ c).max()) if m else 0.0
    common.emit("scipy-linprog", "circulation", t1 - t0, t2 - t1, {
        "maxCircularity": total_c / total_w if total_w > 0 else 0.0,
        "circulation": total_c,
        "totalFlow": total_w,
        "maxImbalance": imbalance,
    }, nodes=n, edges=int(m), version=scipy.__version__)


if __name__ == "__main__":
    main()
