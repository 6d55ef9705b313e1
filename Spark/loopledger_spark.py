#!/usr/bin/env python3
"""LoopLedger's bulk analyses on Apache Spark: `analyze`, `clear` and `debtrank` on DataFrames.

    spark-submit [--master URL] [--conf k=v ...] Spark/loopledger_spark.py analyze  FILE [options]
    spark-submit ...                              Spark/loopledger_spark.py clear    FILE [options]
    spark-submit ...                              Spark/loopledger_spark.py debtrank FILE [options]

FILE is a CSV edge list read as `loopledger analyze` reads it (header naming source, target and
amount in any order, other columns ignored, fields trimmed of spaces and tabs, `"` quoting, blank
lines skipped, duplicate (source, target) pairs summed, self-loops dropped and counted, nodes
numbered in order of first appearance) or Parquet (columns source, target, amount). The options
are those of the Swift subcommands (`loopledger analyze|clear|debtrank --help`) so that
`loopledger ... --engine spark` can pass its own options through verbatim; the output is the same
JSON (`--format json`) or text, with the Spark-only facts under the key `spark`. See docs/spark.md.

Every analysis runs on DataFrames: the edge list stays distributed, and only scalars (sums, counts,
the top-k cycles, the shocked nodes) are collected to the driver.
"""
import argparse
import json
import math
import os
import sys
import time

VERSION = 1
CONVENTION_TEXT = "convention: e_i = p̄_i·(0.25 + 0.5·u_i)"
DEFAULT_THRESHOLD = 1e-9          # a node has defaulted when p_i < p̄_i (1 − 1e-9)
AMOUNT_PATTERN = r"^\+?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"
MAX_REPORTED_ISSUES = 50
M64 = (1 << 64) - 1


def signed64(value):
    value &= M64
    return value - (1 << 64) if value >= 1 << 63 else value


FNV_OFFSET = signed64(0xCBF29CE484222325)
FNV_PRIME = 0x100000001B3
SPLITMIX_GAMMA = signed64(0x9E3779B97F4A7C15)
SPLITMIX_C1 = signed64(0xBF58476D1CE4E5B9)
SPLITMIX_C2 = signed64(0x94D049BB133111EB)


class UsageError(Exception):
    """A bad option or input: message on stderr, exit status 64 (like ArgumentParser's validation)."""


class InputError(Exception):
    """The input file cannot be read; exit status 1 with the problems listed."""


_STARTED = time.perf_counter()


def progress(message):
    """A progress line on stderr with the seconds since the job started (LOOPLEDGER_SPARK_PROGRESS=1)."""
    if os.environ.get("LOOPLEDGER_SPARK_PROGRESS"):
        log(f"{time.perf_counter() - _STARTED:9.1f} s  {message}")


def log(message):
    sys.stderr.write(f"[loopledger-spark] {message}\n")
    sys.stderr.flush()


# ---------------------------------------------------------------------------------------------
# Command line: the Swift subcommands' options, same names and defaults.
# ---------------------------------------------------------------------------------------------

def build_parser():
    ap = argparse.ArgumentParser(
        prog="loopledger_spark.py",
        description="LoopLedger's analyze, clear and debtrank on Apache Spark (docs/spark.md).")
    sub = ap.add_subparsers(dest="command", required=True)

    def common(p):
        p.add_argument("file", help="CSV edge list (or Parquet with columns source, target, amount)")
        p.add_argument("--format", choices=["text", "json", "markdown"], default="text")
        p.add_argument("--skip-bad-rows", action="store_true",
                       help="skip rows with a bad amount or a missing field, and count them")
        p.add_argument("--threads", type=int, default=None,
                       help="accepted for compatibility and ignored: Spark's parallelism comes from the master")
        p.add_argument("--input-format", choices=["auto", "csv", "parquet"], default="auto",
                       help="auto: Parquet for a .parquet path or a directory, else CSV")
        p.add_argument("--partitions", type=int, default=None,
                       help="shuffle partitions of the edge and node tables (default: from the input size)")
        p.add_argument("--checkpoint-dir", default=None,
                       help="reliable checkpoints of the iterated tables in this directory (default: local checkpoints)")
        p.add_argument("--explain", action="store_true", help="print the physical plan of one iteration on stderr")
        p.add_argument("--node-keys", choices=["auto", "dense"], default="auto",
                       help="auto: xxhash64 of the ids (dense numbers if two collide); dense: always number the nodes")

    a = sub.add_parser("analyze", help="cycles of length 2 and 3, Hodge decomposition")
    common(a)
    a.add_argument("--only", nargs="+", choices=["cycles", "hodge", "circulation"], default=[])
    a.add_argument("--max-length", default="3")
    a.add_argument("--count-only", action="store_true")
    a.add_argument("--limit", type=int, default=20)
    a.add_argument("--max-cycles", type=int, default=None)
    a.add_argument("--weighted", action="store_true")
    a.add_argument("--tolerance", type=float, default=1e-10)
    a.add_argument("--max-iterations", type=int, default=20_000)
    a.add_argument("--circulation-limit", type=int, default=None)
    a.add_argument("--nodes", default=None,
                   help="write each node's potential (id,potential,inflow,outflow) as a CSV directory")

    for name in ("clear", "debtrank"):
        p = sub.add_parser(name)
        common(p)
        p.add_argument("--external-assets", default=None, help="CSV id,amount of external assets")
        if name == "clear":
            p.add_argument("--alpha", type=float, default=None)
            p.add_argument("--beta", type=float, default=None)
            p.add_argument("--tolerance", type=float, default=1e-13)
            p.add_argument("--max-iterations", type=int, default=100_000)
        else:
            p.add_argument("--shock", type=int, default=10)
    return ap


def validate(args):
    if args.threads is not None and args.threads < 1:
        raise UsageError("'--threads' must be at least 1.")
    if args.partitions is not None and args.partitions < 1:
        raise UsageError("'--partitions' must be at least 1.")
    if args.command == "analyze":
        if args.max_length != "all":
            try:
                bound = int(args.max_length)
            except ValueError:
                bound = 0
            if bound < 2:
                raise UsageError(
                    f"'--max-length' must be a number of at least 2, or 'all'; got '{args.max_length}'.")
        if args.limit < 0:
            raise UsageError("'--limit' cannot be negative.")
        if args.circulation_limit is not None and args.circulation_limit < 0:
            raise UsageError("'--circulation-limit' cannot be negative.")
        if args.max_cycles is not None and args.max_cycles < 1:
            raise UsageError("'--max-cycles' must be at least 1.")
        if not (0 < args.tolerance < 1):
            raise UsageError("'--tolerance' must be in (0, 1).")
        if args.max_iterations < 0:
            raise UsageError("'--max-iterations' cannot be negative.")
    if args.command == "clear":
        if (args.alpha is None) != (args.beta is None):
            raise UsageError("Give both --alpha and --beta, or neither.")
        for name in ("alpha", "beta"):
            value = getattr(args, name)
            if value is not None and not (0 <= value <= 1):
                raise UsageError(f"'--{name}' must be in [0, 1]; got {value}.")
        if args.max_iterations < 0:
            raise UsageError("'--max-iterations' cannot be negative.")
    if args.command == "debtrank" and args.shock < 0:
        raise UsageError("'--shock' cannot be negative.")


# ---------------------------------------------------------------------------------------------
# Spark session and helpers
# ---------------------------------------------------------------------------------------------

