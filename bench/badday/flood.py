# flood.py many N THREADS PREFIX | one N THREADS NUMBER : N texts, THREADS at once; counts kinds and codes, time.
import sys, collections, threading, time
from concurrent.futures import ThreadPoolExecutor
from tw import *
mode, n, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
arg = sys.argv[4]
kinds = collections.Counter(); times = []; slow = collections.Counter()  # slow: answered after more than 1 s, by kind
lock = threading.Lock()
def one(i):
    frm = arg if mode == "one" else f"{arg}{i:04d}"
    st, body, secs, sid = text(frm, "Hi" if i % 3 else "what is this")
    k = kind(st, body)
    with lock: kinds[k] += 1; times.append(secs); slow.update([k] if secs > 1 else [])
    return k
t = time.time()
with ThreadPoolExecutor(threads) as ex: list(ex.map(one, range(n)))
el = time.time() - t
times.sort()
print(f"{mode} n={n} threads={threads} in {el:.1f}s ({n/el:.0f}/s): {dict(kinds)} p50={times[len(times)//2]*1000:.0f}ms p99={times[int(len(times)*0.99)]*1000:.0f}ms max={times[-1]*1000:.0f}ms")
print("over 1 s:", dict(slow))
print("health", health())
