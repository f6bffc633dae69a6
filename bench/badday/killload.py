# killload.py OUT WORKERS SECONDS (killrun.sh runs it): WORKERS threads walk senders through a path (some naming a BUDDY) until SECONDS pass
# or the line dies; writes every answered text (sender, body, sid, reply) to OUT as JSON lines.
import sys, json, threading, time
from tw import *
out, workers, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
PATH = ["hi", "3", "1", "BACK", "2", "MENU", "BUDDY", "clinic", "what is this", "0", "5", "1", "BACK"]
f = open(out, "w", buffering=1); lock = threading.Lock()
stop = time.time() + seconds
def worker(w):
    s = 0
    while time.time() < stop:
        frm = "+1630558%02d%02d" % (w, s)
        for step in PATH:
            body = step if step != "BUDDY" else "BUDDY +1630559%02d%02d Ana" % (w, s)
            st, reply, secs, sid = text(frm, body, timeout=10)
            rec = {"from": frm, "body": body, "sid": sid, "status": st, "reply": reply}
            with lock: f.write(json.dumps(rec) + "\n")
            if st != 200: return
        s += 1
ts = [threading.Thread(target=worker, args=(w,)) for w in range(workers)]
[t.start() for t in ts]; [t.join() for t in ts]
