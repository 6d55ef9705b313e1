#!/usr/bin/env python3
"""Deterministic benchmark graphs for LoopLedger (CSV edge lists `source,target,amount`).

Usage:
    generate.py heavy N M [--seed S] [--reciprocal R] [-o FILE]
    generate.py dense N P SEED [-o FILE]
    generate.py preset NAME [-o FILE]          (see PRESETS below; `generate.py presets` lists them)

Same arguments -> identical bytes (NumPy's PCG64 `Generator`; pin NumPy via peers/setup.sh, since
NumPy only promises stream stability within a version). Without -o the CSV goes to stdout.
A summary (nodes, edges, reciprocal fraction) is printed to stderr.

heavy: Chung-Lu style directed graph with power-law expected out- and in-degrees (exponent
       GAMMA = 2.5, in-rank correlated with out-rank), no self-loops, no duplicate pairs. Unordered
       pairs are sampled until round(M / (1 + R)) distinct pairs exist; then round(R * pairs) of
       them, chosen uniformly, get the reverse edge too, so a fraction R (default 0.15) of the
       connected pairs is reciprocal and the edge count is ~M. Edges are written in random order.
       Node labels n0..n{N-1} are a random permutation of the degree ranks (n0 is not the hub).
       Nodes whose sampled degree is 0 do not appear (a fraction ~1e-3 at M/N = 10).
dense: G(N, P) random digraph: every ordered pair (i, j), i != j, is an edge with probability P.
       Ids n0..n{N-1}, edges in (i, j) order.

Amounts: lognormal(mu = ln 5000, sigma = 1.5), clipped to [0.01, 1e9), rounded to 6 significant
digits and written without exponent notation.
"""
import argparse
import math
import sys

import numpy as np

GAMMA = 2.5            # degree exponent of the heavy family
RANK_NOISE = 1.0       # std-dev of log-rank noise linking in-rank to out-rank
AMOUNT_MU = math.log(5000.0)
AMOUNT_SIGMA = 1.5

# name -> (family, args). Elementary-cycle counts of the dense presets were measured once with
# networkx.simple_cycles (networkx 3.6.1, numpy 2.4.6) and are cross-checked with igraph; see README.
PRESETS = {
    "heavy-1e3": ("heavy", (1_000, 10_000, 1)),
    "heavy-1e4": ("heavy", (10_000, 100_000, 1)),         # medium size for the linprog check
    "heavy-1e5": ("heavy", (100_000, 1_000_000, 1)),
    "heavy-1e6": ("heavy", (1_000_000, 10_000_000, 1)),
    # dense presets: (N, p, seed); elementary-cycle counts in DENSE_CYCLES
    "dense-1e5": ("dense", (12, 0.5, 5)),
    "dense-1e6": ("dense", (13, 0.55, 1)),
    "dense-3.6e6": ("dense", (14, 0.55, 2)),     # the issue's ~3.6e6-cycle goal graph
    "dense-1e7": ("dense", (14, 0.55, 7)),
}

# Elementary cycles of the dense presets (count, sumLength, longest), measured with
# networkx 3.6.1 simple_cycles and identical with python-igraph 1.0.0 simple_cycles.
DENSE_CYCLES = {
    "dense-1e5": (95_489, 926_261, 12),          # 12 nodes, 68 edges
    "dense-1e6": (1_282_684, 14_065_812, 13),    # 13 nodes, 85 edges
    "dense-3.6e6": (3_736_004, 43_917_008, 14),  # 14 nodes, 97 edges (3.6e6 + 3.8 %)
    "dense-1e7": (9_103_130, 109_466_283, 14),   # 14 nodes, 99 edges
}


def _amounts(rng, n):
    a = rng.lognormal(AMOUNT_MU, AMOUNT_SIGMA, n)
    np.clip(a, 0.01, 9.99999e8, out=a)
    e = np.floor(np.log10(a))
    scale = 10.0 ** (5 - e)
    r = np.rint(a * scale) / scale
    return r


def _fmt_amounts(r):
    """6-significant-digit strings without exponent (r already rounded to 6 significant digits)."""
    out = []
    app = out.append
    for v in r.tolist():
        if v >= 1e6:
            app("%d" % v)
        else:
            app("%.6g" % v)
    return out


def _write(out, src, dst, amounts, chunk=500_000):
    out.write("source,target,amount\n")
    n = len(src)
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        am = _fmt_amounts(amounts[lo:hi])
        s = src[lo:hi].tolist()
        t = dst[lo:hi].tolist()
        out.write("".join(["n%d,n%d,%s\n" % x for x in zip(s, t, am)]))


