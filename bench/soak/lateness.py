#!/usr/bin/env python3
"""lateness.py RUNDIR (RUNDIR/load from sender.py, RUNDIR/fake.log from fake-twilio.py): 
check-in texts against their due time (set + 60 s), and deletions of the line's own texts against their delivery + 60 s
(Twilio:DeleteAfter in env.sh), by 5-minute window."""
import sys, collections
R = sys.argv[1]
sets = {}
for l in open(f"{R}/load/events.txt"):
    p = l.split()
    if p[1] == "checkin" and p[3] == "1": sets.setdefault(p[2], []).append(float(p[0]))
due_texts = collections.defaultdict(list); sent = {}; delivered = {}; deleted = {}
for l in open(f"{R}/fake.log"):
    p = l.split()
    t = float(p[0])
    if p[1] == "send":
        sent[p[2]] = (t, p[3], p[4])
        due_texts[(p[3], p[4])].append(t)
    elif p[1] == "cb" and p[3] == "delivered": delivered[p[2]] = t
    elif p[1] == "delete": deleted.setdefault(p[2], t)
def pct(xs, q): xs = sorted(xs); return xs[min(len(xs) - 1, int(len(xs) * q))] if xs else float("nan")
late = collections.defaultdict(list); missing = 0; t0 = None
for num, ts in sets.items():
    got = sorted(due_texts.get((num, "checkin_due"), []))
    for t in ts:
        t0 = t if t0 is None else min(t0, t)
        cand = [g for g in got if t + 55 <= g <= t + 180]   # a later check-in of the same number is not this one
        if cand: late[int(t // 300) * 300].append(cand[0] - (t + 60))
        else: missing += 1
print("check-in texts: window(start) n p50 p99 max lateness (s)")
for w in sorted(late): xs = late[w]; print(f"  {w} n={len(xs)} p50={pct(xs,.5):.1f} p99={pct(xs,.99):.1f} max={max(xs):.1f}")
print(f"  check-ins set with no check-in text seen (OK before it, or still due): {missing}")
dl = collections.defaultdict(list)
for sid, t in delivered.items():
    if sid in deleted: dl[int(t // 300) * 300].append(deleted[sid] - (t + 60))
print("deletions of REST-sent texts after delivered+60s: window n p50 p99 max (s)")
for w in sorted(dl): xs = dl[w]; print(f"  {w} n={len(xs)} p50={pct(xs,.5):.1f} p99={pct(xs,.99):.1f} max={max(xs):.1f}")
print("not deleted after delivered:", sum(1 for s in delivered if s not in deleted))
