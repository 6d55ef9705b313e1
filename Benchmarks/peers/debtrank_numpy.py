#!/usr/bin/env python3
"""DebtRank (Battiston, Puliga, Kaushik, Tasca & Caldarelli 2012) with NumPy/SciPy.

usage: debtrank_numpy.py FILE [--shocked 10] [--psi 1.0]

Convention (identical to `loopledger debtrank`):
  * self-loops dropped, duplicate rows summed; a_st = amount s owes t (t's claim on s);
  * external assets e_i = p_bar_i (0.25 + 0.5 u_i) as in clearing_numpy.py (p_bar_i = sum_t a_it);
  * total assets A_i = e_i + sum_s a_si; capital E_i = 0.1 A_i; economic value v_i = A_i / sum A;
  * impact of s on t: W_st = min(1, a_st / E_t);
  * initial shock: h_i = psi (= 1) on the 10 nodes with the largest A_i (ties by ascending id string),
    h = 0 elsewhere; those nodes start Distressed, all others Undistressed;
  * each round: h_t <- min(1, h_t + sum_{s Distressed} W_st h_s) for every t (h of the previous round);
    then Distressed -> Inactive, and Undistressed nodes with h > 0 -> Distressed; stop when no node
    is Distressed. Every node propagates at most once.
Reports debtRank R = sum_i h_i(final) v_i - sum_i h_i(initial) v_i, rounds, distressed (nodes with h > 0
at the end), shockedValue = sum_i h_i(initial) v_i.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.sparse as sp  # noqa: E402

UNDISTRESSED, DISTRESSED, INACTIVE = 0, 1, 2


def top_assets(ids, A, k):
    """Indices of the k largest A, ties broken by ascending id string."""
    n = len(A)
    if n <= k:
        cand = np.arange(n)
    else:
        kth = np.partition(A, n - k)[n - k]          # k-th largest value
        cand = np.flatnonzero(A >= kth)
    return sorted(cand.tolist(), key=lambda i: (-A[i], ids[i]))[:k]


def debtrank(ids, n, s, d, w, shocked=10, psi=1.0):
    pbar = np.bincount(s, weights=w, minlength=n)
    claims = np.bincount(d, weights=w, minlength=n)
    e = pbar * (0.25 + 0.5 * common.u_array(ids))
    A = e + claims
    E = 0.1 * A
    v = A / A.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        wst = np.where(E[d] > 0, np.minimum(1.0, w / E[d]), 0.0)
    WT = sp.csr_array((wst, (d, s)), shape=(n, n))    # WT[t, s] = W_st
    h = np.zeros(n)
    state = np.full(n, UNDISTRESSED, dtype=np.int8)
    S = top_assets(ids, A, shocked)
    h[S] = psi
    state[S] = DISTRESSED
    h0v = float(h @ v)
    rounds = 0
    while np.any(state == DISTRESSED):
        dist = state == DISTRESSED
        h = np.minimum(1.0, h + WT @ np.where(dist, h, 0.0))
        state[dist] = INACTIVE
        state[(state == UNDISTRESSED) & (h > 0)] = DISTRESSED
        rounds += 1
    R = float(h @ v) - h0v
    return {"debtRank": R, "rounds": rounds, "distressed": int(np.count_nonzero(h > 0)),
            "shockedValue": h0v, "shocked": [ids[i] for i in S]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--shocked", type=int, default=10)
    ap.add_argument("--psi", type=float, default=1.0)
    a = ap.parse_args()
    common.check_u()
    t0 = common.now()
    ids, src, dst, amount = common.read_edges(a.file)
    t1 = common.now()
    n = len(ids)
    s, d, w = common.aggregate(n, src, dst, amount)
    del src, dst, amount
    res = debtrank(ids, n, s, d, w, a.shocked, a.psi)
    t2 = common.now()
    common.emit("numpy", "debtrank", t1 - t0, t2 - t1, res, nodes=n, edges=int(len(w)),
                version=f"numpy {np.__version__}, scipy {scipy.__version__}")


if __name__ == "__main__":
    main()
