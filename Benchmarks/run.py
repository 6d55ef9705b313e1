#!/usr/bin/env python3
"""LoopLedger vs. its peers, in one run.

usage: python3 Benchmarks/run.py [--quick] [--task T ...] [--size S ...] [--tool X ...]
                                 [--timeout SEC] [--repeat N] [--ours PATH] [--no-generate]

* creates Benchmarks/.venv with the pinned peers (peers/setup.sh) when it is missing, and re-runs
  itself with that interpreter;
* generates the data sets it needs into Benchmarks/data/ (generate.py presets) when missing;
* runs every task x size x tool as a separate process with a timeout, measuring wall time and
  peak RSS of that process (os.wait4's rusage);
* with --repeat N, runs each one N times and keeps its fastest run (same rule for every tool);
* checks that the results agree (cycle counts exactly, circular share to 1e-6 relative, maximum
  circularity to 1e-6, clearing totals to 1e-9, DebtRank to 1e-9);
* for hodge, clearing and debtrank also runs ours from the graph file (tool `ours-graph`: the CSV
  converted once with `loopledger convert`, timed, into Benchmarks/data/SIZE.llg) and checks that
  every result is exactly the one from the CSV;
* prints a Markdown table and saves it with the raw JSON to Benchmarks/results/.

Our tool is /work/main/.build/release/loopledger (override with --ours or $LOOPLEDGER_BIN). This
script never builds it: when the binary is missing, our rows are skipped with a message.
"""
import argparse
import datetime
import json
import math
import os
import platform
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
VENV_PY = os.path.join(BENCH, ".venv", "bin", "python")
DATA = os.path.join(BENCH, "data")
RESULTS = os.path.join(BENCH, "results")
PEERS = os.path.join(BENCH, "peers")
DEFAULT_OURS = os.path.join(ROOT, ".build", "release", "loopledger")

# task -> (sizes, quick sizes, tools, max-length)
TASKS = {
    "cycles": (["dense-1e5", "dense-1e6", "dense-3.6e6", "dense-1e7"], ["dense-1e5"],
               ["ours", "igraph", "networkx"], None),
    "cycles-k3": (["heavy-1e3", "heavy-1e5", "heavy-1e6"], ["heavy-1e3"],
                  ["ours", "igraph", "networkx"], 3),
    "hodge": (["heavy-1e3", "heavy-1e5", "heavy-1e6"], ["heavy-1e3"], ["ours", "ours-graph", "scipy-cg"], None),
    "circulation": (["dense-1e5", "heavy-1e3", "heavy-1e4", "heavy-1e5", "heavy-1e6"],
                    ["dense-1e5", "heavy-1e3"], ["ours", "scipy-linprog"], None),
    "clearing": (["heavy-1e3", "heavy-1e5", "heavy-1e6"], ["heavy-1e3"], ["ours", "ours-graph", "numpy"], None),
    "debtrank": (["heavy-1e3", "heavy-1e5", "heavy-1e6"], ["heavy-1e3"], ["ours", "ours-graph", "numpy"], None),
    # CSV -> node numbers: the compared figure is the load alone (issue 18, item 1)
    "load": (["heavy-1e5", "heavy-1e6"], ["heavy-1e3"], ["ours", "pyarrow"], None),
}

# peers that are not run on a size (the reason is printed in the table)
# (override with --all-peers)
PEER_LIMITS = {
    ("scipy-linprog", "heavy-1e5"): "LP only for <= 2e5 edges",
    ("scipy-linprog", "heavy-1e6"): "LP only for <= 2e5 edges",
    # nx.simple_cycles(length_bound=3) took 6.5 s on heavy-1e3, did not finish in 15 min on a
    # 1e4/1e5 heavy graph nor in 51 min (39 CPU min) on heavy-1e5
    ("networkx", "heavy-1e5"): "> 50 min (measured once, not finished)",
    ("networkx", "heavy-1e6"): "not run (> 50 min already at 1e5)",
    # igraph simple_cycles(max=3) timed out at 600 s on heavy-1e6 (run 20261129-050953)
    ("igraph", "heavy-1e6"): "> 600 s (timed out once; --all-peers runs it)",
}

