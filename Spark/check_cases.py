#!/usr/bin/env python3
"""Helpers of Spark/check.sh: the hand-made edge cases, the run lists, and the comparisons.

    check_cases.py cases DIR                 write the hand-made edge-case files into DIR
    check_cases.py runs DIR                  the runs, one a line: NAME<TAB>command FILE options
    check_cases.py compare-swift SWIFT SPARK NAME...   Spark's JSON against the Swift CLI's
    check_cases.py compare-spark LOCAL CLUSTER NAME... cluster-mode JSON against local-mode JSON

Comparisons print one line per run (`ok NAME` or `FAIL NAME: …`) and a last line `passed failed`.
"""
import json
import math
import os
import random
import sys

# --- the hand-made cases ------------------------------------------------------------------------

CASES = {
    # a header and nothing else
    "header-only.csv": "source,target,amount\n",
    # one row, a self-loop: one node, no edge
    "only-self-loop.csv": "source,target,amount\nx,x,5\n",
    # a single 2-cycle
    "two-cycle.csv": "source,target,amount\na,b,5\nb,a,3\n",
    # BOM, CRLF, blank lines, columns in another order with an extra one, spaces around fields,
    # quoted ids with commas and doubled quotes, +1. / .5 / 2.5e1 amounts, a duplicate pair, a self-loop
    "messy.csv": ("\ufeff\r\nnote,Amount,TARGET,Source\r\nq,5,b,a\r\n\r\n, 2.5e1 ,a, b \r\n"
                  "z,+1.,\"c,1\",a\r\nz,7,a,\"c,1\"\r\nz,3,b,a\r\nz,.5,a,a\r\n"
                  "z,1e2,\"say \"\"hi\"\"\",b\r\nz,4,b,\"say \"\"hi\"\"\"\r\n"),
    # disconnected parts: two 3-cycles, a 2-cycle with equal flows (zero net), a chain, a star
    "disconnected.csv": ("source,target,amount\n"
                         "a1,a2,10\na2,a3,20\na3,a1,30\n"
                         "b1,b2,1\nb2,b3,1\nb3,b1,1\nb1,b3,4\n"
                         "c1,c2,7\nc2,c1,7\n"
                         "d1,d2,1\nd2,d3,2\nd3,d4,3\n"
                         "s,t1,5\ns,t2,6\ns,t3,7\nt3,s,1\n"),
    # bad rows (read with --skip-bad-rows; without it both engines refuse the file)
    "bad-rows.csv": ("source,target,amount\na,b,5\nb,c,-1\nc,a,abc\n,a,3\nb,,3\nc,a\nb,a,1e400\n"
                     "c,a,2\na,c,1e-3\nb,c,1_000\nb,c,0x10\nb,c,+7\n"),
    # external assets for disconnected.csv: two ids missing (then 0), one id not in the graph
    "disconnected-assets.csv": ("id,amount\na1,5\na2,0\n\"a3\",12.5\nb1,1\nb2,1\nb3,1\nc1,3\nc2,0\n"
                                "d1,1\nd2,1\nd3,1\nd4,1\ns,2\nt1,0\nzz,9\n"),
}


def write_cases(directory):
    os.makedirs(directory, exist_ok=True)
    for name, text in CASES.items():
        with open(os.path.join(directory, name), "w", encoding="utf-8", newline="") as out:
            out.write(text)
    # duplicates: a random graph written with every pair split over 1–3 rows in random order,
    # plus self-loops (deterministic)
    rng = random.Random(7)
    rows = []
    ids = [f"v{k}" for k in range(300)]
    for _ in range(2500):
        s, t = rng.choice(ids), rng.choice(ids)
        amount = round(rng.lognormvariate(8, 1.5), 2)
        parts = rng.randint(1, 3)
        for k in range(parts):
            rows.append(f"{s},{t},{round(amount / parts, 2)}")
    for _ in range(50):
        s = rng.choice(ids)
        rows.append(f"{s},{s},{rng.randint(1, 100)}")
    rng.shuffle(rows)
    with open(os.path.join(directory, "duplicates.csv"), "w", encoding="utf-8") as out:
        out.write("source,target,amount\n" + "\n".join(rows) + "\n")


