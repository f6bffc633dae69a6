#!/usr/bin/env python3
"""hashscan.py LOADDIR DB [FILES...]: keyed hashes (HMAC-SHA256, the privacy key) of every number sent; which are in the
files' bytes, and which of those no live row holds (left in free pages, stale cells or the WAL)."""
import hmac, hashlib, re, sqlite3, sys, os
KEY = b"soak-privacy-key-0123456789abcdef"
load, db, files = sys.argv[1], sys.argv[2], sys.argv[3:] or [sys.argv[2]]
nums = {l.strip() for l in open(os.path.join(load, "numbers.txt")) if l.strip()}
hashes = {hmac.new(KEY, n.encode(), hashlib.sha256).hexdigest(): n for n in nums}
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
live = set()
for q in ("select sender_key from sessions", "select sender_key from session_log", "select key from private_records", "select id from scheduled_work"):
    live |= {r[0] for r in con.execute(q)}
print(f"{len(hashes)} numbers hashed; {len(live & hashes.keys())} held by live rows")
tok = re.compile(rb"[0-9a-f]{64}")
for path in files:
    data = open(path, "rb").read()
    found = {m.group().decode() for m in tok.finditer(data)} & hashes.keys()
    stale = found - live
    print(f"{path}: {len(found)} keyed hashes of sent numbers in the bytes; {len(stale)} held by no live row")
    for h in list(stale)[:3]:
        i = data.find(h.encode()); print("   e.g.", h[:16], "ctx", data[max(0,i-40):i].hex()[:80])
