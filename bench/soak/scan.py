#!/usr/bin/env python3
"""scan.py LOADDIR FILE...: every phone number sent (E.164, bare 11 and 10 digits, URL-encoded) and every marker body, in the files' bytes
(UTF-8 and UTF-16LE). Prints each file's hits by form, with a few examples and their context."""
import sys, os, re
load, files = sys.argv[1], sys.argv[2:]
nums = [l.strip() for l in open(os.path.join(load, "numbers.txt")) if l.strip()]
bodies = [l.strip() for l in open(os.path.join(load, "bodies.txt")) if l.strip()]
forms = {
    "e164": {n for n in nums}, "digits11": {n[1:] for n in nums}, "digits10": {n[2:] for n in nums},
    "urlenc": {"%2B" + n[1:] for n in nums}, "body": set(bodies),
}
print(f"{len(set(nums))} numbers, {len(bodies)} marker bodies")
digit_run = re.compile(rb"\d{10,}")
HEX = set(bytes([c]) for c in b"0123456789abcdefABCDEF")
for path in files:
    try: data = open(path, "rb").read()
    except Exception as e: print(path, "unreadable", e); continue
    hits = {}; hexruns = [0]
    # numbers: find digit runs and look them up (fast); E.164 and url-encoded are covered by the digit runs
    for m in digit_run.finditer(data):
        r = m.group().decode()
        a, b = m.start(), m.end()
        while a > 0 and data[a-1:a] in HEX: a -= 1
        while b < len(data) and data[b:b+1] in HEX: b += 1
        if b - a >= 20 and b - a > len(r) + 1: hexruns[0] += 1; continue   # inside a hex token (a SID or a keyed hash)
        for i in range(len(r) - 9):
            for form, n in (("digits11", 11), ("digits10", 10)):
                s = r[i:i + n]
                if len(s) == n and s in forms[form]:
                    hits.setdefault(form, []).append((m.start() + i, s))
    u16 = data.decode("utf-16-le", "ignore").encode("utf-8", "ignore") if len(data) < 2_000_000_000 else b""
    for m in digit_run.finditer(u16):
        r = m.group().decode()
        for i in range(len(r) - 9):
            if r[i:i + 10] in forms["digits10"] or r[i:i + 11] in forms["digits11"]:
                hits.setdefault("utf16-number", []).append((m.start() + i, r[i:i + 11]))
    # marker bodies: their prefixes are zorb/forg/talk/Nm/cw + hex
    for pat in (rb"(?:zorb|forg|talk|Nm|cw)[0-9a-f]{6,8}q\d{1,5}",):
        for m in re.finditer(pat, data):
            if m.group().decode() in forms["body"]: hits.setdefault("body", []).append((m.start(), m.group().decode()))
        for m in re.finditer(pat, u16):
            if m.group().decode() in forms["body"]: hits.setdefault("utf16-body", []).append((m.start(), m.group().decode()))
    size = len(data)
    if not hits:
        print(f"CLEAN {path} ({size} bytes; {hexruns[0]} digit runs inside hex tokens skipped)")
        continue
    print(f"HITS  {path} ({size} bytes): " + ", ".join(f"{k}={len(v)}" for k, v in hits.items()))
    for k, v in hits.items():
        for off, s in v[:3]:
            src = u16 if k.startswith("utf16") else data
            ctx = src[max(0, off - 60): off + 60]
            print(f"   {k} @{off}: {s}  ctx={ctx!r}")
