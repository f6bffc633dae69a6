#!/usr/bin/env python3
"""burst-lateness.py RUNDIR GRACE_S: how late each kind of text from burst.py went out (RUNDIR/events.txt, RUNDIR/fake.log):
check-in texts against set + 60 s, alerts to contacts and checkin_missed against set + 60 s + grace, BUDDY requests
against the time the BUDDY was answered."""
import sys, collections
R, GRACE = sys.argv[1], float(sys.argv[2])
due = collections.defaultdict(list)   # (number, label) -> due times
contact_of = {}
for l in open(f"{R}/events.txt"):
    p = l.split(); t = float(p[0])
    if p[1] == "contact": contact_of[p[2]] = p[3]
for l in open(f"{R}/events.txt"):
    p = l.split(); t = float(p[0])
    if p[1] == "checkin":
        due[(p[2], "checkin_due")].append(t + 60)
        if p[2] in contact_of: due[(contact_of[p[2]], "alert_missed")].append(t + 60 + GRACE)
        else: due[(p[2], "checkin_missed")].append(t + 60 + GRACE)
    elif p[1] == "buddy": due[(p[2], "buddy_request")].append(t)
sent = collections.defaultdict(list)
for l in open(f"{R}/fake.log"):
    p = l.split()
    if p[1] == "send": sent[(p[3], p[4])].append(float(p[0]))
late = collections.defaultdict(list); missing = collections.Counter()
for (num, label), ts in due.items():
    if label == "buddy_request":   # the request goes to the contact: match any buddy_request sent after
        continue
    got = sorted(sent.get((num, label), []))
    for t in ts:
        cand = [g for g in got if g >= t - 5]
        if cand: late[label].append(cand[0] - t)
        else: missing[label] += 1
bt = sorted(float(l.split()[0]) for l in open(f"{R}/events.txt") if l.split()[1] == "buddy")
bs = sorted(t for (num, label), ts in sent.items() if label == "buddy_request" for t in ts)
if bt and bs: late["buddy_request(last)"] = [bs[-1] - bt[-1]]
def pct(xs, q): xs = sorted(xs); return xs[min(len(xs) - 1, int(len(xs) * q))]
for label, xs in sorted(late.items()):
    print(f"{label:22} n={len(xs):5} p50={pct(xs,.5):7.1f} p99={pct(xs,.99):7.1f} max={max(xs):7.1f} s late  missing={missing[label]}")
