#!/usr/bin/env python3
"""staff-bot.py PORT NAME PASSWORD OUTLOG DURATION: one staff member through the console's own pages (over a 'proxy'
that says https): enrols, goes on shift, and every few seconds claims each open conversation, replies once, and
closes the ones it answered 150 s ago, holding the inbox's event stream as the page does (it ends each minute and
reconnects). Writes one line per action to OUTLOG (no bodies). Make the account first with `staff add NAME`."""
import base64, hashlib, hmac, html, http.client, re, struct, sys, time, urllib.parse
PORT, NAME, PW, OUT, DUR = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])
log = open(OUT, "a", buffering=1)
def w(*a): log.write(f"{time.time():.3f} " + " ".join(str(x) for x in a) + "\n")
cookies = {}
def req(method, path, fields=None):
    for attempt in range(3):
        try:
            c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            h = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1:%d" % PORT}
            if cookies: h["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
            body = None
            if fields is not None:
                body = urllib.parse.urlencode(fields); h["Content-Type"] = "application/x-www-form-urlencoded"
            t = time.perf_counter(); c.request(method, path, body, h); r = c.getresponse(); data = r.read().decode("utf-8", "replace")
            for k, v in r.getheaders():
                if k.lower() == "set-cookie":
                    pair = v.split(";", 1)[0]; n, _, val = pair.partition("=")
                    if not val or "1970" in v: cookies.pop(n, None)
                    else: cookies[n] = val
            c.close()
            return r.status, data, r.getheader("Location"), time.perf_counter() - t
        except Exception as e:
            w("err", method, path.split("?")[0][:40], repr(e)[:80]); time.sleep(1)
    return None, "", None, 0
TOKEN = re.compile(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"')
def token(page): m = TOKEN.search(page); return html.unescape(m.group(1)) if m else ""
def post_form(page_path, fields, handler=None):
    s, page, _, _ = req("GET", page_path)
    url = page_path + (("&" if "?" in page_path else "?") + "handler=" + handler if handler else "")
    return req("POST", url, fields + [("__RequestVerificationToken", token(page))])
def totp(secret, t):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8)); msg = struct.pack(">Q", int(t) // 30)
    hsh = hmac.new(key, msg, hashlib.sha1).digest(); o = hsh[19] & 15
    return "%06d" % ((struct.unpack(">I", hsh[o:o + 4])[0] & 0x7fffffff) % 1000000)
s, _, loc, _ = post_form("/console/SignIn", [("UserName", NAME), ("Password", PW)]); w("signin", s, loc)
s, page, _, _ = req("GET", "/console/Enrol")
sec = re.search(r'<code id="secret">([A-Z2-7]+)</code>', page)
if sec:
    s, _, loc, _ = post_form("/console/Enrol", [("Code", totp(sec.group(1), time.time()))]); w("enrol", s, loc)
else:
    w("enrol-page", s, page[:200].replace("\n", " "))
s, _, loc, _ = post_form("/console/Shift", [("On", "true"), ("ReturnUrl", "/console/Inbox")]); w("shift", s, loc)
import threading
def stream():
    while time.time() < end:
        try:
            c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=40)
            h = {"X-Forwarded-Proto": "https", "Accept": "text/event-stream", "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
            t = time.time(); c.request("GET", "/console/Inbox/events", headers=h); r = c.getresponse(); n = 0
            if r.status != 200: w("stream", r.status); r.read(); time.sleep(5); continue
            while True:
                line = r.readline()
                if not line: break
                if line.startswith(b"data:"): n += 1
            w("stream-end", n, f"{time.time()-t:.0f}s"); c.close()
        except Exception as e:
            w("stream-err", repr(e)[:80])
        time.sleep(1)
answered = {}; end = time.time() + DUR
threading.Thread(target=stream, daemon=True).start()
while time.time() < end:
    s, page, _, lat = req("GET", "/console/Inbox?handler=List")
    ids = re.findall(r'data-conversation="([^"]+)"', page)
    w("list", s, len(ids), f"{lat*1000:.0f}ms")
    for cid in ids:
        path = f"/console/Inbox/{cid}"
        if cid not in answered:
            s1, _, _, l1 = post_form(path, [], "Claim")
            s2, _, loc, l2 = post_form(path, [("Body", "Hi, it's Sam from the line. I am here. What is going on?")], "Reply")
            answered[cid] = time.time(); w("reply", cid[:8], s1, s2, f"{l1*1000:.0f}ms {l2*1000:.0f}ms")
        elif time.time() - answered[cid] > 150:
            s3, _, _, l3 = post_form(path, [], "Close"); w("close", cid[:8], s3, f"{l3*1000:.0f}ms")
            answered[cid] = time.time() + 10**6
    time.sleep(3)
post_form("/console/Shift", [("On", "false"), ("ReturnUrl", "/console/Inbox")]); w("offshift")