def heavy(n, m, seed=1, reciprocal=0.15):
    """Return (src, dst, amount) arrays for the heavy-tailed family."""
    rng = np.random.Generator(np.random.PCG64(seed))
    alpha = 1.0 / (GAMMA - 1.0)
    rank = np.arange(1, n + 1, dtype=np.float64)
    w_out = rank ** -alpha
    # in-weights: ranks perturbed in log space, so big senders tend to be big receivers
    in_rank = np.empty(n, dtype=np.float64)
    in_rank[np.argsort(np.log(rank) + rng.normal(0.0, RANK_NOISE, n), kind="stable")] = rank
    w_in = in_rank ** -alpha
    c_out = np.cumsum(w_out); c_out /= c_out[-1]
    c_in = np.cumsum(w_in); c_in /= c_in[-1]

    target_pairs = int(round(m / (1.0 + reciprocal)))
    keys = np.empty(0, dtype=np.int64)        # distinct unordered keys, in first-sampled order
    srcs = np.empty(0, dtype=np.int64)
    dsts = np.empty(0, dtype=np.int64)
    while len(keys) < target_pairs:
        need = target_pairs - len(keys)
        batch = int(need * 1.15) + 1000
        s = np.searchsorted(c_out, rng.random(batch), side="right")
        t = np.searchsorted(c_in, rng.random(batch), side="right")
        np.minimum(s, n - 1, out=s); np.minimum(t, n - 1, out=t)
        ok = s != t
        s, t = s[ok], t[ok]
        k = np.minimum(s, t) * n + np.maximum(s, t)
        allk = np.concatenate([keys, k])
        alls = np.concatenate([srcs, s])
        allt = np.concatenate([dsts, t])
        _, first = np.unique(allk, return_index=True)
        first.sort()
        keys, srcs, dsts = allk[first], alls[first], allt[first]
    keys, srcs, dsts = keys[:target_pairs], srcs[:target_pairs], dsts[:target_pairs]
    del keys
    n_rec = int(round(reciprocal * target_pairs))
    rec = rng.choice(target_pairs, size=n_rec, replace=False)
    src = np.concatenate([srcs, dsts[rec]])
    dst = np.concatenate([dsts, srcs[rec]])
    del srcs, dsts, rec
    perm = rng.permutation(len(src))
    src, dst = src[perm], dst[perm]
    del perm
    label = rng.permutation(n)                 # rank -> label number
    src, dst = label[src], label[dst]
    amounts = _amounts(rng, len(src))
    return src, dst, amounts


def dense(n, p, seed):
    rng = np.random.Generator(np.random.PCG64(seed))
    mask = rng.random((n, n)) < p
    np.fill_diagonal(mask, False)
    src, dst = np.nonzero(mask)
    amounts = _amounts(rng, len(src))
    return src.astype(np.int64), dst.astype(np.int64), amounts


def summary(src, dst, label):
    n = len(np.union1d(src, dst))
    m = len(src)
    hi = int(max(src.max(), dst.max())) + 1 if m else 1
    fwd = src * hi + dst
    rev = dst * hi + src
    both = np.isin(fwd, rev, assume_unique=True).sum()   # edges whose reverse exists
    pairs = m - both // 2
    rec_pairs = both // 2
    out_deg = np.bincount(src)
    in_deg = np.bincount(dst)
    print(f"{label}: nodes={n} edges={m} pairs={pairs} reciprocal_pairs={rec_pairs} "
          f"reciprocal_fraction={rec_pairs / max(pairs, 1):.4f} "
          f"max_out={out_deg.max()} max_in={in_deg.max()}", file=sys.stderr)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="family", required=True)
    h = sub.add_parser("heavy")
    h.add_argument("n", type=float); h.add_argument("m", type=float)
    h.add_argument("--seed", type=int, default=1)
    h.add_argument("--reciprocal", type=float, default=0.15)
    h.add_argument("-o", "--output")
    d = sub.add_parser("dense")
    d.add_argument("n", type=int); d.add_argument("p", type=float); d.add_argument("seed", type=int)
    d.add_argument("-o", "--output")
    pr = sub.add_parser("preset")
    pr.add_argument("name", choices=sorted(PRESETS))
    pr.add_argument("-o", "--output")
    sub.add_parser("presets")
    a = ap.parse_args(argv)

    if a.family == "presets":
        for k, (fam, args) in PRESETS.items():
            extra = f"  cycles={DENSE_CYCLES[k]}" if k in DENSE_CYCLES else ""
            print(f"{k:12s} {fam} {' '.join(map(str, args))}{extra}")
        return 0
    if a.family == "preset":
        fam, args = PRESETS[a.name]
        label = a.name
    elif a.family == "heavy":
        fam, args, label = "heavy", (int(a.n), int(a.m), a.seed), f"heavy {int(a.n)} {int(a.m)}"
    else:
        fam, args, label = "dense", (a.n, a.p, a.seed), f"dense {a.n} {a.p} {a.seed}"

    if fam == "heavy":
        if a.family == "heavy":
            src, dst, am = heavy(*args, reciprocal=a.reciprocal)
        else:
            src, dst, am = heavy(*args)
    else:
        src, dst, am = dense(*args)
    summary(src, dst, label)
    if a.output:
        tmp = a.output + ".tmp"
        with open(tmp, "w", buffering=1 << 22, newline="\n") as f:
            _write(f, src, dst, am)
        import os
        os.replace(tmp, a.output)
    else:
        _write(sys.stdout, src, dst, am)
    return 0


if __name__ == "__main__":
    sys.exit(main())