class Engine:
    """The Spark session plus the helpers every analysis uses."""

    def __init__(self, args):
        from pyspark import SparkConf, SparkContext
        from pyspark.sql import SparkSession
        # Start (or attach to) the JVM first, so that SparkConf sees spark-submit's settings.
        SparkContext._ensure_initialized()
        conf = SparkConf()
        self.user_conf = {k for k, _ in conf.getAll()}
        builder = SparkSession.builder.appName(f"loopledger-{args.command}")
        master = conf.get("spark.master", None)
        if master is None:
            master = "local[*]"
            builder = builder.master(master)
        defaults = {"spark.ui.showConsoleProgress": "false"}
        if master.startswith("local"):
            # Local mode talks to nobody: keep the driver (and its web UI) on the loopback address.
            # (The web UI would bind to all interfaces unless SPARK_LOCAL_IP says otherwise: off by
            # default here; --conf spark.ui.enabled=true turns it on.)
            defaults.update({"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1"})
            if not os.environ.get("SPARK_LOCAL_IP"):
                defaults["spark.ui.enabled"] = "false"
        for key, value in defaults.items():
            if key not in self.user_conf:
                builder = builder.config(key, value)
        self.spark = builder.getOrCreate()
        self.sc = self.spark.sparkContext
        self.sc.setLogLevel(os.environ.get("LOOPLEDGER_SPARK_LOG_LEVEL", "WARN"))
        # Wrapping 64-bit arithmetic for the FNV-1a/splitmix64 hash; fixed partitioning so that
        # the iterated tables stay co-partitioned with the edge table (no shuffle of the edges).
        self.set_default("spark.sql.ansi.enabled", "false", force=True)
        self.set_default("spark.sql.adaptive.enabled", "false")
        self.args = args
        self.partitions = self.sc.defaultParallelism
        self.checkpoint_dir = getattr(args, "checkpoint_dir", None)
        if self.checkpoint_dir:
            self.sc.setCheckpointDir(self.checkpoint_dir)
        self.explain = getattr(args, "explain", False)
        self.run = 0
        self._sources = []
        self._observations = 0

    def start_run(self, args):
        """Per-command state (a batch runs several commands in one session)."""
        self.args = args
        self.run += 1
        self._sources = []
        self.explain = args.explain
        if args.checkpoint_dir and args.checkpoint_dir != self.checkpoint_dir:
            self.checkpoint_dir = args.checkpoint_dir
            self.sc.setCheckpointDir(self.checkpoint_dir)

    def set_default(self, key, value, force=False):
        if force or key not in self.user_conf:
            self.spark.conf.set(key, value)

    def choose_partitions(self, input_bytes):
        if self.args.partitions:
            n = self.args.partitions
        elif "spark.sql.shuffle.partitions" in self.user_conf:
            n = int(self.sc.getConf().get("spark.sql.shuffle.partitions"))
        else:
            # ~32 MiB of CSV (≈ 1.4·10⁶ edges) per partition, at least one per core.
            n = max(self.sc.defaultParallelism, int(math.ceil(input_bytes / (32 << 20))))
        self.partitions = n
        self.spark.conf.set("spark.sql.shuffle.partitions", str(n))
        return n

    def stage(self, df):
        """`df` with its lineage cut: computed (and kept) by the first job that reads it, so that
        materialising a table and aggregating over it is one Spark job. Keeps hash partitioning."""
        if self.checkpoint_dir:
            return df.checkpoint(eager=True)
        # Keep the source plan alive until the run ends: its SQL metrics (accumulators) are
        # updated by the tasks that later compute the checkpoint.
        self._sources.append(df)
        return df.localCheckpoint(eager=False)

    def stage_with(self, df, **metrics):
        """Materialises `df` (lineage cut, hash partitioning kept) and returns it with the given
        aggregates over it, computed in the same Spark job (Dataset.observe), as a dict."""
        from pyspark.sql import Observation
        self._observations += 1
        observation = Observation(f"loopledger-{self.run}-{self._observations}")
        observed = df.observe(observation, *[column.alias(name) for name, column in metrics.items()])
        self._sources.append(observed)
        if self.checkpoint_dir:
            staged = observed.checkpoint(eager=True)
        else:
            staged = observed.localCheckpoint(eager=True)
        return staged, observation.get

    # -- shuffle accounting from the application status store (no web UI needed) --------------
    def _store(self):
        jsc = self.sc._jsc.sc()
        try:
            jsc.listenerBus().waitUntilEmpty()
        except Exception:  # pragma: no cover - best effort
            time.sleep(0.5)
        return jsc.statusStore()

    def _stages(self, store):
        empty = self.sc._gateway.new_array(self.sc._jvm.double, 0)
        return store.stageList(None, False, False, empty, None)

    def shuffle_by_group(self, prefix):
        """{job group: (shuffle write bytes, shuffle read bytes)} for this run's groups starting with prefix."""
        prefix = f"r{self.run}-{prefix}"
        try:
            store = self._store()
            jobs = store.jobsList(None)
            stage_group = {}
            for k in range(jobs.size()):
                job = jobs.apply(k)
                group = job.jobGroup()
                if not group.isDefined() or not group.get().startswith(prefix):
                    continue
                ids = job.stageIds()
                for s in range(ids.size()):
                    stage_group[int(ids.apply(s))] = group.get()[len(prefix):]
            stages = self._stages(store)
            out = {}
            for k in range(stages.size()):
                st = stages.apply(k)
                name = stage_group.get(int(st.stageId()))
                if name is None:
                    continue
                w, r = out.get(name, (0, 0))
                out[name] = (w + int(st.shuffleWriteBytes()), r + int(st.shuffleReadBytes()))
            return out
        except Exception as error:  # the status store is a developer API; never fail the analysis
            log(f"shuffle metrics unavailable: {error}")
            return None

    def profile(self):
        """Per job group of this run: jobs, stages and seconds (LOOPLEDGER_SPARK_PROFILE=1, on stderr)."""
        prefix = f"r{self.run}-"
        store = self._store()
        jobs = store.jobsList(None)
        rows = {}
        for k in range(jobs.size()):
            job = jobs.apply(k)
            group = job.jobGroup()
            if not group.isDefined() or not group.get().startswith(prefix):
                continue
            name = group.get()[len(prefix):].rstrip("0123456789-") or group.get()[len(prefix):]
            start, end = job.submissionTime(), job.completionTime()
            seconds = (end.get().getTime() - start.get().getTime()) / 1000 if start.isDefined() and end.isDefined() else 0
            n, st, sec = rows.get(name, (0, 0, 0.0))
            rows[name] = (n + 1, st + job.stageIds().size(), sec + seconds)
        for name, (n, st, sec) in sorted(rows.items()):
            log(f"profile {name:24s} {n:4d} jobs {st:5d} stages {sec:8.2f} s in jobs")

    def run_shuffle_totals(self):
        """Shuffle bytes written and read by this run's jobs."""
        totals = self.shuffle_by_group("")
        if totals is None:
            return None, None
        return sum(v[0] for v in totals.values()), sum(v[1] for v in totals.values())

    def group(self, name, description=""):
        self.sc.setJobGroup(f"r{self.run}-{name}", description or name)

    def describe(self):
        import pyspark
        return {
            "engine": f"Apache Spark {self.spark.version} (PySpark {pyspark.__version__})",
            "master": self.sc.master,
            "applicationId": self.sc.applicationId,
            "defaultParallelism": self.sc.defaultParallelism,
            "partitions": self.partitions,
            "checkpoints": "reliable: " + self.checkpoint_dir if self.checkpoint_dir else "local",
            "jobVersion": VERSION,
        }


def F():
    from pyspark.sql import functions
    return functions


# ---------------------------------------------------------------------------------------------
# Reading the edge list
# ---------------------------------------------------------------------------------------------

def hadoop_path_info(engine, path):
    """(exists, is_directory, total bytes) through Hadoop's FileSystem (local, HDFS, S3, …)."""
    jvm = engine.sc._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    fs = p.getFileSystem(engine.sc._jsc.hadoopConfiguration())
    if not fs.exists(p):
        return False, False, 0
    status = fs.getFileStatus(p)
    length = fs.getContentSummary(p).getLength()
    return True, status.isDirectory(), int(length)


def split_record(line):
    """One CSV record as LoopLedger's reader splits it: [(raw field text, quoted)], and whether a
    quoted field is left open at the end of the line (a record spanning lines)."""
    fields = []
    start = 0
    i = 0
    n = len(line)
    in_quotes = False
    quoted = False
    while i < n:
        c = line[i]
        if in_quotes:
            if c == '"':
                if i + 1 < n and line[i + 1] == '"':
                    i += 2
                    continue
                in_quotes = False
            i += 1
            continue
        if c == ",":
            fields.append((line[start:i], quoted))
            quoted = False
            i += 1
            start = i
        else:
            if c == '"' and i == start:
                in_quotes = True
                quoted = True
            i += 1
    fields.append((line[start:n], quoted))
    return fields, in_quotes


def trim_st(text):
    return text.strip(" \t")


def unquote(text):
    """The text of a quoted field (already trimmed), as LoopLedger's reader takes it."""
    if len(text) >= 2:
        return text[1:-1].replace('""', '"')
    return text


def parse_quoted_line(line, columns):
    """Parses a line containing a quote character. Returns (fieldCount, source, target, amountText,
    open) with ids unquoted; mirrors EdgeListCSV.Parser.row for one physical line."""
    fields, still_open = split_record(line)
    count = len(fields)
    needed = max(columns)
    if count <= needed:
        return (count, None, None, None, still_open, False, False)
    out = []
    empty = []
    for k in columns[:2]:
        raw, q = fields[k]
        t = trim_st(raw)
        empty.append(t == "")        # the raw field is empty (a quoted "" is an empty id, not an empty field)
        out.append(unquote(t) if q else t)
    amount_text = trim_st(fields[columns[2]][0])
    return (count, out[0], out[1], amount_text, still_open, empty[0], empty[1])


def parse_header(line):
    fields, _ = split_record(line)
    names = []
    for raw, q in fields:
        t = trim_st(raw)
        names.append((unquote(t) if q else t).lower())
    return names


class EdgeList:
    """The edge table and what the reader saw."""

    def __init__(self):
        self.rows = 0
        self.self_loops = 0
        self.skipped = 0
        self.merged = 0
        self.nodes = 0
        self.edges = 0
        self.edge_df = None        # (i, j, w): i owes / pays j, summed over duplicate rows
        self.node_df = None        # (idx, id, at): node key, id, first appearance in the file
        self.input_bytes = 0
        self.keys = "xxhash64"