PEER_SCRIPTS = {
    ("cycles", "igraph"): "cycles_igraph.py",
    ("cycles", "networkx"): "cycles_networkx.py",
    ("cycles-k3", "igraph"): "cycles_igraph.py",
    ("cycles-k3", "networkx"): "cycles_networkx.py",
    ("hodge", "scipy-cg"): "hodge_scipy.py",
    ("circulation", "scipy-linprog"): "circulation_linprog.py",
    ("clearing", "numpy"): "clearing_numpy.py",
    ("debtrank", "numpy"): "debtrank_numpy.py",
    ("load", "pyarrow"): "load_pyarrow.py",
}

# task -> list of (name, path in our JSON, path in the peer's "result", comparison)
#   comparison: "exact" or a relative tolerance
CHECKS = {
    "cycles": [("count", "cycles.count", "count", "exact"),
               ("sumLength", "cycles.sumLength", "sumLength", "exact"),
               ("longest", "cycles.longest", "longest", "exact")],
    "hodge": [("circularShare", "hodge.circularShare", "circularShare", 1e-6)],
    "circulation": [("maxCircularity", "circulation.maxCircularity", "maxCircularity", 1e-6)],
    "clearing": [("totalPayments", "totalPayments", "totalPayments", 1e-9),
                 ("totalLiabilities", "totalLiabilities", "totalLiabilities", 1e-9),
                 ("defaulted", "defaulted", "defaulted", "exact")],
    "debtrank": [("debtRank", "debtRank", "debtRank", 1e-9)],
    "load": [("nodes", "nodes", "nodes", "exact"), ("rows", "rows", "rows", "exact"),
             ("selfLoops", "selfLoops", "selfLoops", "exact")],
}
CHECKS["cycles-k3"] = CHECKS["cycles"]


# --------------------------------------------------------------------------------------------
def ensure_venv():
    if not os.path.exists(VENV_PY):
        print("Benchmarks/.venv missing: running peers/setup.sh", file=sys.stderr)
        subprocess.run(["bash", os.path.join(PEERS, "setup.sh")], check=True)
    if os.path.realpath(sys.prefix) != os.path.realpath(os.path.join(BENCH, ".venv")):
        os.execv(VENV_PY, [VENV_PY, os.path.abspath(__file__)] + sys.argv[1:])


def data_file(size, generate=True):
    path = os.path.join(DATA, f"{size}.csv")
    if not os.path.exists(path):
        if not generate:
            return None
        os.makedirs(DATA, exist_ok=True)
        print(f"generating {path} ...", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, os.path.join(BENCH, "generate.py"), "preset", size, "-o", path],
                       check=True)
    return path


CONVERSIONS = {}   # size -> the one `loopledger convert` run that wrote its graph file


def graph_file(size, csv_path, args):
    """Benchmarks/data/SIZE.llg, converted from the CSV with our tool when missing or older."""
    path = os.path.join(DATA, f"{size}.llg")
    if size in CONVERSIONS:
        return path if CONVERSIONS[size]["status"] == "ok" else None
    fresh = os.path.exists(path) and os.path.getmtime(path) >= os.path.getmtime(csv_path)
    row = {"size": size, "status": "ok", "reused": fresh}
    if not fresh:
        cmd = [args.ours, "convert", csv_path, path]
        row["command"] = " ".join(shlex.quote(c) for c in cmd)
        print(f"[convert {size}] {row['command']}", file=sys.stderr, flush=True)
        m = measure(cmd, args.timeout)
        row.update(wall=m["wall"], peak_rss_bytes=m["peak_rss_bytes"])
        if m["rc"] != 0 or m["timed_out"]:
            row["status"] = "error"
            row["note"] = (m["stderr"].strip().splitlines() or [f"exit {m['rc']}"])[-1][:120]
    if row["status"] == "ok":
        row["bytes"] = os.path.getsize(path)
    CONVERSIONS[size] = row
    return path if row["status"] == "ok" else None


