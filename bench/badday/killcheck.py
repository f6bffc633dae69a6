# killcheck.py OUT: after the restart. (1) every sender's last answered text, sent again with its MessageSid, gets the
# same reply (a Twilio retry); (2) the sender's next step gets the reply a fresh sender gets at that step (its session
# is where its last answer left it). Prints mismatches and counts.
import sys, json, collections, re
def msg(x): return re.sub(r"<Message[^>]*>", "<Message>", x)
from tw import *
PATH = ["hi", "3", "1", "BACK", "2", "MENU", "BUDDY", "clinic", "what is this", "0", "5", "1", "BACK"]
recs = [json.loads(l) for l in open(sys.argv[1])]
by = collections.defaultdict(list)
for r in recs: by[r["from"]].append(r)
# reference walk
ref = []
for i, step in enumerate(PATH):
    body = step if step != "BUDDY" else "BUDDY +16305599999 Ana"
    ref.append(text("+16305589999", body)[1])
answered = sum(1 for r in recs if r["status"] == 200)
fallback = sum(1 for r in recs if r["status"] == 200 and "text again" in r["reply"])
bad = collections.Counter(r["status"] for r in recs if r["status"] != 200)
print(f"{len(recs)} texts sent before the kill, {answered} answered ({fallback} fallback), not answered: {dict(bad)}, senders {len(by)}")
retry_bad = next_bad = checked = 0
for frm, rs in by.items():
    ok = [r for r in rs if r["status"] == 200]
    if not ok: continue
    last = ok[-1]
    st, reply, _, _ = text(frm, last["body"], sid=last["sid"])
    # With a text of hers in flight at the kill that landed, this one is no longer her last: a replay of an older
    # remembered text gets an empty <Response> (the retry of the one in flight is checked below).
    landed_after = len(rs) > len(ok) and "<Message" not in reply and st == 200
    if msg(reply) != msg(last["reply"]) and not landed_after:
        retry_bad += 1; print("RETRY MISMATCH", frm, last["body"], repr(last["reply"][:80]), repr(reply[:80]))
    k = len(ok) % len(PATH)   # the sender's next step (each sender walks the path once)
    if len(ok) == len(PATH) or (PATH[k] == "BUDDY" and len(rs) == len(ok)): continue
    # a text in flight at the kill may or may not have landed: then skip senders with an unanswered text after
    if len(rs) > len(ok):
        # the text in flight at the kill, sent again by Twilio with its MessageSid: landed or not, its answer is the step's
        inflight = rs[len(ok)]
        st, reply, _, _ = text(frm, inflight["body"], sid=inflight["sid"])
        checked += 1
        if msg(reply) != msg(ref[k]):
            next_bad += 1; print("IN-FLIGHT RETRY MISMATCH", frm, k, PATH[k], repr(reply[-200:]), "expected", repr(ref[k][-200:]))
        k += 1
        if k >= len(PATH) or PATH[k] == "BUDDY": continue
    st, reply, _, _ = text(frm, PATH[k])
    checked += 1
    if msg(reply) != msg(ref[k]):
        next_bad += 1; print("NEXT MISMATCH", frm, k, PATH[k], repr(reply[:100]), "expected", repr(ref[k][:100]))
print(f"retry mismatches {retry_bad}; next-step checked {checked}, mismatches {next_bad}")
sys.exit(1 if retry_bad or next_bad else 0)