def read_edges(engine, args):
    """Reads the edge list. Node keys are 64-bit hashes of the ids (xxhash64, checked to be
    distinct; dense numbers in order of first appearance if two ids ever collide), so that the
    edge table never has to be joined with a table of id strings."""
    f = F()
    path = args.file
    exists, is_dir, size = hadoop_path_info(engine, path)
    if not exists:
        raise InputError(f"{path}: no such file, or it cannot be opened")
    fmt = args.input_format
    if fmt == "auto":
        fmt = "parquet" if (is_dir or path.lower().endswith(".parquet")) else "csv"
    result = EdgeList()
    result.input_bytes = size
    engine.choose_partitions(size)
    engine.group("load", "read the edge list")

    if fmt == "csv":
        if is_dir:
            raise UsageError(f"{path} is a directory; a CSV edge list is one file (Parquet may be a directory).")
        parsed, position, stats = parse_csv(engine, args, path)
    else:
        parsed, position = parse_parquet(engine, path)
        parsed = parsed.persist()
        stats = row_stats(parsed)
    rows, bad, loops = stats
    if bad and not args.skip_bad_rows:
        issues = describe_bad_rows(engine, parsed, position, fmt, path, bad)
        parsed.unpersist()
        raise InputError("\n".join(issues))
    good = parsed.where(f.col("bad").isNull())
    result.rows = rows
    result.skipped = bad
    result.self_loops = loops

    # Nodes: every id of a good row (self-loop rows too, as the Swift interner sees them), with
    # its first appearance (source before target on each row).
    appear = good.select(f.col("src").alias("id"), f.struct(*position, f.lit(0).alias("col")).alias("at")) \
        .unionByName(good.select(f.col("dst").alias("id"), f.struct(*position, f.lit(1).alias("col")).alias("at")))
    first = appear.groupBy("id").agg(f.min("at").alias("at"))
    node_df = engine.stage(first.select(f.xxhash64("id").alias("idx"), "id", "at").repartition(engine.partitions, "idx"))
    check = node_df.agg(f.count(f.lit(1)).alias("n"), f.countDistinct("idx").alias("k")).first()
    result.nodes = int(check["n"])
    if int(check["k"]) == result.nodes and args.node_keys == "auto":
        key = f.xxhash64
        edges = good.where(f.col("src") != f.col("dst")).groupBy(key("src").alias("i"), key("dst").alias("j")) \
            .agg(f.sum("amount").alias("w"), f.count(f.lit(1)).alias("c"))
    else:
        # Two ids share a hash: number the nodes 0, 1, … in order of first appearance instead.
        result.keys = "dense"
        node_df = dense_numbers(engine, first)
        pairs = good.where(f.col("src") != f.col("dst")).groupBy("src", "dst").agg(
            f.sum("amount").alias("w"), f.count(f.lit(1)).alias("c"))
        ids = node_df.select(f.col("id").alias("src"), f.col("idx").alias("i"))
        idt = node_df.select(f.col("id").alias("dst"), f.col("idx").alias("j"))
        edges = pairs.join(ids, "src").join(idt, "dst").select("i", "j", "w", "c")
    edges, agg = engine.stage_with(edges.repartition(engine.partitions, "i"),
                                   m=f.count(f.lit(1)), rows=f.sum("c"))
    result.edges = int(agg["m"])
    result.merged = int(agg["rows"] or 0) - result.edges
    result.edge_df = edges.select("i", "j", "w")
    result.node_df = node_df
    parsed.unpersist()
    progress(f"load: {result.rows} rows, {result.nodes} nodes, {result.edges} edges")
    return result


def dense_numbers(engine, first):
    """(idx, id, at) with idx = 0, 1, … in order of first appearance (a sort, then per-partition
    offsets collected to the driver: one number per partition)."""
    f = F()
    ordered = engine.stage(first.orderBy("at").select(
        "id", "at", f.spark_partition_id().alias("pid"), f.monotonically_increasing_id().alias("mid")))
    counts = {int(r["pid"]): int(r["n"]) for r in ordered.groupBy("pid").agg(f.count(f.lit(1)).alias("n")).collect()}
    offsets = []
    total = 0
    for pid in range(max(counts.keys(), default=-1) + 1):
        offsets.append(total)
        total += counts.get(pid, 0)
    offset_col = f.element_at(f.array(*[f.lit(o) for o in offsets]), f.col("pid") + 1) if offsets else f.lit(0)
    return engine.stage(ordered.select(
        (offset_col + f.col("mid") - f.shiftleft(f.col("pid").cast("long"), 33)).cast("long").alias("idx"),
        "id", "at").repartition(engine.partitions, "idx"))


def row_stats(parsed):
    f = F()
    stats = parsed.agg(
        f.count(f.lit(1)).alias("rows"),
        f.sum(f.when(f.col("bad").isNotNull(), 1).otherwise(0)).alias("bad"),
        f.sum(f.when(f.col("bad").isNull() & (f.col("src") == f.col("dst")), 1).otherwise(0)).alias("loops"),
    ).first()
    return int(stats["rows"]), int(stats["bad"] or 0), int(stats["loops"] or 0)


def parse_csv(engine, args, path):
    f = F()
    spark = engine.spark
    raw = spark.read.option("lineSep", "\n").text(path)
    lines = raw.select(
        f.col("value").alias("line"),
        f.input_file_block_start().alias("blk"),
        (f.monotonically_increasing_id() - f.shiftleft(f.spark_partition_id().cast("long"), 33)).alias("rip"))
    # The header: the first line that is not blank, in the file's first block. `limit` reads the
    # first partition (the file's first split) only; the sorted scan is the fallback.
    head = sorted((r for r in lines.limit(1000).collect() if r["blk"] == 0), key=lambda r: r["rip"])
    if not head or [r["rip"] for r in head] != list(range(len(head))):
        head = lines.where(f.col("blk") == 0).orderBy("rip").limit(1000).collect()
    header_at = None
    names = None
    for k, row in enumerate(head):
        text = row["line"]
        if k == 0 and text.startswith("\ufeff"):
            text = text[1:]
        if text.endswith("\r"):
            text = text[:-1]
        parsed = parse_header(text)
        if parsed == [""]:
            continue
        header_at = int(row["rip"])
        names = parsed
        break
    if names is None:
        if not head or all(r["line"].strip("\r\ufeff") == "" for r in head) and len(head) < 1000:
            raise InputError(f"{path}: line 1: the file is empty; expected a header 'source,target,amount'")
        raise InputError(f"{path}: no header within the first {len(head)} lines")
    missing = [c for c in ("source", "target", "amount") if c not in names]
    if missing:
        raise InputError(
            f"{path}: line {header_at + 1}: header: missing column(s) {', '.join(missing)}; the header must "
            f"name source, target and amount (found: {','.join(names)})")
    cols = (names.index("source"), names.index("target"), names.index("amount"))
    needed = max(cols)

    body = lines.where((f.col("blk") > 0) | (f.col("rip") > header_at))
    body = body.select("blk", "rip", f.regexp_replace("line", "\r$", "").alias("line"))
    body = body.where(f.col("line") != "")                      # blank lines are not rows
    quoted_line = f.instr(f.col("line"), '"') > 0

    # Split natively; lines with a quote character are re-parsed below (they are rare).
    fs = f.split("line", ",", -1)

    def field(k):
        return f.regexp_replace(fs.getItem(k), r"^[ \t]+|[ \t]+$", "")

    enough = f.size(fs) > needed
    plain = body.select(
        "blk", "rip", quoted_line.alias("quoted"), f.size(fs).alias("nf"),
        f.when(enough, field(cols[0])).alias("src"),
        f.when(enough, field(cols[1])).alias("dst"),
        f.when(enough, field(cols[2])).alias("amount_text"),
        f.lit(False).alias("open"))
    plain = plain.withColumn("src_empty", f.col("src") == "").withColumn("dst_empty", f.col("dst") == "")
    plain = finish_rows(plain, needed).persist()
    stats = plain.agg(
        f.count(f.lit(1)).alias("rows"),
        f.sum(f.when(f.col("quoted"), 1).otherwise(0)).alias("quoted"),
        f.sum(f.when(~f.col("quoted") & f.col("bad").isNotNull(), 1).otherwise(0)).alias("bad"),
        f.sum(f.when(~f.col("quoted") & f.col("bad").isNull() & (f.col("src") == f.col("dst")), 1).otherwise(0)).alias("loops"),
    ).first()
    if not stats["quoted"]:
        return plain.drop("quoted"), [f.col("blk"), f.col("rip")], \
            (int(stats["rows"]), int(stats["bad"] or 0), int(stats["loops"] or 0))

    # Lines with quotes: LoopLedger's field rules, in Python.
    from pyspark.sql.types import BooleanType, IntegerType, StringType, StructField, StructType
    schema = StructType([
        StructField("nf", IntegerType()), StructField("src", StringType()),
        StructField("dst", StringType()), StructField("amount_text", StringType()),
        StructField("open", BooleanType()), StructField("src_empty", BooleanType()),
        StructField("dst_empty", BooleanType())])
    parse_udf = f.udf(lambda s: parse_quoted_line(s, cols), schema)
    quoted = body.where(quoted_line).select("blk", "rip", parse_udf("line").alias("p")) \
        .select("blk", "rip", "p.nf", "p.src", "p.dst", "p.amount_text", "p.open", "p.src_empty", "p.dst_empty")
    quoted = finish_rows(quoted, needed)
    rows = plain.where(~f.col("quoted")).drop("quoted").unionByName(quoted).persist()
    plain.unpersist()
    return rows, [f.col("blk"), f.col("rip")], row_stats(rows)