def measure(cmd, timeout):
    """Run cmd; return dict(rc, wall, peak_rss_bytes, stdout, stderr, timed_out)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)     # the process group of the child we started
            except ProcessLookupError:
                pass
        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, ru = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0); err.seek(0)
        return {"rc": proc.returncode, "wall": wall, "peak_rss_bytes": ru.ru_maxrss * 1024,
                "stdout": out.read().decode("utf-8", "replace"),
                "stderr": err.read().decode("utf-8", "replace"), "timed_out": timed_out.is_set()}


def lookup(obj, path):
    """Value at a dotted path; failing that, the first key named like the path's last part."""
    cur = obj
    for part in path.split("."):
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        else:
            cur = None
            break
    if cur is not None:
        return cur
    leaf = path.split(".")[-1]

    def find(o):
        if isinstance(o, dict):
            if leaf in o:
                return o[leaf]
            for v in o.values():
                r = find(v)
                if r is not None:
                    return r
        elif isinstance(o, list):
            for v in o:
                r = find(v)
                if r is not None:
                    return r
        return None
    return find(obj)


def last_json(text):
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                pass
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


def our_timings(js):
    """(load, compute) from our JSON `timings`: compute = timings.analysis, or else the sum of the
    per-analysis entries (timings.cycles / .hodge / .circulation ...) other than load and total."""
    t = js.get("timings") if isinstance(js, dict) else None
    if not isinstance(t, dict):
        return None, None
    load = t.get("load")
    if isinstance(t.get("analysis"), (int, float)):
        return load, t["analysis"]
    parts = [v for k, v in t.items() if k not in ("load", "total", "write", "output")
             and isinstance(v, (int, float))]
    return load, (sum(parts) if parts else None)


def ours_cmd(binary, task, path, k):
    if task in ("cycles", "cycles-k3"):
        cmd = [binary, "analyze", path, "--only", "cycles", "--count-only"]
        # analyze counts loops of at most 3 steps unless told otherwise.
        cmd += ["--max-length", str(k) if k is not None else "all"]
        return cmd + ["--format", "json"]
    if task == "hodge":
        return [binary, "analyze", path, "--only", "hodge", "--format", "json"]
    if task == "circulation":
        return [binary, "analyze", path, "--only", "circulation", "--format", "json"]
    if task == "clearing":
        return [binary, "clear", path, "--format", "json"]
    if task == "debtrank":
        return [binary, "debtrank", path, "--format", "json"]
    if task == "load":
        # the cheapest analysis (2-cycles, ~1 % of the load); only timings.load is compared
        return [binary, "analyze", path, "--only", "cycles", "--max-length", "2", "--count-only",
                "--format", "json"]
    raise ValueError(task)


def run_one(task, size, tool, path, k, args):
    """Runs one task x size x tool --repeat times; keeps the fastest successful run (by the
    tool's own compute time, else wall time) and lists every run's times under `runs`."""
    best = None
    runs = []
    for _ in range(max(1, args.repeat)):
        row = run_once(task, size, tool, path, k, args)
        if row["status"] != "ok":
            return row if best is None else best
        runs.append({"wall": row["wall"], "load": row.get("load"), "compute": row.get("compute")})
        key = row.get("compute") if row.get("compute") is not None else row["wall"]
        if best is None or key < best[0]:
            best = (key, row)
    row = best[1]
    if len(runs) > 1:
        row["runs"] = runs
    return row


