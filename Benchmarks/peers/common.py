"""Shared helpers for the peer scripts: CSV loading, timing, peak RSS, JSON output.

Conventions (the same as LoopLedger's):
  * the CSV has a header line `source,target,amount` (further columns are ignored);
  * node index = order of first appearance of the id, scanning source then target on each row
    (ids on self-loop rows are interned too);
  * self-loops are dropped; duplicate (source, target) pairs are summed.
"""
import json
import resource
import sys
import time

import numpy as np

now = time.perf_counter


def read_edges(path):
    """Parse the CSV. Returns (ids, src, dst, amount): ids a list of str (index -> id),
    src/dst int64 arrays, amount float64 array -- raw rows, self-loops still in.

    Vectorised NumPy parser for plain 3-column files (no quoting); anything else goes through
    the slower pure-Python path."""
    with open(path, "rb") as f:
        data = f.read()
    if b"\r" in data:
        data = data.replace(b"\r", b"")
    nl = data.find(b"\n")
    if nl < 0:
        nl = len(data)
    header = data[:nl].split(b",")
    if header[:3] != [b"source", b"target", b"amount"]:
        raise SystemExit(f"{path}: header must start with source,target,amount, got {header!r}")
    if len(header) == 3 and b'"' not in data:
        try:
            return _read_numpy(data, nl + 1)
        except _Fallback:
            pass
    return _read_python(data, nl + 1)


class _Fallback(Exception):
    pass


def _gather(buf, start, length, width):
    """Fixed-width (len(start), width) uint8 matrix of the fields, zero padded."""
    mat = np.zeros((len(start), width), dtype=np.uint8)
    last = len(buf) - 1
    for c in range(width):
        live = length > c
        mat[:, c] = np.where(live, buf[np.minimum(start + c, last)], 0)
    return mat


def _read_numpy(data, body_start):
    if not data.endswith(b"\n"):
        data += b"\n"
    buf = np.frombuffer(data, dtype=np.uint8)
    body = buf[body_start:]
    seps = np.flatnonzero((body == ord(",")) | (body == ord("\n")))
    kinds = body[seps]
    # drop empty lines: a newline directly after a newline (or at the start)
    nls = seps[kinds == ord("\n")]
    line_start = np.concatenate([[0], nls[:-1] + 1])
    nonempty = nls > line_start
    if not nonempty.all():
        empty_nl = nls[~nonempty]
        keep = ~np.isin(seps, empty_nl)
        seps, kinds = seps[keep], kinds[keep]
    if len(seps) % 3 or not (np.all(kinds[0::3] == ord(",")) and np.all(kinds[1::3] == ord(","))
                             and np.all(kinds[2::3] == ord("\n"))):
        raise _Fallback()
    c1 = seps[0::3] + body_start
    c2 = seps[1::3] + body_start
    e = seps[2::3] + body_start
    m = len(e)
    if m == 0:
        z = np.zeros(0, dtype=np.int64)
        return [], z, z.copy(), np.zeros(0)
    # each row starts right after the newline preceding its first comma (blank lines skipped)
    prev = np.searchsorted(nls, c1 - body_start) - 1
    s0 = np.where(prev >= 0, nls[np.maximum(prev, 0)] + 1, 0) + body_start
    # ids: interleave source and target per row
    st = np.empty(2 * m, dtype=np.int64)
    ln = np.empty(2 * m, dtype=np.int64)
    st[0::2] = s0; ln[0::2] = c1 - s0
    st[1::2] = c1 + 1; ln[1::2] = c2 - c1 - 1
    if m and ln.min() <= 0:
        raise _Fallback()
    width = int(ln.max()) if m else 1
    w8 = (width + 7) // 8 * 8
    mat = _gather(buf, st, ln, w8)
    words = mat.view(np.uint64)                       # (2m, w8/8)
    if words.shape[1] == 1:
        keys = words[:, 0]
    else:
        keys = words[:, 0].copy()
        with np.errstate(over="ignore"):
            for k in range(1, words.shape[1]):
                keys = (keys ^ (keys >> np.uint64(31))) * np.uint64(0x9E3779B97F4A7C15) + words[:, k]
    uk, first, inv = np.unique(keys, return_index=True, return_inverse=True)
    inv = inv.ravel()
    if words.shape[1] > 1 and not np.array_equal(words, words[first][inv]):
        raise _Fallback()                            # 64-bit hash collision: use the exact path
    order = np.argsort(first, kind="stable")         # unique slot -> first-appearance rank
    rank = np.empty(len(uk), dtype=np.int64)
    rank[order] = np.arange(len(uk), dtype=np.int64)
    codes = rank[inv]
    firsts = first[order]
    ids = [bytes(mat[i, :ln[i]]).decode("utf-8") for i in firsts.tolist()]
    del mat, words, keys, inv
    # amounts
    alen = e - c2 - 1
    if m and alen.min() <= 0:
        raise _Fallback()
    aw = int(alen.max()) if m else 1
    amat = _gather(buf, c2 + 1, alen, aw)
    try:
        amount = amat.view(f"S{aw}").ravel().astype(np.float64)
    except ValueError:
        raise _Fallback()
    return ids, codes[0::2].copy(), codes[1::2].copy(), amount