def runs(directory):
    """(name, command line without --format, parquet source) for the local-mode check."""
    d = directory
    out = []

    def add(name, words):
        out.append((name, words))

    for case in ("header-only", "only-self-loop", "two-cycle", "messy", "disconnected", "duplicates"):
        f = f"{d}/{case}.csv"
        add(f"{case}.analyze", f"analyze {f}" + ("" if case in ("two-cycle", "messy") else " --only cycles hodge"))
        add(f"{case}.clear", f"clear {f}")
        add(f"{case}.debtrank", f"debtrank {f}")
    add("disconnected.clear-assets", f"clear {d}/disconnected.csv --external-assets {d}/disconnected-assets.csv")
    add("disconnected.debtrank-assets", f"debtrank {d}/disconnected.csv --external-assets {d}/disconnected-assets.csv --shock 3")
    add("disconnected.analyze-weighted", f"analyze {d}/disconnected.csv --only hodge cycles --weighted --max-length 2")
    add("duplicates.analyze-weighted", f"analyze {d}/duplicates.csv --only hodge cycles --weighted --max-length 2 --limit 5")
    add("duplicates.clear-costs", f"clear {d}/duplicates.csv --alpha 0.5 --beta 0.7")
    add("messy.analyze-dense", f"analyze {d}/messy.csv --node-keys dense")
    add("duplicates.clear-dense", f"clear {d}/duplicates.csv --node-keys dense")
    add("bad-rows.analyze-skip", f"analyze {d}/bad-rows.csv --only cycles hodge --skip-bad-rows")
    add("bad-rows.clear-skip", f"clear {d}/bad-rows.csv --skip-bad-rows")
    add("bad-rows.refused", f"analyze {d}/bad-rows.csv --only cycles hodge")
    for g in ("heavy-1e3", "heavy-1e4"):
        f = f"{d}/{g}.csv"
        add(f"{g}.analyze", f"analyze {f} --only cycles hodge")
        add(f"{g}.clear", f"clear {f}")
        add(f"{g}.debtrank", f"debtrank {f}")
    add("heavy-1e3.debtrank-shock3", f"debtrank {d}/heavy-1e3.csv --shock 3")
    return out


# --- comparisons ----------------------------------------------------------------------------------

def close(a, b, rel, scale=0.0, absolute=0.0):
    if a is None or b is None:
        return a is b
    a, b = float(a), float(b)
    if math.isnan(a) or math.isnan(b):
        return False
    return abs(a - b) <= max(rel * max(abs(a), abs(b), abs(scale)), absolute)


EXACT = {"rows", "selfLoops", "mergedRows", "skippedRows", "edges", "nodes", "defaulted", "steps",
         "distressedNodes", "idsWithoutExternalAssets", "externalAssets", "shocked", "file"}
DESIGN = {  # keys whose values differ by design between the engines (docs/spark.md)
    "timings", "iterations", "bracketGap", "circulation", "circulationSkipped"}


def b_gap_ok(out):
    return out.get("bracketGap", 0) <= 1e-13 * max(out.get("totalLiabilities", 0), 0) + 1e-300


def compare_swift(swift, spark, name):
    """Problems of Spark's output against the Swift CLI's, key by key."""
    problems = []
    missing = sorted(set(swift) - set(spark))
    if missing:
        problems.append(f"keys missing: {missing}")
    extra = sorted(set(spark) - set(swift) - {"spark"})
    if extra:
        problems.append(f"keys the Swift output does not have: {extra}")
    for key in sorted(set(swift) & set(spark)):
        a, b = swift[key], spark[key]
        if key in EXACT:
            if a != b:
                problems.append(f"{key}: swift {a!r} spark {b!r}")
        elif key == "cycles":
            if (a is None) != (b is None):
                problems.append(f"cycles: swift {a!r} spark {b!r}")
            elif a:
                for k in ("count", "sumLength", "longest", "histogram", "maxLength", "complete"):
                    if a[k] != b[k]:
                        problems.append(f"cycles.{k}: swift {a[k]!r} spark {b[k]!r}")
                if sorted(set(a) - set(b)):
                    problems.append(f"cycles keys missing: {sorted(set(a) - set(b))}")
                if len(a["listed"]) != len(b["listed"]):
                    problems.append(f"cycles.listed: {len(a['listed'])} cycles listed by swift, {len(b['listed'])} by spark")
        elif key == "hodge":
            if (a is None) != (b is None):
                problems.append(f"hodge: swift {a!r} spark {b!r}")
            elif a:
                if sorted(set(a) - set(b)):
                    problems.append(f"hodge keys missing: {sorted(set(a) - set(b))}")
                for k in ("supportEdges", "components", "weighted", "converged"):
                    if a[k] != b[k]:
                        problems.append(f"hodge.{k}: swift {a[k]!r} spark {b[k]!r}")
                if not close(a["circularShare"], b["circularShare"], 1e-9, absolute=1e-12):
                    problems.append(f"hodge.circularShare: swift {a['circularShare']!r} spark {b['circularShare']!r}")
                for k in ("total", "gradient", "circular"):
                    if not close(a[k], b[k], 1e-9, scale=a["total"]):
                        problems.append(f"hodge.{k}: swift {a[k]!r} spark {b[k]!r}")
                if a["converged"] and not b["relativeResidual"] <= 1e-9:
                    problems.append(f"hodge.relativeResidual: spark {b['relativeResidual']!r}")
                if abs(a["iterations"] - b["iterations"]) > 2:
                    problems.append(f"hodge.iterations: swift {a['iterations']} spark {b['iterations']}")
        elif key in ("totalLiabilities", "totalPayments"):
            if not close(a, b, 1e-9):
                problems.append(f"{key}: swift {a!r} spark {b!r}")
        elif key == "shortfall":
            if not close(a, b, 1e-9, scale=swift.get("totalLiabilities", 0)):
                problems.append(f"{key}: swift {a!r} spark {b!r}")
        elif key == "proven":
            # When the bracket closes depends on the sweep order (Gauss–Seidel vs Jacobi); what is
            # checked is that a proven Spark result is within its bound, and the totals above.
            if b and not b_gap_ok(spark):
                problems.append(f"proven: spark says proven with bracketGap {spark.get('bracketGap')!r}")
        elif key in ("debtRank", "initialLoss"):
            if not close(a, b, 1e-9, absolute=1e-9):
                problems.append(f"{key}: swift {a!r} spark {b!r}")
        elif key == "defaultCosts":
            if a != b:
                problems.append(f"defaultCosts: swift {a!r} spark {b!r}")
        elif key in DESIGN:
            pass
        else:
            problems.append(f"{key}: no comparison rule")
    if "circulation" in swift and swift["circulation"] is not None and spark.get("circulation") is None:
        if "circulation" not in spark.get("spark", {}).get("notComputed", {}):
            problems.append("circulation: null without an explanation under spark.notComputed")
        if spark.get("circulationSkipped") is not True:
            problems.append("circulationSkipped: expected true when the circulation is not computed")
    return problems


