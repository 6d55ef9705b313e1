#!/usr/bin/env python3
"""Time and peak memory of the Spark job in local mode beside the Swift engine, on the same files.

    Spark/.venv/bin/python Spark/bench.py [--size heavy-1e4 ...] [--task analyze|clear|debtrank ...]
                                          [--master local[2]] [--driver-memory 8g] [--ours PATH]

Sizes are Benchmarks/generate.py presets: heavy-1e4 (10^5 edges), heavy-1e5 (10^6), heavy-1e6
(10^7); the files are generated into Spark/data/ when missing. Each task × size × engine is its own
process. Wall time is the whole process (JVM start included for Spark); peak memory is the largest
total resident set of the process and all its descendants (the spark-submit JVM and the Python
driver), sampled every 0.1 s from /proc. The engines' own timings (`timings` in their JSON) are
reported as load and compute. For `analyze`, both engines run `--only cycles hodge` (the Spark job
does not compute the maximum circulation) and Spark's mean shuffle bytes per conjugate-gradient
iteration are taken from its JSON (`spark.hodge`). Results: one JSON line per run appended to
Spark/results/bench.jsonl, and a Markdown table on stdout.

The Swift binary: --ours, else $LOOPLEDGER_BIN, else /tmp/loopledger-ref/release/loopledger or
.build/release/loopledger when present, else .build/debug/loopledger (a debug build is marked).
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZES = {"heavy-1e4": 100_001, "heavy-1e5": 1_000_000, "heavy-1e6": 10_000_000}
TASKS = {"analyze": ["--only", "cycles", "hodge"], "clear": [], "debtrank": [],
         "hodge": ["--only", "hodge"], "cycles": ["--only", "cycles", "--count-only"]}
COMMAND = {"hodge": "analyze", "cycles": "analyze"}


def tree_rss(root_pid):
    """Total RSS in bytes of root_pid and its descendants."""
    children = {}
    rss = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            fields = stat[stat.rindex(")") + 2:].split()
            ppid = int(fields[1])
            rss[int(entry)] = int(fields[21]) * page
            children.setdefault(ppid, []).append(int(entry))
        except (OSError, ValueError, IndexError):
            continue
    total = 0
    stack = [root_pid]
    seen = set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def measure(cmd, env=None, timeout=None, log=os.devnull):
    """(exit status, wall seconds, peak tree RSS bytes, stdout); stderr goes to `log`."""
    start = time.perf_counter()
    with open(log, "w") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=env)
    peak = 0
    chunks = []
    import threading

    def reader():
        chunks.append(proc.stdout.read())
    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        if timeout and time.perf_counter() - start > timeout:
            proc.kill()
            break
        time.sleep(0.1)
    thread.join()
    wall = time.perf_counter() - start
    return proc.returncode, wall, peak, (chunks[0] if chunks else b"").decode("utf-8", "replace")


def swift_binary(explicit):
    for candidate in (explicit, os.environ.get("LOOPLEDGER_BIN"), "/tmp/loopledger-ref/release/loopledger",
                      os.path.join(ROOT, ".build/release/loopledger"), os.path.join(ROOT, ".build/debug/loopledger")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", action="append", choices=sorted(SIZES))
    ap.add_argument("--task", action="append", choices=sorted(TASKS))
    ap.add_argument("--engine", action="append", choices=["swift", "spark"])
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--driver-memory", default=None, help="default: 2g, 4g, 8g by size")
    ap.add_argument("--ours", default=None)
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--out", default=os.path.join(ROOT, "Spark/results/bench.jsonl"))
    a = ap.parse_args()
    sizes = a.size or ["heavy-1e4", "heavy-1e5", "heavy-1e6"]
    tasks = a.task or ["analyze", "clear", "debtrank"]
    engines = a.engine or ["swift", "spark"]
    py = os.path.join(ROOT, "Spark/.venv/bin/python")
    spark_home = subprocess.check_output([py, "-c", "import os, pyspark; print(os.path.dirname(pyspark.__file__))"], text=True).strip()
    submit = os.path.join(spark_home, "bin/spark-submit")
    ours = swift_binary(a.ours)
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=py, PYSPARK_DRIVER_PYTHON=py,
               LOOPLEDGER_SPARK_PROGRESS="1")
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    os.makedirs(os.path.join(ROOT, "Spark/data"), exist_ok=True)
    rows = []
    for size in sizes:
        path = os.path.join(ROOT, "Spark/data", size + ".csv")
        if not os.path.exists(path):
            print(f"generating {size} …", file=sys.stderr)
            subprocess.check_call([py, os.path.join(ROOT, "Benchmarks/generate.py"), "preset", size, "-o", path])
        memory = a.driver_memory or {"heavy-1e4": "2g", "heavy-1e5": "4g", "heavy-1e6": "10g"}[size]
        for task in tasks:
            for engine in engines:
                if engine == "swift":
                    if not ours:
                        continue
                    cmd = [ours, COMMAND.get(task, task), path, *TASKS[task], "--format", "json"]
                else:
                    cmd = [submit, "--master", a.master, "--driver-memory", memory,
                           os.path.join(ROOT, "Spark/loopledger_spark.py"), COMMAND.get(task, task), path, *TASKS[task],
                           "--format", "json"]
                print(f"{size} {task} {engine} …", file=sys.stderr)
                log = os.path.join(os.path.dirname(a.out), f"{size}-{task}-{engine}.log")
                status, wall, peak, out = measure(cmd, env=env, timeout=a.timeout, log=log)
                row = {"size": size, "edges": SIZES[size], "task": task, "engine": engine, "status": status,
                       "wall": round(wall, 2), "peakRssBytes": peak, "command": " ".join(cmd),
                       "when": time.strftime("%Y-%m-%dT%H:%M:%S")}
                try:
                    result = json.loads(out)
                    timings = result.get("timings", {})
                    row["load"] = timings.get("load")
                    row["compute"] = sum(v for k, v in timings.items() if k != "load")
                    if task in ("analyze", "hodge", "cycles"):
                        if result.get("cycles"):
                            row["cycles"] = result["cycles"]["count"]
                        if result.get("hodge"):
                            row["circularShare"] = result["hodge"]["circularShare"]
                            row["cgIterations"] = result["hodge"]["iterations"]
                        sp = result.get("spark", {}).get("hodge", {})
                        if sp:
                            row["shuffleWritePerCgIteration"] = sp.get("meanShuffleWriteBytesPerIteration")
                            row["shuffleReadPerCgIteration"] = sp.get("meanShuffleReadBytesPerIteration")
                        row["timings"] = timings
                    elif task == "clear":
                        row["totalPayments"] = result["totalPayments"]
                        row["defaulted"] = result["defaulted"]
                        row["iterations"] = result["iterations"]
                        sp = result.get("spark", {}).get("clearing", {})
                        if sp.get("meanShuffleWriteBytesPerSweep"):
                            row["shuffleWritePerSweep"] = sp["meanShuffleWriteBytesPerSweep"]
                    else:
                        row["debtRank"] = result["debtRank"]
                        row["steps"] = result["steps"]
                    if engine == "spark":
                        row["partitions"] = result["spark"]["partitions"]
                        row["shuffleWriteBytes"] = result["spark"].get("shuffleWriteBytes")
                    elif "debug" in ours:
                        row["note"] = "debug build"
                except (ValueError, KeyError, TypeError) as error:
                    row["error"] = f"{type(error).__name__}: {error}"
                rows.append(row)
                with open(a.out, "a") as f:
                    f.write(json.dumps(row) + "\n")
                print(json.dumps(row), file=sys.stderr)
    print("| edges | task | engine | wall s | load s | compute s | peak RSS | result | shuffle / CG iteration |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        result = ", ".join(x for x in (r.get("cycles") and f"{r['cycles']} cycles",
                                        r.get("circularShare") and f"share {r['circularShare']:.9f}, {r['cgIterations']} CG it")
                           if x) \
            or (r.get("totalPayments") and f"paid {r['totalPayments']:.6e}, {r['defaulted']} defaulted, {r['iterations']} sweeps") \
            or (r.get("debtRank") is not None and f"R = {r['debtRank']:.12f}") or r.get("error", f"status {r['status']}")
        shuffle = f"{r['shuffleWritePerCgIteration'] / 1e6:.2f} MB" if r.get("shuffleWritePerCgIteration") else ""
        print(f"| {r['edges']:,} | {r['task']} | {r['engine']} | {r['wall']:.1f} | {r.get('load') or 0:.2f} | "
              f"{r.get('compute') or 0:.2f} | {r['peakRssBytes'] / 2**20:.0f} MiB | {result} | {shuffle} |")


if __name__ == "__main__":
    main()