def finish_rows(rows, needed):
    f = F()
    amount_ok = f.col("amount_text").rlike(AMOUNT_PATTERN) & (f.length("amount_text") < 64)
    rows = rows.withColumn("amount", f.when(amount_ok, f.col("amount_text").cast("double")))
    bad = (f.when(f.col("open"), f.lit("a quoted field runs past the end of the line (records spanning lines are not supported by the Spark reader)"))
           .when(f.col("nf") <= needed, f.concat(f.lit("has "), f.col("nf").cast("string"),
                                                 f.lit(f" field(s); expected at least {needed + 1} (source,target,amount)")))
           .when(f.col("src_empty"), f.lit("source: is empty"))
           .when(f.col("dst_empty"), f.lit("target: is empty"))
           .when(f.col("amount_text") == "", f.lit("amount: is empty"))
           .when(f.col("amount").isNull() | f.isnan("amount") | (f.abs("amount") == float("inf")),
                 f.concat(f.lit("amount: '"), f.substring("amount_text", 1, 40), f.lit("' is not a non-negative number"))))
    keep = [c for c in ("blk", "rip", "quoted") if c in rows.columns]
    return rows.withColumn("bad", bad).select(*keep, "src", "dst", "amount", "bad")


def parse_parquet(engine, path):
    f = F()
    df = engine.spark.read.parquet(path)
    lower = {c.lower(): c for c in df.columns}
    missing = [c for c in ("source", "target", "amount") if c not in lower]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)} (found: {','.join(df.columns)})")
    rows = df.select(
        f.input_file_name().alias("file"), f.input_file_block_start().alias("blk"),
        (f.monotonically_increasing_id() - f.shiftleft(f.spark_partition_id().cast("long"), 33)).alias("rip"),
        f.col(lower["source"]).cast("string").alias("src"),
        f.col(lower["target"]).cast("string").alias("dst"),
        f.col(lower["amount"]).cast("double").alias("amount"))
    bad = (f.when(f.col("src").isNull() | (f.col("src") == ""), f.lit("source: is empty"))
           .when(f.col("dst").isNull() | (f.col("dst") == ""), f.lit("target: is empty"))
           .when(f.col("amount").isNull() | f.isnan("amount") | (f.col("amount") < 0)
                 | (f.abs("amount") == float("inf")), f.lit("amount: is not a non-negative number")))
    rows = rows.withColumn("bad", bad)
    return rows, [f.col("file"), f.col("blk"), f.col("rip")]


def describe_bad_rows(engine, parsed, position, fmt, path, bad):
    f = F()
    sample = parsed.where(f.col("bad").isNotNull()).orderBy(*position).limit(MAX_REPORTED_ISSUES).collect()
    issues = []
    if fmt == "csv":
        # Physical line numbers: lines in earlier blocks + row within the block + 1.
        blocks = engine.spark.read.option("lineSep", "\n").text(path) \
            .select(f.input_file_block_start().alias("blk")).groupBy("blk").count().collect()
        before = {}
        total = 0
        for r in sorted(blocks, key=lambda r: r["blk"]):
            before[r["blk"]] = total
            total += r["count"]
        for r in sample:
            issues.append(f"{path}: line {before.get(r['blk'], 0) + r['rip'] + 1}: {r['bad']}")
    else:
        for r in sample:
            issues.append(f"{path}: row {r['rip'] + 1} of {r['file']}: {r['bad']}")
    if bad > len(sample):
        issues.append(f"{path}: …: {bad - len(sample)} more problem(s) not listed; use --skip-bad-rows to skip bad rows")
    return issues


# ---------------------------------------------------------------------------------------------
# u(id): FNV-1a-64 of the UTF-8 bytes, then the splitmix64 finaliser, in Spark SQL
# ---------------------------------------------------------------------------------------------

def unit_value_column(id_col="id"):
    f = F()
    hx = f"hex(encode({id_col}, 'UTF-8'))"
    h = (f"aggregate(slice(sequence(0, length({hx}) div 2), 1, length({hx}) div 2), "
         f"CAST({FNV_OFFSET} AS BIGINT), "
         f"(acc, k) -> (acc ^ CAST(conv(substring({hx}, 2 * k + 1, 2), 16, 10) AS BIGINT)) * CAST({FNV_PRIME} AS BIGINT))")
    z0 = f"({h}) + CAST({SPLITMIX_GAMMA} AS BIGINT)"
    return h, z0


def with_unit_value(df, id_col="id", out="u"):
    f = F()
    h, z0 = unit_value_column(id_col)
    df = df.withColumn("_z", f.expr(z0))
    df = df.withColumn("_z", f.expr(f"(_z ^ shiftrightunsigned(_z, 30)) * CAST({SPLITMIX_C1} AS BIGINT)"))
    df = df.withColumn("_z", f.expr(f"(_z ^ shiftrightunsigned(_z, 27)) * CAST({SPLITMIX_C2} AS BIGINT)"))
    df = df.withColumn("_z", f.expr("_z ^ shiftrightunsigned(_z, 31)"))
    df = df.withColumn(out, f.expr("CAST(shiftrightunsigned(_z, 11) AS DOUBLE)") * f.lit(2.0 ** -53))
    return df.drop("_z")


# ---------------------------------------------------------------------------------------------
# analyze: cycles of length 2 and 3
# ---------------------------------------------------------------------------------------------

def count_short_cycles(engine, graph, max_length, limit):
    """Counts elementary cycles of 2 and 3 steps, each once from its lowest-ranked node, ranking
    nodes by total degree (ties by node key), as the Swift counter does. A 3-cycle u → v → w → u
    with u lowest is found by joining u's out-edges to higher-ranked nodes with its in-edges from
    higher-ranked nodes (the wedges v ← u ← w: O(√m) neighbours above any node under this order,
    so a hub is the centre of few wedges and no partition gets a hub's square) and checking
    v → w against the edge table; a 2-cycle is such a wedge with v = w."""
    f = F()
    engine.group("cycles", "short cycles")
    e = graph.edge_df
    deg = e.select(f.col("i").alias("idx")).unionByName(e.select(f.col("j").alias("idx"))) \
        .groupBy("idx").agg(f.count(f.lit(1)).alias("deg"))
    ranked = e.join(deg.select(f.col("idx").alias("i"), f.col("deg").alias("di")), "i") \
        .join(deg.select(f.col("idx").alias("j"), f.col("deg").alias("dj")), "j")
    j_above = (f.col("dj") > f.col("di")) | ((f.col("dj") == f.col("di")) & (f.col("j") > f.col("i")))
    ranked = engine.stage(ranked.select("i", "j", "w", j_above.alias("up")).repartition(engine.partitions, "i"))
    up = ranked.where(f.col("up")).select(f.col("i").alias("u"), f.col("j").alias("v"), f.col("w").alias("wuv"))
    down = ranked.where(~f.col("up")).select(f.col("j").alias("u"), f.col("i").alias("x"), f.col("w").alias("wxu"))
    down = engine.stage(down.repartition(engine.partitions, "u"))
    wedge = up.join(down, "u").select("u", "v", "x", f.least("wuv", "wxu").alias("b0"))
    if max_length < 3:
        wedge = wedge.where(f.col("v") == f.col("x"))
    closing = e.select(f.col("i").alias("v"), f.col("j").alias("x"), f.col("w").alias("wvx"))
    two = wedge.where(f.col("v") == f.col("x")).select(
        f.col("u").alias("a"), f.col("v").alias("b"), f.lit(None).cast("long").alias("c"),
        f.col("b0").alias("bottleneck"), f.lit(2).alias("len"))
    cycles = two
    if max_length >= 3:
        three = wedge.where(f.col("v") != f.col("x")).join(closing, ["v", "x"]).select(
            f.col("u").alias("a"), f.col("v").alias("b"), f.col("x").alias("c"),
            f.least("b0", "wvx").alias("bottleneck"), f.lit(3).alias("len"))
        cycles = two.unionByName(three)
    if engine.explain:
        log("physical plan of the cycle count:")
        cycles.explain()
    cycles = engine.stage(cycles)
    counts_by_len = {int(r["len"]): int(r["n"]) for r in cycles.groupBy("len").agg(f.count(f.lit(1)).alias("n")).collect()}
    n2 = counts_by_len.get(2, 0)
    n3 = counts_by_len.get(3, 0)
    progress(f"cycles: {n2} of length 2, {n3} of length 3")

    listed, bottlenecks = [], []
    if limit > 0 and n2 + n3 > 0:
        top = cycles.orderBy(f.col("bottleneck").desc(), f.col("len"), "a", "b", "c").limit(limit).collect()
        wanted = sorted({x for r in top for x in (r["a"], r["b"], r["c"]) if x is not None})
        names, first = {}, {}
        for r in graph.node_df.where(f.col("idx").isin(wanted)).collect():
            names[int(r["idx"])] = r["id"]
            first[int(r["idx"])] = tuple(r["at"])
        for r in top:
            cycle = [r["a"], r["b"]] + ([r["c"]] if r["c"] is not None else [])
            start = min(range(len(cycle)), key=lambda k: first[cycle[k]])   # like Johnson's: lowest node first
            cycle = cycle[start:] + cycle[:start]
            listed.append([names[x] for x in cycle])
            bottlenecks.append(r["bottleneck"])
    histogram = [0, 0, n2] + ([n3] if max_length >= 3 else [])
    while len(histogram) > 1 and histogram[-1] == 0:
        histogram.pop()
    count = n2 + n3
    if count == 0:
        histogram = []
    summary = {
        "count": count, "sumLength": 2 * n2 + 3 * n3, "longest": 3 if n3 else (2 if n2 else 0),
        "histogram": histogram, "maxLength": max_length, "method": "spark-wedge-join",
        "threads": engine.sc.defaultParallelism, "complete": True, "listed": listed,
    }
    extra = {"listedOrder": "largest bottleneck first (the smallest amount along the cycle), ties by length, then "
                            "by node keys; each cycle starts at its node that appears first in the file",
             "listedBottlenecks": bottlenecks}
    return summary, extra


