#!/usr/bin/env python3
# A console visitor: console.py BASE enrol|signin NAME PASSWORD SECRETFILE COOKIEFILE ; console.py BASE get PATH COOKIEFILE
import sys, re, json, time, hmac, hashlib, struct, base64, html, requests
def totp(secret, t=None):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    c = int((t or time.time()) // 30)
    h = hmac.new(key, struct.pack(">Q", c), hashlib.sha1).digest()
    o = h[-1] & 15
    return "%06d" % ((struct.unpack(">I", h[o:o+4])[0] & 0x7fffffff) % 1000000)
base, cmd = sys.argv[1], sys.argv[2]
s = requests.Session()
def token(page):
    m = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page)
    return html.unescape(m.group(1))
def post(path, fields):
    t = token(s.get(base + path, allow_redirects=False).text)
    return s.post(base + path, data={**fields, "__RequestVerificationToken": t}, allow_redirects=False)
def save(f): json.dump(s.cookies.get_dict(), open(f, "w"))
def load(f): s.cookies.update(json.load(open(f)))
if cmd in ("enrol", "signin"):
    name, pw, secretf, cookief = sys.argv[3:7]
    r = post("/console/SignIn", {"UserName": name, "Password": pw}); print("signin", r.status_code, r.headers.get("Location"))
    if cmd == "enrol":
        page = s.get(base + "/console/Enrol").text
        secret = re.search(r'<code id="secret">([A-Z2-7]+)</code>', page).group(1); open(secretf, "w").write(secret)
        r = post("/console/Enrol", {"Code": totp(secret)}); print("enrol", r.status_code)
    else:
        secret = open(secretf).read().strip()
        r = post("/console/SignInCode", {"Code": totp(secret)}); print("code", r.status_code, r.headers.get("Location"))
    save(cookief)
elif cmd == "get":
    path, cookief = sys.argv[3:5]; load(cookief)
    r = s.get(base + path, allow_redirects=False, timeout=30)
    print(r.status_code, r.headers.get("Retry-After"), r.headers.get("Location"), r.text[:160].replace("\n", " "))
elif cmd == "post":
    path, cookief = sys.argv[3:5]; load(cookief)
    fields = dict(a.split("=", 1) for a in sys.argv[5:])
    r = post(path, fields)
    print(r.status_code, r.headers.get("Retry-After"), r.headers.get("Location"), r.text[:3000])
