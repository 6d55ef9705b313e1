#!/usr/bin/env python3
"""Self-checks of the peer scripts on small hand-made and generated graphs (seconds to run).

usage: .venv/bin/python peers/selftest.py
Prints 'N passed, N failed'; exit code 1 on any failure.
"""
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import common  # noqa: E402

import numpy as np  # noqa: E402

PY = sys.executable
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def run(script, path, *args):
    out = subprocess.run([PY, os.path.join(HERE, script), path, *args], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["result"]


def write(tmp, name, rows):
    p = os.path.join(tmp, name)
    with open(p, "w") as f:
        f.write("source,target,amount\n")
        for r in rows:
            f.write("%s,%s,%s\n" % r)
    return p


def brute_cycles(n, edges, kmax=None):
    """Count elementary cycles by brute force: each cycle once, rooted at its smallest vertex."""
    adj = {i: set() for i in range(n)}
    for s, t in edges:
        if s != t:
            adj[s].add(t)
    count = total = longest = 0

    def dfs(root, v, length, seen):
        nonlocal count, total, longest
        for w in adj[v]:
            if w == root:
                count += 1; total += length; longest = max(longest, length)
            elif w > root and w not in seen and (kmax is None or length < kmax):
                seen.add(w); dfs(root, w, length + 1, seen); seen.discard(w)
    for r in range(n):
        dfs(r, r, 1, {r})
    return count, total, longest


def naive_debtrank(ids, n, edges, k=10):
    a = {}
    for s, t, x in edges:
        if s != t:
            a[(s, t)] = a.get((s, t), 0.0) + x
    pbar = [0.0] * n; claims = [0.0] * n
    for (s, t), x in a.items():
        pbar[s] += x; claims[t] += x
    e = [pbar[i] * (0.25 + 0.5 * common.u_scalar(ids[i])) for i in range(n)]
    A = [e[i] + claims[i] for i in range(n)]
    E = [0.1 * x for x in A]
    v = [x / sum(A) for x in A]
    h = [0.0] * n; st = ["U"] * n
    for i in sorted(range(n), key=lambda i: (-A[i], ids[i]))[:k]:
        h[i] = 1.0; st[i] = "D"
    h0 = sum(h[i] * v[i] for i in range(n))
    while "D" in st:
        new = h[:]
        for (s, t), x in a.items():
            if st[s] == "D":
                new[t] += min(1.0, x / E[t]) * h[s]
        new = [min(1.0, x) for x in new]
        st = ["I" if st[i] == "D" else ("D" if st[i] == "U" and new[i] > 0 else st[i]) for i in range(n)]
        h = new
    return sum(h[i] * v[i] for i in range(n)) - h0


def main():
    # u() test vectors
    try:
        common.check_u()
        check("u() test vectors (scalar and vectorised)", True)
    except AssertionError as e:
        check("u() test vectors", False, str(e))

    with tempfile.TemporaryDirectory() as tmp:
        tri = write(tmp, "tri.csv", [("a", "b", 1), ("b", "c", 1), ("c", "a", 1)])
        # a DAG whose net flow is a gradient (potentials a=0, b=1, c=3, d=4): share 0
        grad = write(tmp, "grad.csv", [("a", "b", 1), ("b", "c", 2), ("a", "c", 3), ("c", "d", 1)])
        # a DAG whose net flow is NOT a gradient: its triangle carries a circular part
        dag = write(tmp, "dag.csv", [("a", "b", 1), ("b", "c", 2), ("a", "c", 5), ("c", "d", 1)])
        # duplicates, a self-loop, reciprocal pair, a zero-net pair
        mix = write(tmp, "mix.csv", [("a", "b", 2), ("b", "c", 1), ("c", "a", 1), ("c", "c", 5),
                                     ("b", "a", 1), ("d", "c", 1), ("a", "b", 1), ("e", "d", 2),
                                     ("d", "e", 2)])

        r = run("hodge_scipy.py", tri)
        check("hodge: pure 3-cycle has circularShare 1", abs(r["circularShare"] - 1) < 1e-12, r)
        r = run("hodge_scipy.py", grad)
        check("hodge: gradient DAG has circularShare 0", abs(r["circularShare"]) < 1e-12, r)
        r = run("hodge_scipy.py", dag)
        # cycle a->b->c->a carries 1 + 2 - 5 = -2 over 3 edges: circular2 = 4/3
        check("hodge: non-gradient DAG circular2 = 4/3", abs(r["circular2"] - 4 / 3) < 1e-12, r)
        check("hodge: orthogonality normF2 = gradient2 + circular2",
              abs(r["normF2"] - r["gradient2"] - r["circular2"]) < 1e-9 * r["normF2"], r)
        r = run("hodge_scipy.py", mix)
        # support: ab f=2, bc 1, ac -1, cd -1, de 0 (zero-net pair stays)
        check("hodge: duplicates summed, self-loop dropped, zero-net pair kept",
              abs(r["normF2"] - 7.0) < 1e-12, r)

        r = run("circulation_linprog.py", tri)
        check("linprog: pure cycle maxCircularity 1", abs(r["maxCircularity"] - 1) < 1e-9, r)
        r = run("circulation_linprog.py", dag)
        check("linprog: DAG maxCircularity 0", abs(r["maxCircularity"]) < 1e-12, r)
        r = run("circulation_linprog.py", mix)
        # a<->b: 3 and 1, triangle a->b->c->a: 1, d<->e: 2+2 -> (1+1) + 3 + 4 = 9 of 11
        check("linprog: mixed graph circulation 9 of 11",
              abs(r["circulation"] - 9) < 1e-7 and abs(r["totalFlow"] - 11) < 1e-12, r)

        # cycles: networkx vs igraph vs brute force on random small digraphs
        rng = random.Random(7)
        ok = True
        for trial in range(12):
            n = rng.randint(3, 8)
            p = rng.uniform(0.2, 0.7)
            edges = [(i, j) for i, j in itertools.permutations(range(n), 2) if rng.random() < p]
            if rng.random() < 0.5 and edges:
                edges.append(edges[0])                      # a duplicate row
            edges.append((0, 0))                            # a self-loop row
            path = write(tmp, f"r{trial}.csv", [(f"x{s}", f"x{t}", 1.5) for s, t in edges])
            for k in (None, 2, 3, 4):
                want = brute_cycles(n, edges, k)
                args = [] if k is None else ["--max-length", str(k)]
                for tool in ("networkx", "igraph"):
                    res = run(f"cycles_{tool}.py", path, *args)
                    got = (res["count"], res["sumLength"], res["longest"])
                    if got != want:
                        ok = False
                        print(f"  mismatch {tool} trial {trial} k={k}: {got} != {want}")
        check("cycles: networkx == igraph == brute force (12 graphs, k = none, 2, 3, 4)", ok)

        # clearing: fictitious default == Picard iteration
        gen = os.path.join(os.path.dirname(HERE), "generate.py")
        h = os.path.join(tmp, "h.csv")
        subprocess.run([PY, gen, "heavy", "300", "3000", "--seed", "5", "-o", h], check=True,
                       capture_output=True)
        r = run("clearing_numpy.py", h, "--check-picard", "5000")
        check("clearing: fictitious-default total == Picard total (1e-12)",
              abs(r["totalPayments"] - r["picardTotalPayments"]) <= 1e-12 * r["totalLiabilities"], r)
        check("clearing: fixed-point residual < 1e-12 and some defaults",
              r["fixedPointResidual"] < 1e-12 and r["defaulted"] > 0, r)
        # debtrank: vectorised == naive loop
        ids, s, d, a = common.read_edges(h)
        want = naive_debtrank(ids, len(ids), list(zip(s.tolist(), d.tolist(), a.tolist())))
        r = run("debtrank_numpy.py", h)
        check("debtrank: vectorised == naive (1e-12)", abs(r["debtRank"] - want) < 1e-12,
              f"{r['debtRank']} vs {want}")
        # loader: numpy path == python path, first-appearance order, CRLF, long ids
        longp = os.path.join(tmp, "long.csv")
        with open(longp, "w", newline="") as f:
            f.write("source,target,amount\r\n")
            f.write("a-very-long-company-name-ltd,b,1.5\r\n\r\nb,c,2e3\r\nc,a-very-long-company-name-ltd,3\r\n")
        ids, s, d, a = common.read_edges(longp)
        check("loader: ids in first-appearance order, CRLF, blank line, exponent amounts",
              ids == ["a-very-long-company-name-ltd", "b", "c"] and s.tolist() == [0, 1, 2]
              and d.tolist() == [1, 2, 0] and a.tolist() == [1.5, 2000.0, 3.0], (ids, s, d, a))
        data = open(h, "rb").read()
        nl = data.find(b"\n") + 1
        A = common._read_numpy(data, nl)
        B = common._read_python(data, nl)
        check("loader: numpy parser == python parser",
              A[0] == B[0] and all(np.array_equal(x, y) for x, y in zip(A[1:], B[1:])))

    # generator determinism
    outs = [subprocess.run([PY, os.path.join(os.path.dirname(HERE), "generate.py"), "heavy", "500", "4000",
                            "--seed", "3"], check=True, capture_output=True).stdout for _ in range(2)]
    check("generator: same seed -> identical bytes", outs[0] == outs[1] and len(outs[0]) > 1000)

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