# ---------------------------------------------------------------------------------------------
# analyze: Hodge decomposition by distributed conjugate gradients
# ---------------------------------------------------------------------------------------------

def connected_components(engine, adj, nodes):
    """Components of the undirected support: minimum-label propagation with pointer jumping
    (each round: every node takes the smallest label among itself and its neighbours, then the
    label of that label). `adj` (i, j) holds both directions, partitioned by j; `nodes` (id) the
    support's nodes. Returns (count, labels (id, lab), rounds)."""
    f = F()
    labels = engine.stage(nodes.select("id", f.col("id").alias("lab")))
    rounds = 0
    while True:
        rounds += 1
        engine.group(f"hodge-components-{rounds:03d}", "connected components")
        seen = adj.join(labels.select(f.col("id").alias("j"), f.col("lab").alias("lj")).hint("shuffle_hash"), "j") \
            .groupBy("i").agg(f.min("lj").alias("m")).withColumnRenamed("i", "id")
        hooked = engine.stage(labels.join(seen.hint("shuffle_hash"), "id", "left").select(
            "id", f.least("lab", f.coalesce("m", "lab")).alias("l1"), f.col("lab").alias("l0")))
        jump = hooked.join(hooked.select(f.col("id").alias("l1"), f.col("l1").alias("l2")), "l1", "left") \
            .select("id", f.least("l1", f.coalesce("l2", "l1")).alias("lab"), "l0")
        jump, obs = engine.stage_with(jump.repartition(engine.partitions, "id"),
                                      changed=f.sum(f.when(f.col("lab") != f.col("l0"), 1).otherwise(0)))
        changed = obs["changed"] or 0
        labels = jump.select("id", "lab")
        if changed == 0:
            break
    count = labels.agg(f.countDistinct("lab")).first()[0] or 0
    return int(count), labels, rounds


def hodge(engine, graph, weighted, tolerance, max_iterations):
    f = F()
    engine.group("hodge-setup", "Hodge support and Laplacian")
    e = graph.edge_df
    lo = f.least("i", "j")
    hi = f.greatest("i", "j")
    sign = f.when(f.col("i") < f.col("j"), 1.0).otherwise(-1.0)
    pairs = e.select(lo.alias("lo"), hi.alias("hi"), (sign * f.col("w")).alias("fw"), f.col("w")) \
        .groupBy("lo", "hi").agg(f.sum("fw").alias("f"), f.sum("w").alias("gross"))
    wt = f.col("gross") if weighted else f.lit(1.0)
    pairs, totals = engine.stage_with(pairs, m=f.count(f.lit(1)), total=f.sum(wt * f.col("f") * f.col("f")))
    support_edges = int(totals["m"])
    total = float(totals["total"] or 0.0)
    # Adjacency both ways: (i, j, weight, flow into i along the pair), partitioned by j.
    adj = pairs.select(f.col("lo").alias("i"), f.col("hi").alias("j"), wt.alias("wt"), (-f.col("f")).alias("fi")) \
        .unionByName(pairs.select(f.col("hi").alias("i"), f.col("lo").alias("j"), wt.alias("wt"), f.col("f").alias("fi")))
    adj = engine.stage(adj.repartition(engine.partitions, "j"))
    vertex = adj.groupBy("i").agg(f.sum("wt").alias("d"), f.sum(f.col("wt") * f.col("fi")).alias("b")) \
        .withColumnRenamed("i", "id")
    vertex = vertex.select("id", "d", f.when(f.col("d") > 0, 1.0 / f.col("d")).otherwise(0.0).alias("dinv"), "b")
    vertex, nb = engine.stage_with(vertex, bb=f.sum(f.col("b") * f.col("b")),
                                   rz=f.sum(f.col("b") * f.col("b") * f.col("dinv")))
    norm_b = math.sqrt(nb["bb"] or 0.0)
    adj_w = adj.select("i", "j", "wt")

    def matvec(state, col):
        """S(id, s) = Σ_j w_ij x_j over the support: a join on j, where the adjacency and the state
        are co-partitioned (no shuffle of the edges), and one aggregation by i, whose shuffle carries
        per-partition partial sums."""
        msg = adj_w.join(state.select(f.col("id").alias("j"), f.col(col).alias("xj")).hint("shuffle_hash"), "j")
        return msg.groupBy("i").agg(f.sum(f.col("wt") * f.col("xj")).alias("s")).withColumnRenamed("i", "id")

    iterations = 0
    residual = 1.0
    shuffle = []
    if norm_b == 0:
        state = vertex.select("id", "d", "dinv", "b", f.lit(0.0).alias("x"))
        converged = True
        relative_residual = 0.0
    else:
        # Jacobi-preconditioned CG, the same recurrences as ConjugateGradient.swift; every
        # iteration is two Spark jobs: q = L p with p·q, then x, r with r·z and r·r.
        state = vertex.select("id", "d", "dinv", "b", f.lit(0.0).alias("x"), f.col("b").alias("r"),
                              (f.col("dinv") * f.col("b")).alias("p"))
        rz = float(nb["rz"])
        while iterations < max_iterations:
            iterations += 1
            engine.group(f"hodge-cg-{iterations:05d}", f"conjugate gradients, iteration {iterations}")
            t = state.join(matvec(state, "p").hint("shuffle_hash"), "id", "left") \
                .withColumn("q", f.col("d") * f.col("p") - f.coalesce("s", f.lit(0.0))).drop("s")
            if engine.explain and iterations == 1:
                log("physical plan of one conjugate-gradient iteration (q = L p):")
                t.explain()
            t, obs = engine.stage_with(t, pq=f.sum(f.col("p") * f.col("q")))
            pq = obs["pq"] or 0.0
            if not pq > 0:
                break
            alpha = rz / pq
            nxt, sums = engine.stage_with(
                t.select("id", "d", "dinv", "b", (f.col("x") + f.lit(alpha) * f.col("p")).alias("x"),
                         (f.col("r") - f.lit(alpha) * f.col("q")).alias("r"), "p"),
                rz=f.sum(f.col("r") * f.col("r") * f.col("dinv")), rr=f.sum(f.col("r") * f.col("r")))
            rz_new = float(sums["rz"] or 0.0)
            residual = math.sqrt(float(sums["rr"] or 0.0)) / norm_b
            progress(f"hodge: CG iteration {iterations}, relative residual {residual:.3e}")
            if residual <= tolerance:
                state = nxt
                break
            beta = rz_new / rz
            rz = rz_new
            state = nxt.withColumn("p", f.col("dinv") * f.col("r") + f.lit(beta) * f.col("p"))
        converged = residual <= tolerance
        engine.group("hodge-residual", "true residual")
        state = engine.stage(state.select("id", "d", "b", "x"))
        lx = state.join(matvec(state, "x").hint("shuffle_hash"), "id", "left") \
            .select((f.col("b") - (f.col("d") * f.col("x") - f.coalesce("s", f.lit(0.0)))).alias("res"))
        rr = lx.agg(f.sum(f.col("res") * f.col("res"))).first()[0] or 0.0
        relative_residual = math.sqrt(rr) / norm_b
        by_group = engine.shuffle_by_group("hodge-cg-")
        if by_group:
            for name in sorted(by_group):
                w, r = by_group[name]
                shuffle.append({"iteration": int(name), "shuffleWriteBytes": w, "shuffleReadBytes": r})

    engine.group("hodge-parts", "gradient and circular parts")
    x = engine.stage(state.select("id", "x"))
    parts = pairs.join(x.select(f.col("id").alias("lo"), f.col("x").alias("xlo")), "lo") \
        .join(x.select(f.col("id").alias("hi"), f.col("x").alias("xhi")), "hi") \
        .select(wt.alias("wt"), f.col("f"), (f.col("xhi") - f.col("xlo")).alias("g"))
    sums = parts.agg(f.sum(f.col("wt") * f.col("g") * f.col("g")).alias("gradient"),
                     f.sum(f.col("wt") * (f.col("f") - f.col("g")) * (f.col("f") - f.col("g"))).alias("circular")).first()
    gradient = float(sums["gradient"] or 0.0)
    circular = float(sums["circular"] or 0.0)
    components, labels, cc_rounds = connected_components(engine, adj.select("i", "j"), vertex.select("id"))
    result = {
        "supportEdges": support_edges, "components": components, "weighted": weighted,
        "total": total, "gradient": gradient, "circular": circular,
        "circularShare": circular / total if total > 0 else 0.0,
        "iterations": iterations, "relativeResidual": relative_residual, "converged": converged,
    }
    extra = {"componentRounds": cc_rounds}
    if shuffle:
        extra["shufflePerIteration"] = shuffle
        n = len(shuffle)
        extra["meanShuffleWriteBytesPerIteration"] = sum(s["shuffleWriteBytes"] for s in shuffle) / n
        extra["meanShuffleReadBytesPerIteration"] = sum(s["shuffleReadBytes"] for s in shuffle) / n
    return result, extra, x, labels