def run_once(task, size, tool, path, k, args):
    row = {"task": task, "size": size, "tool": tool, "status": "ok"}
    if tool in ("ours", "ours-graph"):
        if not args.ours_ok:
            row["status"] = "skipped"
            row["note"] = f"not built ({os.path.relpath(args.ours, ROOT)} missing)"
            return row
        if tool == "ours-graph":
            path = graph_file(size, path, args)
            if path is None:
                row["status"] = "error"
                row["note"] = "convert failed: " + CONVERSIONS[size].get("note", "")
                return row
        cmd = ours_cmd(args.ours, task, path, k)
    else:
        if (tool, size) in PEER_LIMITS and not args.all_peers:
            row["status"] = "skipped"
            row["note"] = PEER_LIMITS[(tool, size)]
            return row
        cmd = [sys.executable, os.path.join(PEERS, PEER_SCRIPTS[(task, tool)]), path]
        if k is not None:
            cmd += ["--max-length", str(k)]
    row["command"] = " ".join(shlex.quote(c) for c in cmd)
    print(f"[{task} {size} {tool}] {row['command']}", file=sys.stderr, flush=True)
    m = measure(cmd, args.timeout)
    row["wall"] = m["wall"]
    row["peak_rss_bytes"] = m["peak_rss_bytes"]
    if m["timed_out"]:
        row["status"] = "timeout"
        row["note"] = f"> {args.timeout:g} s"
        return row
    if m["rc"] != 0:
        row["status"] = "error"
        lines = m["stderr"].strip().splitlines() or [f"exit {m['rc']}"]
        row["note"] = next((ln for ln in lines if "rror" in ln), lines[-1]).strip()[:120]
        row["stderr"] = m["stderr"][-4000:]
        return row
    js = last_json(m["stdout"])
    if js is None:
        row["status"] = "error"
        row["note"] = "no JSON on stdout"
        row["stdout"] = m["stdout"][-4000:]
        return row
    row["json"] = js
    values = {}
    for name, ours_path, peer_path, _ in CHECKS[task]:
        values[name] = lookup(js, ours_path) if tool.startswith("ours") else lookup(js.get("result", {}), peer_path)
    row["values"] = values
    if tool.startswith("ours"):
        row["load"], row["compute"] = our_timings(js)
    else:
        row["load"] = js.get("load_seconds")
        row["compute"] = js.get("seconds")
    if task == "load":
        row["compute"] = row["load"]   # the load is the task
    return row


def agree(task, ref, row):
    """None if nothing to compare, else (bool, detail)."""
    bad = []
    for name, _, _, cmp in CHECKS[task]:
        a, b = ref["values"].get(name), row["values"].get(name)
        if a is None or b is None:
            bad.append(f"{name} missing")
            continue
        if cmp == "exact":
            if a != b:
                bad.append(f"{name} {b} != {a}")
        else:
            a, b = float(a), float(b)
            scale = max(abs(a), abs(b))
            if abs(a - b) > cmp * scale and abs(a - b) > 1e-15:
                bad.append(f"{name} rel diff {abs(a - b) / scale:.2e}")
    return (not bad, "; ".join(bad))


def fmt_s(x):
    if x is None:
        return "–"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 0.01:
        return f"{x:.2f}"
    return f"{x:.4f}"


def fmt_mem(b):
    return "–" if b is None else f"{b / 2**20:.0f} MiB"


def fmt_ratio(a, b):
    if a is None or b is None or b <= 0:
        return "–"
    return f"{a / b:.1f}×"


def result_text(task, row):
    v = row.get("values", {})
    if task in ("cycles", "cycles-k3"):
        return f"{v.get('count')} cycles (Σlen {v.get('sumLength')}, max {v.get('longest')})"
    if task == "hodge":
        cs = v.get("circularShare")
        ours = row["tool"].startswith("ours")
        r = row["json"] if ours else row["json"].get("result", {})
        it = lookup(row["json"], "hodge.iterations") if ours else r.get("iterations")
        return f"share {cs:.9f}, {it} it" if isinstance(cs, (int, float)) else f"share {cs}"
    if task == "circulation":
        mc = v.get("maxCircularity")
        text = f"{mc:.9f}" if isinstance(mc, (int, float)) else str(mc)
        gap = lookup(row["json"], "circulation.gap") if row["tool"].startswith("ours") else None
        return text + (f" (gap {gap:.0e})" if isinstance(gap, (int, float)) else "")
    if task == "clearing":
        tp, tl = v.get("totalPayments"), v.get("totalLiabilities")
        ratio = f" ({tp / tl:.6f})" if isinstance(tp, (int, float)) and tl else ""
        return f"paid {tp!r}{ratio}, {v.get('defaulted')} defaulted"
    if task == "load":
        return f"{v.get('nodes')} nodes, {v.get('rows')} rows, {v.get('selfLoops')} self-loops"
    if task == "debtrank":
        r = v.get("debtRank")
        return f"R = {r:.12f}" if isinstance(r, (int, float)) else f"R = {r}"
    return ""


