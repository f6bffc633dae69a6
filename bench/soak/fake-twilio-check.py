#!/usr/bin/env python3
"""fake-twilio-check.py: runs fake-twilio.py on a free port and checks it answers as Twilio does where the line relies on
it: its list finds the line's own texts by To (newest first, From and DateSent filters, paging), and it refuses to
delete a text still in flight (20009) and deletes it once final. Exits 1 and names the first difference. Takes ~3 s."""
import base64, json, os, socket, subprocess, sys, tempfile, time, urllib.error, urllib.parse, urllib.request
HERE = os.path.dirname(os.path.abspath(__file__))
ACCOUNT = "AC0123456789abcdef0123456789abcdef"
LINE, HER, OTHER = "+16305551234", "+16305550142", "+16305550199"
def free_port():
    with socket.socket() as s: s.bind(("127.0.0.1", 0)); return s.getsockname()[1]
port = free_port(); logdir = tempfile.mkdtemp()
fake = subprocess.Popen([sys.executable, os.path.join(HERE, "fake-twilio.py"), str(port), os.path.join(logdir, "fake.log")])
base = f"http://127.0.0.1:{port}/2010-04-01/Accounts/{ACCOUNT}/Messages"
auth = "Basic " + base64.b64encode(f"{ACCOUNT}:token".encode()).decode()
def call(method, url, form=None):
    data = urllib.parse.urlencode(form).encode() if form else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Authorization": auth})
    try:
        with urllib.request.urlopen(req, timeout=5) as r: body = r.read(); return r.status, json.loads(body) if body else None
    except urllib.error.HTTPError as e: return e.code, json.loads(e.read() or b"null")
def check(what, ok):
    if not ok: print("fake-twilio differs from Twilio:", what); fake.kill(); sys.exit(1)
try:
    for _ in range(100):
        try: socket.create_connection(("127.0.0.1", port), 0.1).close(); break
        except OSError: time.sleep(0.05)
    sids = []
    for to, body in [(HER, "First words."), (OTHER, "Someone else's."), (HER, "Second words.")]:
        status, m = call("POST", base + ".json", {"To": to, "From": LINE, "Body": body})
        check(f"create answered {status}", status == 201 and m["status"] == "queued" and m["to"] == to)
        sids.append(m["sid"]); time.sleep(0.01)
    status, page = call("GET", base + ".json?" + urllib.parse.urlencode({"To": HER, "PageSize": 20}))
    check(f"list answered {status}", status == 200)
    found = [(m["sid"], m["body"], m["from"], m["direction"]) for m in page["messages"]]
    check(f"the list by To holds her two texts, newest first: {found}",
          found == [(sids[2], "Second words.", LINE, "outbound-api"), (sids[0], "First words.", LINE, "outbound-api")])
    check("a listed text has Twilio's date_created", all(m["date_created"].endswith("+0000") for m in page["messages"]))
    status, page = call("GET", base + ".json?" + urllib.parse.urlencode({"To": HER, "PageSize": 1}))
    check("PageSize 1 pages the list", len(page["messages"]) == 1 and page["next_page_uri"] and page["page_size"] == 1)
    status, page = call("GET", base + ".json?" + urllib.parse.urlencode({"From": "+16305559999"}))
    check("a From filter of another sender finds nothing", page["messages"] == [])
    today = time.strftime("%Y-%m-%d", time.gmtime())
    status, page = call("GET", base + ".json?" + urllib.parse.urlencode({"To": HER, "DateSent>": today}))
    check("DateSent matches no text not sent yet", page["messages"] == [])
    status, error = call("DELETE", f"{base}/{sids[0]}.json")
    check(f"a queued text's deletion answered {status} {error}", status == 422 and error["code"] == 20009)
    time.sleep(0.7)
    status, page = call("GET", base + ".json?" + urllib.parse.urlencode({"To": HER, "DateSent>": today, "DateSent<": today}))
    check("DateSent> and DateSent< find her texts once sent", len(page["messages"]) == 2)
    status, error = call("DELETE", f"{base}/{sids[0]}.json")
    check(f"a sent text (no receipt yet) deletion answered {status}", status == 422 and error["code"] == 20009)
    time.sleep(1.6)
    status, _ = call("DELETE", f"{base}/{sids[0]}.json")
    check(f"a delivered text's deletion answered {status}", status == 204)
    status, page = call("GET", base + ".json?" + urllib.parse.urlencode({"To": HER}))
    check("a deleted text is gone from the list", [m["sid"] for m in page["messages"]] == [sids[2]])
    status, _ = call("DELETE", f"{base}/SM{'0' * 32}.json")
    check("a text the fake never saw (inbound, posted to the line) is deleted", status == 204)
    print("fake-twilio answers as Twilio does: list by To/From/DateSent, 20009 in flight, 204 once final")
finally:
    fake.kill()
