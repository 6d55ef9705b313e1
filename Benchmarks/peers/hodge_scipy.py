#!/usr/bin/env python3
"""Hodge decomposition of the net flow with SciPy sparse conjugate gradients.

usage: hodge_scipy.py FILE [--rtol 1e-10] [--maxiter N]

Convention (identical to `loopledger analyze --only hodge`):
  * node index = order of first appearance of the id (source then target on each row);
  * self-loops dropped, duplicate rows summed;
  * support = one undirected edge per unordered pair {i, j} with an edge in either direction,
    oriented i < j; net flow f_e = a_ij - a_ji (pairs with zero net flow stay in the support);
  * unit weights; B = edge-node incidence, (B phi)_e = phi_j - phi_i; L = B^T B (graph Laplacian);
  * solve L phi = B^T f with scipy.sparse.linalg.cg, Jacobi preconditioner diag(L)^-1, x0 = 0,
    stopping when ||B^T f - L phi|| < rtol * ||B^T f|| (SciPy's test, unpreconditioned residual);
  * phi made mean-zero on every connected component.
Reports normF2 = ||f||^2, gradient2 = ||B phi||^2, circular2 = ||f - B phi||^2,
circularShare = circular2 / normF2, iterations (CG iterations), relativeResidual = ||B^T f - L phi|| / ||B^T f||.
Timing: load_seconds = CSV -> arrays; seconds = support + Laplacian assembly + CG + post-processing
(also split in setupSeconds / solveSeconds).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from scipy.sparse.csgraph import connected_components  # noqa: E402
from scipy.sparse.linalg import cg  # noqa: E402


def support(n, src, dst, amount):
    keep = src != dst
    src, dst, amount = src[keep], dst[keep], amount[keep]
    lo = np.minimum(src, dst)
    hi = np.maximum(src, dst)
    sign = np.where(src < dst, 1.0, -1.0)
    key = lo * n + hi
    uk, inv = np.unique(key, return_inverse=True)
    f = np.bincount(inv.ravel(), weights=sign * amount, minlength=len(uk))
    return uk // n, uk % n, f


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--rtol", type=float, default=1e-10)
    ap.add_argument("--maxiter", type=int, default=None)
    a = ap.parse_args()

    t0 = common.now()
    ids, src, dst, amount = common.read_edges(a.file)
    n = len(ids)
    t1 = common.now()

    i, j, f = support(n, src, dst, amount)
    del src, dst, amount
    m = len(f)
    b = np.bincount(j, weights=f, minlength=n) - np.bincount(i, weights=f, minlength=n)  # B^T f
    deg = (np.bincount(i, minlength=n) + np.bincount(j, minlength=n)).astype(np.float64)
    rows = np.concatenate([i, j])
    cols = np.concatenate([j, i])
    A = sp.csr_array((np.ones(2 * m), (rows, cols)), shape=(n, n))
    del rows, cols
    Lap = (sp.diags_array(deg) - A).tocsr()
    inv_deg = np.where(deg > 0, 1.0 / np.where(deg > 0, deg, 1.0), 0.0)
    M = sp.diags_array(inv_deg)
    t2 = common.now()

    iters = [0]

    def cb(_x):
        iters[0] += 1

    bnorm = float(np.linalg.norm(b))
    phi, info = cg(Lap, b, rtol=a.rtol, atol=0.0, maxiter=a.maxiter, M=M, callback=cb)
    t3 = common.now()

    ncomp, labels = connected_components(A, directed=False)
    sums = np.bincount(labels, weights=phi, minlength=ncomp)
    cnts = np.bincount(labels, minlength=ncomp)
    phi = phi - (sums / cnts)[labels]
    grad = phi[j] - phi[i]
    circ = f - grad
    normF2 = float(f @ f)
    gradient2 = float(grad @ grad)
    circular2 = float(circ @ circ)
    res = float(np.linalg.norm(b - Lap @ phi))
    t4 = common.now()

    common.emit("scipy-cg", "hodge", t1 - t0, t4 - t1, {
        "normF2": normF2,
        "gradient2": gradient2,
        "circular2": circular2,
        "circularShare": circular2 / normF2 if normF2 > 0 else None,
        "iterations": iters[0],
        "relativeResidual": res / bnorm if bnorm > 0 else 0.0,
        "converged": info == 0,
        "components": int(ncomp),
    }, nodes=n, edges=int(m), setupSeconds=t2 - t1, solveSeconds=t3 - t2, rtol=a.rtol,
        version=scipy.__version__)


if __name__ == "__main__":
    main()