def _read_python(data, body_start):
    lines = data[body_start:].splitlines()
    src_t, dst_t, amt_t = [], [], []
    for i, ln in enumerate(lines):
        if not ln:
            continue
        r = ln.split(b",", 3)
        if len(r) < 3 or not r[0] or not r[1]:
            raise SystemExit(f"line {i + 2}: expected source,target,amount")
        src_t.append(r[0]); dst_t.append(r[1]); amt_t.append(float(r[2]))
    amount = np.array(amt_t, dtype=np.float64)
    inter = [None] * (2 * len(src_t))
    inter[0::2] = src_t
    inter[1::2] = dst_t
    index = {}
    sd = index.setdefault
    codes = np.fromiter((sd(t, len(index)) for t in inter), dtype=np.int64, count=len(inter))
    ids = [k.decode("utf-8") for k in index]
    return ids, codes[0::2].copy(), codes[1::2].copy(), amount


def aggregate(n, src, dst, amount):
    """Drop self-loops and sum duplicate directed pairs. Returns (src, dst, amount) sorted by (src, dst)."""
    keep = src != dst
    src, dst, amount = src[keep], dst[keep], amount[keep]
    key = src * n + dst
    uk, inv = np.unique(key, return_inverse=True)
    w = np.bincount(inv.ravel(), weights=amount, minlength=len(uk))
    return uk // n, uk % n, w


def peak_rss_bytes():
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def emit(tool, task, load_seconds, seconds, result, **extra):
    out = {"tool": tool, "task": task, "load_seconds": load_seconds, "seconds": seconds,
           "peak_rss_bytes": peak_rss_bytes(), "result": result}
    out.update(extra)
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()


# ---- deterministic per-id uniform u(id): FNV-1a-64 then the splitmix64 finaliser -------------
M64 = (1 << 64) - 1


def u_scalar(s):
    h = 0xCBF29CE484222325
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & M64
    z = (h + 0x9E3779B97F4A7C15) & M64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    z ^= z >> 31
    return (z >> 11) * 2.0 ** -53


def u_array(ids):
    """Vectorised u() for a list of str ids (uint64 arithmetic wraps mod 2^64)."""
    enc = [s.encode("utf-8") for s in ids]
    n = len(enc)
    if n == 0:
        return np.zeros(0)
    lens = np.fromiter((len(b) for b in enc), dtype=np.int64, count=n)
    width = int(lens.max()) if n else 0
    mat = np.frombuffer(b"".join(b.ljust(width, b"\0") for b in enc), dtype=np.uint8).reshape(n, width)
    h = np.full(n, 0xCBF29CE484222325, dtype=np.uint64)
    prime = np.uint64(0x100000001B3)
    with np.errstate(over="ignore"):
        for c in range(width):
            live = lens > c
            hv = h ^ mat[:, c].astype(np.uint64)
            hv = hv * prime
            h = np.where(live, hv, h)
        z = h + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


U_TEST_VECTORS = {"n0": 0.3906519805240266, "n1": 0.3581209366717161, "n42": 0.3983263275201029}


def check_u():
    for k, v in U_TEST_VECTORS.items():
        assert u_scalar(k) == v, (k, u_scalar(k), v)
    arr = u_array(list(U_TEST_VECTORS))
    assert arr.tolist() == list(U_TEST_VECTORS.values()), arr