def write_potentials(engine, graph, x, labels, path):
    """id,potential,inflow,outflow for every node, potentials mean-zero on each component (a CSV
    directory written by Spark, one part file, rows in order of first appearance)."""
    f = F()
    engine.group("hodge-nodes", "write potentials")
    xl = x.join(labels, "id")
    means = xl.groupBy("lab").agg(f.avg("x").alias("mean"))
    phi = xl.join(means, "lab").select(f.col("id").alias("idx"), (f.col("x") - f.col("mean")).alias("potential"))
    e = graph.edge_df
    inflow = e.groupBy(f.col("j").alias("idx")).agg(f.sum("w").alias("inflow"))
    outflow = e.groupBy(f.col("i").alias("idx")).agg(f.sum("w").alias("outflow"))
    out = graph.node_df.join(phi, "idx", "left").join(inflow, "idx", "left").join(outflow, "idx", "left") \
        .orderBy("at").select("id", f.coalesce("potential", f.lit(0.0)).alias("potential"),
                              f.coalesce("inflow", f.lit(0.0)).alias("inflow"),
                              f.coalesce("outflow", f.lit(0.0)).alias("outflow"))
    out.coalesce(1).write.mode("overwrite").option("header", True).csv(path)


def run_analyze(engine, args):
    t0 = time.perf_counter()
    graph = read_edges(engine, args)
    timings = {"load": time.perf_counter() - t0}
    selected = set(args.only) if args.only else {"cycles", "hodge", "circulation"}
    spark_extra = engine.describe()
    spark_extra["nodeKeys"] = graph.keys
    not_computed = {}
    notes = []
    if args.threads is not None:
        notes.append("--threads is ignored: the parallelism is Spark's (defaultParallelism, partitions)")
    cycles = None
    if "cycles" in selected:
        if args.max_length in ("2", "3"):
            if args.max_cycles is not None:
                notes.append("--max-cycles is ignored: counts of cycles of at most 3 steps are always complete")
            t = time.perf_counter()
            cycles, extra = count_short_cycles(engine, graph, int(args.max_length),
                                               0 if args.count_only else args.limit)
            timings["cycles"] = time.perf_counter() - t
            spark_extra["cycles"] = extra
        else:
            not_computed["cycles"] = (
                f"--max-length {args.max_length}: the Spark job counts cycles of 2 and 3 steps only. Cycles of "
                "any length (Johnson's algorithm) are a depth-first search with no sound distributed form, and "
                "their number grows exponentially; 4-cycles are not implemented here. Use the local engine.")
    hodge_result = None
    if "hodge" in selected:
        t = time.perf_counter()
        hodge_result, extra, x, labels = hodge(engine, graph, args.weighted, args.tolerance, args.max_iterations)
        timings["hodge"] = time.perf_counter() - t
        spark_extra["hodge"] = extra
        if args.nodes:
            write_potentials(engine, graph, x, labels, args.nodes)
            notes.append(f"--nodes: potentials written as a CSV directory {args.nodes} (one part file)")
    circulation_skipped = False
    if "circulation" in selected:
        circulation_skipped = True
        if args.circulation_limit is not None and graph.edges > args.circulation_limit:
            not_computed["circulation"] = "more edges than --circulation-limit"
        else:
            not_computed["circulation"] = (
                "the exact maximum circulation (a minimum-cost flow solved by primal–dual shortest-path phases "
                "and push–relabel, with an LP duality proof) has no sound distributed form here: each phase is "
                "a sequential shortest-path search over the whole residual network. The Spark job does not "
                "approximate it; run the local engine (79–95 s at 10^7 edges).")
    if not_computed:
        spark_extra["notComputed"] = not_computed
    spark_extra["stronglyConnectedComponents"] = (
        "not computed: no key of analyze, clear or debtrank needs them (only the local engine's maximum "
        "circulation restricts itself to them)")
    if notes:
        spark_extra["notes"] = notes
    w, r = engine.run_shuffle_totals()
    if w is not None:
        spark_extra["shuffleWriteBytes"] = w
        spark_extra["shuffleReadBytes"] = r
    return {
        "file": args.file, "rows": graph.rows, "selfLoops": graph.self_loops, "mergedRows": graph.merged,
        "skippedRows": graph.skipped, "edges": graph.edges, "nodes": graph.nodes,
        "cycles": cycles, "hodge": hodge_result, "circulation": None,
        "timings": timings, "circulationSkipped": circulation_skipped, "spark": spark_extra,
    }


# ---------------------------------------------------------------------------------------------
# clear and debtrank: node table with p̄, claims and external assets
# ---------------------------------------------------------------------------------------------

def read_external_assets(engine, path):
    """NodeValuesCSV: first non-blank line a header, then id,amount; ids trimmed and unquoted."""
    f = F()
    exists, is_dir, _ = hadoop_path_info(engine, path)
    if not exists or is_dir:
        raise InputError(f"{path}: no such file, or it cannot be opened")
    raw = engine.spark.read.option("lineSep", "\n").text(path).select(
        f.regexp_replace(f.regexp_replace("value", "\r$", ""), "^\ufeff", "").alias("line"),
        f.input_file_block_start().alias("blk"),
        (f.monotonically_increasing_id() - f.shiftleft(f.spark_partition_id().cast("long"), 33)).alias("rip"))
    blank = f.trim(f.regexp_replace("line", r"\s", " ")) == ""
    rows = raw.where(~blank)
    header = rows.where(f.col("blk") == 0).agg(f.min("rip")).first()[0]
    if header is None:
        rows = rows.limit(0)
    else:
        rows = rows.where((f.col("blk") > 0) | (f.col("rip") > header))
    fs = f.split("line", ",", -1)
    rows = rows.select("blk", "rip", fs.alias("fs"))
    rows = rows.select("blk", "rip", f.size("fs").alias("nf"),
                       f.regexp_replace(f.col("fs").getItem(0), r"^\s+|\s+$", "").alias("_idt"),
                       f.regexp_replace(f.col("fs").getItem(1), r"^\s+|\s+$", "").alias("at"))
    quoted = (f.length("_idt") >= 2) & f.col("_idt").startswith('"') & f.col("_idt").endswith('"')
    idv = f.when(quoted, f.regexp_replace(f.expr("substring(_idt, 2, length(_idt) - 2)"), '""', '"')) \
        .otherwise(f.col("_idt"))
    rows = rows.select("blk", "rip", "nf", idv.alias("id"), "at",
                       f.when(f.col("at").rlike(r"^[+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"),
                              f.col("at").cast("double")).alias("amount"))
    rows = rows.persist()
    problems = rows.where((f.col("nf") < 2) | f.col("amount").isNull() | (f.abs("amount") == float("inf")))
    dups = rows.groupBy("id").count().where(f.col("count") > 1)
    bad_rows = problems.limit(MAX_REPORTED_ISSUES).collect()
    dup_ids = dups.limit(MAX_REPORTED_ISSUES).collect()
    if bad_rows or dup_ids:
        issues = [f"{path}: block {r['blk']} row {r['rip'] + 1}: expected id,amount with a non-negative amount (got '{(r['at'] or '')[:40]}')"
                  for r in bad_rows]
        issues += [f"{path}: id '{r['id']}' appears twice" for r in dup_ids]
        raise InputError("\n".join(issues))
    return rows.select("id", "amount")