def table(rows):
    head = ["Task", "Size", "Tool", "Wall s", "Load s", "Compute s", "Peak RSS", "Result",
            "Ratio wall", "Ratio compute", "Ratio load", "Agree"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        if r["status"] != "ok":
            cells = [r["task"], r["size"], r["tool"], fmt_s(r.get("wall")) if r["status"] == "timeout" else "–",
                     "–", "–", fmt_mem(r.get("peak_rss_bytes")) if r["status"] == "timeout" else "–",
                     f"{r['status']}: {r.get('note', '')}", "–", "–", "–", "–"]
        else:
            o = r.get("ours_row")
            peer = not r["tool"].startswith("ours")
            cells = [r["task"], r["size"], r["tool"], fmt_s(r["wall"]), fmt_s(r.get("load")),
                     fmt_s(r.get("compute")), fmt_mem(r["peak_rss_bytes"]), result_text(r["task"], r),
                     fmt_ratio(r["wall"], o["wall"]) if o and peer else "–",
                     fmt_ratio(r.get("compute"), o.get("compute")) if o and peer else "–",
                     fmt_ratio(r.get("load"), o.get("load")) if o and peer else "–",
                     r.get("agree_text", "–")]
        lines.append("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def graph_table(rows):
    """Whole process from the graph file against the CSV and the peers of the same run."""
    head = ["Task", "Size", "Graph file: wall s", "open s", "compute s", "CSV: wall s", "Peer",
            "Peer wall s", "Ratio wall (peer / graph file)", "Ratio wall (peer / CSV)", "Same result"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    groups = {}
    for r in rows:
        groups.setdefault((r["task"], r["size"]), []).append(r)
    for (task, size), grp in groups.items():
        graph = next((r for r in grp if r["tool"] == "ours-graph" and r["status"] == "ok"), None)
        if graph is None:
            continue
        csv = next((r for r in grp if r["tool"] == "ours" and r["status"] == "ok"), None)
        peers = [r for r in grp if not r["tool"].startswith("ours") and r["status"] == "ok"] or [None]
        for p in peers:
            lines.append("| " + " | ".join(str(c) for c in [
                task, size, fmt_s(graph["wall"]), fmt_s(graph.get("load")), fmt_s(graph.get("compute")),
                fmt_s(csv["wall"]) if csv else "–", p["tool"] if p else "–", fmt_s(p["wall"]) if p else "–",
                fmt_ratio(p["wall"], graph["wall"]) if p else "–",
                fmt_ratio(p["wall"], csv["wall"]) if p and csv else "–",
                graph.get("agree_text", "–")]) + " |")
    if len(lines) == 2:
        return ""
    notes = []
    for size, c in CONVERSIONS.items():
        if c["status"] != "ok":
            notes.append(f"convert {size}: failed ({c.get('note', '')})")
        elif c["reused"]:
            notes.append(f"convert {size}: graph file reused ({c['bytes'] / 2**20:.0f} MiB)")
        else:
            notes.append(f"convert {size}: {fmt_s(c['wall'])} s, peak RSS {fmt_mem(c['peak_rss_bytes'])}, "
                         f"{c['bytes'] / 2**20:.1f} MiB (`{c['command']}`)")
    return "\n".join(lines) + "\n\n" + "\n".join(notes)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes only")
    ap.add_argument("--task", action="append", choices=sorted(TASKS), help="repeatable; default all")
    ap.add_argument("--size", action="append", help="preset name (heavy-1e5, dense-3.6e6 ...), repeatable")
    ap.add_argument("--tool", action="append",
                    help="ours, ours-graph, igraph, networkx, scipy-cg, scipy-linprog, numpy")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per run (default 1800)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run each tool this many times and keep its fastest run (default 1)")
    ap.add_argument("--ours", default=os.environ.get("LOOPLEDGER_BIN", DEFAULT_OURS))
    ap.add_argument("--no-generate", action="store_true", help="skip sizes whose data file is missing")
    ap.add_argument("--no-ours", action="store_true", help="run the peers only")
    ap.add_argument("--all-peers", action="store_true",
                    help="also run peers on sizes they are skipped on by default (LP > 2e5 edges, "
                         "networkx bounded cycles on 1e5+ nodes)")
    args = ap.parse_args()

    args.ours_ok = (not args.no_ours) and os.path.isfile(args.ours) and os.access(args.ours, os.X_OK)
    if not args.ours_ok and not args.no_ours:
        print(f"NOTE: our tool is not built ({args.ours} missing): LoopLedger rows are skipped. "
              f"Build it with `swift build -c release` (this runner never builds it).",
              file=sys.stderr)

    plan = []
    for task in args.task or list(TASKS):
        sizes, quick, tools, k = TASKS[task]
        chosen = quick if args.quick else sizes
        if args.size:
            chosen = [s for s in sizes if s in args.size or s.split("-", 1)[1] in args.size]
        for size in chosen:
            for tool in tools:
                if args.tool and tool not in args.tool:
                    continue
                if args.no_ours and tool.startswith("ours"):
                    continue
                plan.append((task, size, tool, k))
    if not plan:
        print("nothing to run (check --task/--size/--tool)", file=sys.stderr)
        return 2

    rows = []
    for task, size, tool, k in plan:
        path = data_file(size, generate=not args.no_generate)
        if path is None:
            rows.append({"task": task, "size": size, "tool": tool, "status": "skipped",
                         "note": "data file missing (--no-generate)"})
            continue
        rows.append(run_one(task, size, tool, path, k, args))

    # agreement: against ours when it ran, else against the first peer that ran
    failures = 0
    groups = {}
    for r in rows:
        groups.setdefault((r["task"], r["size"]), []).append(r)
    for (task, size), grp in groups.items():
        ok_rows = [r for r in grp if r["status"] == "ok"]
        ours = next((r for r in ok_rows if r["tool"] == "ours"), None)
        ref = ours or (ok_rows[0] if ok_rows else None)
        for r in ok_rows:
            r["ours_row"] = ours
            if r is ref:
                r["agree_text"] = "ref" if len(ok_rows) > 1 else "–"
                continue
            if r["tool"] == "ours-graph" and ours is not None:
                # From the graph file, every checked value must be exactly the CSV's.
                diff = [f"{n} {r['values'].get(n)!r} != {ours['values'].get(n)!r}" for n in r["values"]
                        if r["values"].get(n) != ours["values"].get(n)]
                r["agree"] = not diff
                r["agree_text"] = "identical" if not diff else "NO (" + "; ".join(diff) + ")"
                failures += 0 if not diff else 1
                continue
            good, detail = agree(task, ref, r)
            r["agree"] = good
            r["agree_text"] = "yes" if good else f"NO ({detail})"
            failures += 0 if good else 1

    md = table(rows)
    graph_md = graph_table(rows)
    if graph_md:
        md += "\n\nFrom the graph file (`loopledger convert` once, then the same command on the .llg):\n\n" + graph_md
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    header = (f"LoopLedger benchmark {stamp} · {platform.machine()} · {os.cpu_count()} cores · "
              f"python {platform.python_version()}\n"
              f"ours: {args.ours if args.ours_ok else 'not run (' + args.ours + ' missing)'}\n\n"
              "Wall = whole process (load + analysis + start-up); Load / Compute = the tool's own "
              "timings (ours: JSON `timings`); Ratio = peer / ours (> 1 means we are faster)"
              + (f"; each the fastest of {args.repeat} runs" if args.repeat > 1 else "") + ".\n")
    print()
    print(header)
    print(md)
    os.makedirs(RESULTS, exist_ok=True)
    versions = {}
    try:
        import numpy, scipy, networkx, igraph  # noqa: E401
        versions = {"numpy": numpy.__version__, "scipy": scipy.__version__,
                    "networkx": networkx.__version__, "igraph": igraph.__version__}
    except ImportError:
        pass
    clean = [{k: v for k, v in r.items() if k != "ours_row"} for r in rows]
    doc = {"stamp": stamp, "machine": platform.machine(), "cpus": os.cpu_count(),
           "python": platform.python_version(), "versions": versions,
           "ours": args.ours if args.ours_ok else None, "timeout": args.timeout, "rows": clean,
           "conversions": CONVERSIONS}
    for name in (f"run-{stamp}", "latest"):
        with open(os.path.join(RESULTS, name + ".json"), "w") as f:
            json.dump(doc, f, indent=1, default=str)
        with open(os.path.join(RESULTS, name + ".md"), "w") as f:
            f.write(header + "\n" + md + "\n")
    print(f"\nsaved {os.path.join(RESULTS, 'run-' + stamp + '.json')} (and latest.json / latest.md)",
          file=sys.stderr)
    if failures:
        print(f"{failures} result(s) disagree", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    ensure_venv()
    sys.exit(main())
