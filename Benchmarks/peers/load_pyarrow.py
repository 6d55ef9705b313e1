#!/usr/bin/env python3
"""Loading an edge list with Apache Arrow: multi-threaded `pyarrow.csv.read_csv`, then the ids
interned to node numbers.

usage: load_pyarrow.py FILE

The peer of `loopledger`'s CSV loader (issue 18, item 1). Convention (identical to LoopLedger's):
  * the header names `source`, `target`, `amount` (further columns are read and ignored);
  * node number = order of first appearance of the id, scanning source then target on each row
    (ids on self-loop rows are interned too): the two id columns are interleaved (row 0's source,
    row 0's target, row 1's source, …) and dictionary-encoded by Arrow's hash kernel, which numbers
    values in order of first appearance;
  * self-loops are counted and dropped.
What is timed (`load_seconds`): reading and parsing the file on all cores, interleaving and
interning the ids, and dropping self-loops — the node numbers of every row and its amount as
NumPy arrays. Not included: summing duplicate pairs into a CSR network, which LoopLedger's load
does as well (so the comparison leans towards the peer).
Reports nodes, rows and selfLoops, which the runner checks against ours exactly.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.compute as pc  # noqa: E402
import pyarrow.csv as pacsv  # noqa: E402


def load(path):
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(use_threads=True),
        convert_options=pacsv.ConvertOptions(
            column_types={"source": pa.string(), "target": pa.string(), "amount": pa.float64()},
            include_columns=["source", "target", "amount"]))
    rows = table.num_rows
    source = table.column("source").combine_chunks()
    target = table.column("target").combine_chunks()
    both = pa.concat_arrays([source, target])
    order = np.empty(2 * rows, dtype=np.int64)
    order[0::2] = np.arange(rows, dtype=np.int64)
    order[1::2] = order[0::2] + rows
    interleaved = pc.take(both, pa.array(order))
    encoded = pc.dictionary_encode(interleaved)
    nodes = len(encoded.dictionary)
    numbers = encoded.indices.to_numpy(zero_copy_only=False).reshape(rows, 2)
    amount = table.column("amount").to_numpy()
    keep = numbers[:, 0] != numbers[:, 1]
    src, dst, amount = numbers[keep, 0], numbers[keep, 1], amount[keep]
    return nodes, rows, int(rows - int(keep.sum())), src, dst, amount


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    start = common.now()
    nodes, rows, self_loops, src, dst, amount = load(sys.argv[1])
    seconds = common.now() - start
    common.emit("pyarrow", "load", seconds, seconds,
                {"nodes": nodes, "rows": rows, "selfLoops": self_loops, "edgesBeforeMerge": len(src)},
                pyarrow=pa.__version__, cpu_count=pa.cpu_count())


if __name__ == "__main__":
    main()