def interbank_nodes(engine, graph, external_path):
    """(idx, id, owed = p̄, claims = Σ_s a_si, e) for every node, partitioned by idx."""
    f = F()
    e = graph.edge_df
    owed = e.groupBy(f.col("i").alias("idx")).agg(f.sum("w").alias("owed"))
    claims = e.groupBy(f.col("j").alias("idx")).agg(f.sum("w").alias("claims"))
    nodes = graph.node_df.join(owed, "idx", "left").join(claims, "idx", "left").select(
        "idx", "id", f.coalesce("owed", f.lit(0.0)).alias("owed"), f.coalesce("claims", f.lit(0.0)).alias("claims"))
    missing = 0
    if external_path is None:
        nodes = with_unit_value(nodes, "id", "u")
        nodes = nodes.withColumn("e", f.col("owed") * (f.lit(0.25) + f.lit(0.5) * f.col("u"))).drop("u")
        source = CONVENTION_TEXT
        nodes, sums = engine.stage_with(nodes.repartition(engine.partitions, "idx"),
                                        owed=f.sum("owed"), assets=f.sum(f.col("e") + f.col("claims")))
    else:
        ext = read_external_assets(engine, external_path)
        nodes = nodes.join(ext.withColumnRenamed("amount", "ext"), "id", "left")
        nodes = nodes.withColumn("has", f.col("ext").isNotNull()) \
            .withColumn("e", f.coalesce("ext", f.lit(0.0))).drop("ext")
        source = external_path
        nodes, sums = engine.stage_with(nodes.repartition(engine.partitions, "idx"),
                                        owed=f.sum("owed"), assets=f.sum(f.col("e") + f.col("claims")),
                                        missing=f.sum(f.when(f.col("has"), 0).otherwise(1)))
        missing = sums["missing"] or 0
        nodes = nodes.drop("has")
    totals = {"owed": float(sums["owed"] or 0.0), "assets": float(sums["assets"] or 0.0)}
    return nodes, source, int(missing), totals


def run_clear(engine, args):
    f = F()
    t0 = time.perf_counter()
    graph = read_edges(engine, args)
    engine.group("clearing-setup", "node table")
    nodes, source, missing, totals = interbank_nodes(engine, graph, args.external_assets)
    total_obligations = totals["owed"]
    loaded = time.perf_counter()
    costs = None if args.alpha is None else {"alpha": args.alpha, "beta": args.beta}
    two_sided = costs is None
    # Ratios r = p / p̄; nodes that owe nothing stay at 1 in both runs.
    state = nodes.select("idx", "owed", "e", f.lit(1.0).alias("up"),
                         f.when(f.col("owed") > 0, 0.0).otherwise(1.0).alias("low"))
    edges = graph.edge_df            # (i owes j: w), co-partitioned with the state by i
    iterations = 0
    gap = total_obligations if two_sided else 0.0
    proven = total_obligations == 0
    tolerance = args.tolerance

    def ratio(received):
        available = f.col("e") + received
        if costs is None:
            partial = available / f.col("owed")
        else:
            partial = f.least(f.lit(1.0), (f.lit(costs["alpha"]) * f.col("e") + f.lit(costs["beta"]) * received) / f.col("owed"))
        r = f.when(available >= f.col("owed"), f.lit(1.0)).otherwise(partial)
        return f.when(f.col("owed") > 0, f.greatest(f.lit(0.0), r)).otherwise(f.lit(1.0))

    while iterations < args.max_iterations and total_obligations > 0:
        iterations += 1
        engine.group(f"clearing-{iterations:05d}", f"clearing sweep {iterations}")
        # One Jacobi sweep of both runs at once: what each creditor receives from the previous
        # iterate (a join on the co-partitioned key i, an aggregation by creditor j).
        sent = edges.join(state.select(f.col("idx").alias("i"), "up", "low").hint("shuffle_hash"), "i") \
            .groupBy(f.col("j").alias("idx")).agg(f.sum(f.col("w") * f.col("up")).alias("ru"),
                                                  f.sum(f.col("w") * f.col("low")).alias("rl"))
        nxt = state.join(sent.hint("shuffle_hash"), "idx", "left").select(
            "idx", "owed", "e",
            ratio(f.coalesce("ru", f.lit(0.0))).alias("up"),
            (ratio(f.coalesce("rl", f.lit(0.0))) if two_sided else f.col("low")).alias("low"),
            f.col("up").alias("up0"), f.col("low").alias("low0"))
        if engine.explain and iterations == 1:
            log("physical plan of one clearing sweep:")
            nxt.explain()
        nxt, sums = engine.stage_with(
            nxt, moved=f.sum(f.abs(f.col("up") - f.col("up0")) * f.col("owed")),
            lowMoved=f.sum(f.abs(f.col("low") - f.col("low0")) * f.col("owed")),
            gap=f.sum(f.when(f.col("up") > f.col("low"), (f.col("up") - f.col("low")) * f.col("owed")).otherwise(0.0)))
        state = nxt.drop("up0", "low0")
        moved = float(sums["moved"] or 0.0)
        progress(f"clear: sweep {iterations}, bracket gap {float(sums['gap'] or 0.0):.3e}")
        if two_sided:
            gap = float(sums["gap"] or 0.0)
            if gap <= tolerance * total_obligations:
                proven = True
                break
        # Stop when the runs no longer move (the upper one has then reached the greatest clearing
        # vector). The local engine stops when its upper run stalls; simultaneous sweeps can stall
        # the upper run before the lower one has closed the bracket, so the lower one goes on.
        if moved <= 1e-16 * total_obligations and (
                not two_sided or float(sums["lowMoved"] or 0.0) <= 1e-16 * total_obligations):
            break
    engine.group("clearing-result", "payments")
    res = state.select((f.col("up") * f.col("owed")).alias("p"), "owed").agg(
        f.sum("p").alias("paid"),
        f.sum(f.when(f.col("p") < f.col("owed") * (1 - DEFAULT_THRESHOLD), 1).otherwise(0)).alias("defaulted")).first()
    total_payments = float(res["paid"] or 0.0)
    spark_extra = engine.describe()
    spark_extra["nodeKeys"] = graph.keys
    spark_extra["clearing"] = {
        "method": ("two-sided Jacobi sweeps (every node updated from the previous iterate; the local engine "
                   "uses Gauss–Seidel sweeps in node order, so `iterations` and `bracketGap` differ while "
                   "the totals agree within the proven bound)") if two_sided else
                  "Jacobi sweeps from p̄ (Rogers–Veraart costs: the upper run only, as in the local engine)",
    }
    by_group = engine.shuffle_by_group("clearing-")
    if by_group:
        sweeps = [v for k, v in by_group.items() if k.isdigit()]
        if sweeps:
            spark_extra["clearing"]["meanShuffleWriteBytesPerSweep"] = sum(v[0] for v in sweeps) / len(sweeps)
    w, r = engine.run_shuffle_totals()
    if w is not None:
        spark_extra["shuffleWriteBytes"] = w
        spark_extra["shuffleReadBytes"] = r
    if args.threads is not None:
        spark_extra["notes"] = ["--threads is ignored: the parallelism is Spark's"]
    out = {
        "file": args.file, "nodes": graph.nodes, "edges": graph.edges, "defaulted": int(res["defaulted"] or 0),
        "totalLiabilities": total_obligations, "totalPayments": total_payments,
        "shortfall": total_obligations - total_payments, "iterations": iterations,
        "bracketGap": gap if two_sided else 0.0, "proven": proven, "externalAssets": source,
        "idsWithoutExternalAssets": missing,
        "timings": {"load": loaded - t0, "clearing": time.perf_counter() - loaded},
        "spark": spark_extra,
    }
    if costs is not None:
        out["defaultCosts"] = costs
    return out


def run_debtrank(engine, args):
    f = F()
    t0 = time.perf_counter()
    graph = read_edges(engine, args)
    engine.group("debtrank-setup", "node table")
    nodes, source, missing, totals = interbank_nodes(engine, graph, args.external_assets)
    nodes = nodes.withColumn("assets", f.col("e") + f.col("claims"))
    total_assets = totals["assets"]
    loaded = time.perf_counter()
    nodes = nodes.select("idx", "id", "assets", (f.lit(0.1) * f.col("assets")).alias("capital"),
                         (f.col("assets") / f.lit(total_assets) if total_assets > 0 else f.lit(0.0)).alias("v"))
    # Impact W_st = min(1, a_st / E_t) (1 where E_t = 0), per edge, kept with the edges by s.
    impact = graph.edge_df.join(nodes.select(f.col("idx").alias("j"), "capital").hint("shuffle_hash"), "j") \
        .select(f.col("i").alias("s"), f.col("j").alias("t"),
                f.when(f.col("capital") > 0, f.least(f.lit(1.0), f.col("w") / f.col("capital"))).otherwise(1.0).alias("W"))
    impact = engine.stage(impact.repartition(engine.partitions, "s"))
    shocked_rows = nodes.orderBy(f.col("assets").desc(), f.col("id").asc()).limit(args.shock).select("idx", "id").collect() \
        if args.shock > 0 else []
    shocked = [r["id"] for r in shocked_rows]
    shocked_idx = [int(r["idx"]) for r in shocked_rows]
    # state: 0 undistressed, 1 distressed, 2 inactive
    is_shocked = f.col("idx").isin(shocked_idx) if shocked_idx else f.lit(False)
    state, obs = engine.stage_with(nodes.select(
        "idx", "v", f.when(is_shocked, 1.0).otherwise(0.0).alias("h"),
        f.when(is_shocked, 1).otherwise(0).alias("st")), initial=f.sum(f.col("h") * f.col("v")))
    initial = float(obs["initial"] or 0.0)
    distressed = len(shocked_idx)
    steps = 0
    while distressed > 0:
        steps += 1
        engine.group(f"debtrank-{steps:05d}", f"DebtRank step {steps}")
        d = state.where(f.col("st") == 1).select(f.col("idx").alias("s"), f.col("h").alias("hs"))
        inc = impact.join(d.hint("shuffle_hash"), "s").groupBy(f.col("t").alias("idx")) \
            .agg(f.sum(f.col("W") * f.col("hs")).alias("inc"))
        h_new = f.when(f.col("inc").isNull(), f.col("h")).otherwise(f.least(f.lit(1.0), f.col("h") + f.col("inc")))
        nxt = state.join(inc.hint("shuffle_hash"), "idx", "left").select(
            "idx", "v", h_new.alias("h"),
            f.when(f.col("st") == 1, 2).when((f.col("st") == 0) & f.col("inc").isNotNull() & (h_new > 0), 1)
            .otherwise(f.col("st")).alias("st"))
        state, obs = engine.stage_with(nxt, distressed=f.sum(f.when(f.col("st") == 1, 1).otherwise(0)))
        distressed = obs["distressed"] or 0
        progress(f"debtrank: step {steps}, {distressed} distressed")
    res = state.agg(f.sum(f.col("h") * f.col("v")).alias("final"),
                    f.sum(f.when(f.col("h") > 0, 1).otherwise(0)).alias("distressed")).first()
    spark_extra = engine.describe()
    spark_extra["nodeKeys"] = graph.keys
    w, r = engine.run_shuffle_totals()
    if w is not None:
        spark_extra["shuffleWriteBytes"] = w
        spark_extra["shuffleReadBytes"] = r
    if args.threads is not None:
        spark_extra["notes"] = ["--threads is ignored: the parallelism is Spark's"]
    return {
        "file": args.file, "nodes": graph.nodes, "edges": graph.edges,
        "debtRank": float(res["final"] or 0.0) - initial, "initialLoss": initial, "steps": steps,
        "distressedNodes": int(res["distressed"] or 0), "shocked": shocked, "externalAssets": source,
        "idsWithoutExternalAssets": missing,
        "timings": {"load": loaded - t0, "debtRank": time.perf_counter() - loaded},
        "spark": spark_extra,
    }


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------