def compare_spark(local, cluster, path=""):
    """Problems of a cluster-mode output against the local-mode output: integers, strings and
    lists exactly, floats to 1e-12 relative (the order of floating-point sums depends on how
    shuffle blocks arrive); the `spark` and `timings` keys are not compared."""
    problems = []
    if isinstance(local, dict):
        if not isinstance(cluster, dict) or set(local) != set(cluster):
            return [f"{path}: keys differ"]
        for k in local:
            if k in ("spark", "timings") and path == "":
                continue
            problems += compare_spark(local[k], cluster[k], f"{path}.{k}" if path else k)
        return problems
    if isinstance(local, list):
        if not isinstance(cluster, list) or len(local) != len(cluster):
            return [f"{path}: lists differ"]
        for k, (a, b) in enumerate(zip(local, cluster)):
            problems += compare_spark(a, b, f"{path}[{k}]")
        return problems
    if isinstance(local, float) or isinstance(cluster, float):
        if path.endswith("relativeResidual") or path.endswith("bracketGap"):
            ok = close(local, cluster, 1e-3, absolute=1e-15)
        else:
            ok = close(local, cluster, 1e-12, absolute=1e-15)
        return [] if ok else [f"{path}: local {local!r} cluster {cluster!r}"]
    return [] if local == cluster else [f"{path}: local {local!r} cluster {cluster!r}"]


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return json.loads(text) if text.strip() else None


def status(path):
    try:
        with open(path + ".status") as f:
            return int(f.read().strip())
    except OSError:
        return None


def main(argv):
    if argv[0] == "cases":
        write_cases(argv[1])
        return 0
    if argv[0] == "runs":
        for name, words in runs(argv[1]):
            print(f"{name}\t{words}")
        return 0
    mode, left, right, names = argv[0], argv[1], argv[2], argv[3:]
    passed = failed = 0
    for pair in names:
        # NAME, or LEFTNAME=RIGHTNAME (the same analysis of the same graph from another file format)
        left_name, _, right_name = pair.partition("=")
        right_name = right_name or left_name
        name = right_name
        a_path, b_path = os.path.join(left, left_name + ".json"), os.path.join(right, right_name + ".json")
        sa, sb = status(a_path), status(b_path)
        if sa is None or sb is None:
            problems = [f"no result (status {sa}, {sb})"]
        elif sa != 0 or sb != 0:
            # a refused input must be refused by both
            problems = [] if (sa != 0 and sb != 0 and name.endswith(".refused")) else [f"exit status {sa} vs {sb}"]
        else:
            a, b = load(a_path), load(b_path)
            if left_name != right_name:
                b = dict(b, file=a["file"])
            problems = compare_swift(a, b, name) if mode == "compare-swift" else compare_spark(a, b)
        if problems:
            failed += 1
            print(f"FAIL {name}: " + "; ".join(problems[:6]))
        else:
            passed += 1
            print(f"ok   {name}")
    print(f"{passed} {failed}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
