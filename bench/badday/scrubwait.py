#!/usr/bin/env python3
"""scrubwait.py DB RUNS [forget|sweep]: how long her keyed hash outlives a FORGET's answer, or a retention sweep, in
the line's files (DB, DB-wal, DB-shm), on a line started by start-line.sh on DB (LINE_PORT, PRIVACY_KEY as there).

forget: each run, a new number texts twice, waits half a second (the checkpointer copies the WAL meanwhile), texts
FORGET; from its answer, the files are read every 5 ms until no byte of them holds her keyed hash (hex or raw).
sweep (the line run with TextLine__Retention=00:00:05 and Information logs; a sweep every 10 s): each run, a new number
texts once and falls idle for RETENTION (5) seconds; from the next "Retention: purged" line in the log (LOG, DB's
folder's parent/line.log, as start-line.sh writes), the same reading.
Prints one line a run (ms until the WAL held no copy, until no file did) and the distribution; gives up a run after
CAP seconds (15). Reads the files as bytes only: an SQLite reader would hold a snapshot and could itself delay the
TRUNCATE it measures. BACKGROUND=N: other numbers text meanwhile, N texts a second in all (so the checkpointer's
passive checkpoints run beside the writer, as on a line in use)."""
import hashlib, hmac, os, sys, threading, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tw

db, runs = sys.argv[1], int(sys.argv[2])
mode = sys.argv[3] if len(sys.argv) > 3 else "forget"
KEY = os.environ.get("PRIVACY_KEY", "bench-privacy-key-0123456789abcdef").encode()
CAP = float(os.environ.get("CAP", "15"))
LOG = os.environ.get("LOG", os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(db))), "line.log"))
files = [db, db + "-wal", db + "-shm"]
BACKGROUND = float(os.environ.get("BACKGROUND", "0"))


def background():
    words = ["hi", "1", "2", "MENU", "BACK", "what"]
    for n in range(10 ** 9):
        tw.text("+1773%03d%04d" % (os.getpid() % 1000, n // 6 % 10000), words[n % 6])
        time.sleep(1 / BACKGROUND)


if BACKGROUND > 0:
    threading.Thread(target=background, daemon=True).start()


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""


def holders(needles):
    return [p for p in files if any(n in read(p) for n in needles)]


def log_size():
    try:
        return os.path.getsize(LOG)
    except FileNotFoundError:
        return 0


def wait_for_sweep(since):
    """Seconds since the epoch when a 'Retention: purged' line appeared in the log after offset since."""
    deadline = time.time() + 30
    while time.time() < deadline:
        with open(LOG, "rb") as f:
            f.seek(since)
            if b"Retention: purged" in f.read():
                return time.time()
        time.sleep(0.005)
    return None


def one(i):
    number = "+1312%03d%04d" % (os.getpid() % 1000, i)
    digest = hmac.new(KEY, number.encode(), hashlib.sha256)
    needles = [digest.hexdigest().encode(), digest.digest()]
    if mode == "forget":
        tw.text(number, "hi")
        tw.text(number, "1")
        time.sleep(0.5)
        if not holders(needles):
            return "her keyed hash is in no file before FORGET: wrong privacy key?"
        status, body, _, _ = tw.text(number, "FORGET")
        t0 = time.time()
        if status != 200:
            return f"FORGET answered {status}: {body[:80]}"
    else:
        tw.text(number, "hi")
        time.sleep(float(os.environ.get("RETENTION", "5")) + 0.2)
        if not holders(needles):
            return "her keyed hash is in no file before the sweep: wrong privacy key?"
        since = log_size()
        t0 = wait_for_sweep(since)
        if t0 is None:
            return "no sweep purged anything within 30 s"
    wal_clean = None
    while time.time() - t0 < CAP:
        now = time.time()
        held = holders(needles)
        if wal_clean is None and db + "-wal" not in held:
            wal_clean = now - t0
        if not held:
            return (wal_clean * 1000, (now - t0) * 1000)
        time.sleep(0.005)
    return (None if wal_clean is None else wal_clean * 1000, None, holders(needles))


def dist(values):
    done = sorted(v for v in values if v is not None)
    missed = len(values) - len(done)
    if not done:
        return f"none within {CAP:.0f} s ({missed})"
    q = lambda p: done[min(len(done) - 1, int(p * len(done)))]
    return (f"min {done[0]:.0f} / median {q(0.5):.0f} / p90 {q(0.9):.0f} / max {done[-1]:.0f} ms"
            + (f"; {missed} past {CAP:.0f} s" if missed else ""))


results = []
for i in range(runs):
    r = one(i)
    if isinstance(r, str):
        print(f"run {i}: {r}", flush=True)
        continue
    results.append(r)
    extra = f" (still in {', '.join(os.path.basename(p) for p in r[2])})" if len(r) > 2 else ""
    print(f"run {i}: WAL clean after {r[0] if r[0] is None else round(r[0])} ms, every file after "
          f"{r[1] if r[1] is None else round(r[1])} ms{extra}", flush=True)
    time.sleep(0.3)
print(f"{mode}, {len(results)} runs: WAL clean {dist([r[0] for r in results])}")
print(f"{mode}, {len(results)} runs: every file clean {dist([r[1] for r in results])}")