def plain_numbers(value):
    """Integral doubles as integers (as Swift's JSONEncoder writes them)."""
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
            return int(value)
        return value
    if isinstance(value, dict):
        return {k: plain_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_numbers(v) for v in value]
    return value


def to_json(value):
    return json.dumps(plain_numbers(value), indent=2, sort_keys=True, ensure_ascii=False,
                      separators=(",", " : ")) + "\n"


def text_analyze(out):
    lines = [f"{out['file']}: {out['nodes']} nodes, {out['edges']} edges ({out['rows']} rows; {out['mergedRows']} merged "
             f"into earlier pairs, {out['selfLoops']} self-loops dropped, {out['skippedRows']} bad rows skipped)"]
    c = out["cycles"]
    if c:
        lines += ["", f"Cycles (≤ {c['maxLength']} steps, {c['method']}, {c['threads']} threads):",
                  f"  count {c['count']}, total length {c['sumLength']}, longest {c['longest']}"]
        hist = [f"{k}: {v}" for k, v in enumerate(c["histogram"]) if k > 0 and v > 0]
        if hist:
            lines.append("  by length  " + "  ".join(hist))
        for cyc in c["listed"]:
            lines.append("  " + " → ".join(cyc + [cyc[0]]))
    h = out["hodge"]
    if h:
        lines += ["", "Hodge decomposition of the net flow" + (" (weighted by gross flow)" if h["weighted"] else "") + ":",
                  f"  circular share {h['circularShare']:.6f}  (‖f‖² {h['total']}, gradient {h['gradient']}, circular {h['circular']})",
                  f"  {h['supportEdges']} pairs in {h['components']} components; {h['iterations']} CG iterations, relative residual "
                  f"{h['relativeResidual']:.2e}" + ("" if h["converged"] else " — NOT converged")]
    for name, why in out["spark"].get("notComputed", {}).items():
        lines += ["", f"{name[0].upper() + name[1:]} not computed on Spark: {why}"]
    lines += ["", "Timings (s): " + ", ".join(f"{k} {v:.3f}" for k, v in sorted(out["timings"].items())),
              f"Engine: {out['spark']['engine']}, master {out['spark']['master']}, {out['spark']['partitions']} partitions"]
    return "\n".join(lines) + "\n"


def text_clear(out):
    status = ("bracket closed: totals proven within tolerance" if out["proven"]
              else f"bracket gap {out['bracketGap']}: greatest clearing vector reported")
    return (f"{out['file']}: {out['nodes']} nodes, {out['edges']} obligations\n"
            f"total owed {out['totalLiabilities']}, paid {out['totalPayments']} (shortfall {out['shortfall']})\n"
            f"{out['defaulted']} nodes in default; {out['iterations']} sweeps; {status}\n"
            f"external assets: {out['externalAssets']}"
            + (f" ({out['idsWithoutExternalAssets']} ids not in the file: 0)" if out["idsWithoutExternalAssets"] else "")
            + f"\nengine: {out['spark']['engine']}, master {out['spark']['master']}\n")


def text_debtrank(out):
    return (f"{out['file']}: {out['nodes']} nodes, {out['edges']} exposures\n"
            f"DebtRank R = {out['debtRank']} (initial loss {out['initialLoss']}); {out['distressedNodes']} nodes "
            f"distressed in {out['steps']} steps\n"
            f"shocked: {', '.join(out['shocked'])}\n"
            f"external assets: {out['externalAssets']}\n"
            f"engine: {out['spark']['engine']}, master {out['spark']['master']}\n")


RUNNERS = {"analyze": ("run_analyze", "text_analyze"), "clear": ("run_clear", "text_clear"),
           "debtrank": ("run_debtrank", "text_debtrank")}


def run_one(engine, args):
    """Runs one command; returns (exit status, stdout text)."""
    try:
        validate(args)
        engine.start_run(args)
        runner, texter = RUNNERS[args.command]
        out = globals()[runner](engine, args)
        if os.environ.get("LOOPLEDGER_SPARK_PROFILE"):
            engine.profile()
        return 0, (to_json(out) if args.format == "json" else globals()[texter](out))
    except UsageError as error:
        sys.stderr.write(f"Error: {error}\n")
        return 64, ""
    except InputError as error:
        sys.stderr.write(f"Error: {error}\n")
        return 1, ""
    except Exception:
        if not getattr(engine, "in_batch", False):
            raise
        import traceback
        traceback.print_exc()
        return 70, ""
    finally:
        try:
            engine.spark.catalog.clearCache()
        except Exception:
            pass


class _JvmStderr:
    """Writes to the JVM's standard error. Under spark-submit the JVM merges the Python driver's
    stderr into its stdout; the JSON on stdout must stay alone there."""

    def __init__(self, jvm):
        self._err = jvm.System.err

    def write(self, text):
        if text:
            self._err.print(text)
        return len(text)

    def flush(self):
        self._err.flush()

    def isatty(self):
        return False


def route_stderr():
    if os.environ.get("PYSPARK_GATEWAY_PORT"):
        from pyspark import SparkContext
        SparkContext._ensure_initialized()
        sys.stderr = _JvmStderr(SparkContext._jvm)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    route_stderr()
    if argv[:1] == ["batch"]:
        return batch(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        validate(args)
    except UsageError as error:
        sys.stderr.write(f"Error: {error}\n")
        return 64
    engine = Engine(args)
    try:
        status, text = run_one(engine, args)
        sys.stdout.write(text)
        sys.stdout.flush()
        return status
    finally:
        engine.spark.stop()


def batch(argv):
    """`batch MANIFEST`: several commands in one Spark session (for tests and benchmarks). Each
    line of MANIFEST is `OUTPUT<TAB>command FILE options…` (arguments split as by a POSIX shell);
    the command's stdout goes to OUTPUT, its exit status to OUTPUT.status, its wall time to
    OUTPUT.seconds."""
    import shlex
    if len(argv) != 1:
        sys.stderr.write("usage: loopledger_spark.py batch MANIFEST\n")
        return 64
    jobs = []
    with open(argv[0], encoding="utf-8") as manifest:
        for line in manifest:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            output, command = line.split("\t", 1)
            jobs.append((output, shlex.split(command)))
    parser = build_parser()
    engine = None
    failures = 0
    try:
        for output, words in jobs:
            if engine is None:
                engine = Engine(parser.parse_args(["analyze", "-"] if words[0].startswith("__") else words))
                engine.in_batch = True
            started = time.perf_counter()
            if words[0] == "__to-parquet":       # test tooling: CSV (plain, header) -> Parquet
                engine.spark.read.option("header", True).csv(words[1]) \
                    .selectExpr("source", "target", "CAST(amount AS DOUBLE) AS amount") \
                    .write.mode("overwrite").parquet(words[2])
                with open(output + ".status", "w") as out:
                    out.write("0\n")
                continue
            args = parser.parse_args(words)
            log(f"batch: {' '.join(words)}")
            status, text = run_one(engine, args)
            failures += status != 0
            with open(output, "w", encoding="utf-8") as out:
                out.write(text)
            with open(output + ".status", "w") as out:
                out.write(f"{status}\n")
            with open(output + ".seconds", "w") as out:
                out.write(f"{time.perf_counter() - started:.3f}\n")
    finally:
        if engine is not None:
            engine.spark.stop()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
