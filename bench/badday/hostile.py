# Forged and malformed requests, odd encodings: each row prints what came back and whether that is what the contract
# allows (a reply to a well-formed signed text; 403 with an empty body for a forged one; 400 malformed; 413 too large).
import sys, urllib.parse
from tw import *

P = f"http://127.0.0.1:{PORT}/sms"
rows = []
def row(name, res, expect):
    st, body, secs = res[0], res[1], res[2]
    k = kind(st, body)
    ok = expect(st, body)
    rows.append((name, st, k, len(body), round(secs*1000), "ok" if ok else "FAIL"))
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {st} {k} len={len(body)} {secs*1000:.0f} ms {body[:120]!r}", flush=True)

is403 = lambda s, b: s == 403 and b == ""
is400 = lambda s, b: s == 400
is413 = lambda s, b: s == 413
isreply = lambda s, b: s == 200 and "<Message" in b and "text again" not in b
n = iter(range(100, 200))
def frm(): return "+1630556%04d" % next(n)
def params(body, f=None, sid=None): return [("Body", body), ("From", f or frm()), ("MessageSid", sid or new_sid())]

row("signed, plain", text(frm(), "Hi"), isreply)
row("no signature", post(params=params("Hi"), signature=""), is403)
row("wrong signature", post(params=params("Hi"), signature="AAAAAAAAAAAAAAAAAAAAAAAAAAA="), is403)
row("signature with another token", post(params=params("Hi"), signature=sign(P, params("Hi"), "x")), is403)
pp = params("Hi"); row("signature of other params", post(params=pp, signature=sign(P, params("Other"))), is403)
pp = params("Hi"); row("signed for Host evil.example, sent with Host evil.example", post(params=pp, sign_url="http://evil.example/sms", host="evil.example"), lambda s,b: s in (200,403))
pp = params("Hi"); row("signed for https://evil.example + X-Forwarded-Proto/Host (no known proxy)", post(params=pp, sign_url="https://evil.example/sms", headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example", "X-Forwarded-For": "1.2.3.4"}), is403)
pp = params("Hi"); row("signed for the real URL, forged X-Forwarded-* beside", post(params=pp, headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example", "X-Forwarded-For": "1.2.3.4", "X-Forwarded-Prefix": "/x"}), isreply)
pp = params("Hi"); row("signed, X-Forwarded-For garbage", post(params=pp, headers={"X-Forwarded-For": "not-an-ip, ,::::, 999.1.1.1"}), isreply)
pp = params("Hi"); row("signed, no Host header", post(params=pp, host=""), is400)
pp = params("Hi"); row("two X-Twilio-Signature headers", post(params=pp, headers={"X-Twilio-Signature": sign(P, pp) + "," + sign(P, pp)}, signature=""), lambda s,b: s in (403,200))
pp = [("Body","Hi"),("MessageSid",new_sid())]; row("signed, no From", post(params=pp), is400)
pp = [("Body","Hi"),("From",""),("MessageSid",new_sid())]; row("signed, From empty", post(params=pp), is400)
pp = [("From",frm()),("MessageSid",new_sid())]; row("signed, no Body", post(params=pp), lambda s,b: s in (200,400) and s != 200 or isreply(s,b))
pp = [("Body","Hi"),("From",frm())]; row("signed, no MessageSid", post(params=pp), lambda s,b: s in (200,400))
pp = params("Hi"); row("signed, JSON content type", post(params=pp, headers={"Content-Type": "application/json"}, body=b'{"Body":"Hi"}'), lambda s,b: s in (400,403,415))
pp = params("Hi"); row("signed, no content type", post(params=pp, headers={"Content-Type": None}), lambda s,b: s in (400,403,415))
pp = params("Hi"); row("signed, multipart claimed, urlencoded sent", post(params=pp, headers={"Content-Type": "multipart/form-data; boundary=x"}), lambda s,b: s in (400,403))
big = "A" * (2*1024*1024); pp = params(big); row("signed, 2 MB body", post(params=pp), is413)
pp = params(big); # chunked: Kestrel answers 413 and closes the connection once past the cap, so this client may see its send cut (-1)
row("unsigned, 2 MB body chunked", post(params=pp, signature="", headers={"Transfer-Encoding": "chunked"}), lambda s,b: s in (403,413,-1))
pp = params(big); row("signed, 2 MB body chunked", post(params=pp, headers={"Transfer-Encoding": "chunked"}), lambda s,b: s in (413,-1))
many = [("k%d" % i, "v") for i in range(5000)] + params("Hi"); row("signed, 5000 form fields", post(params=many), lambda s,b: s in (200,400,413))
pp = params("x" * 1600); row("signed, 1600-char body", post(params=pp), isreply)
pp = params("x" * 60000); row("signed, 60 KB body", post(params=pp), lambda s,b: isreply(s,b) or s == 413)
f = frm(); sid = new_sid()
raw = f"Body=%ZZ%C3%28%00%FF&From={urllib.parse.quote(f)}&MessageSid={sid}".encode()
pp = [("Body", urllib.parse.unquote("%ZZ%C3%28%00%FF")), ("From", f), ("MessageSid", sid)]
row("signed, invalid percent and UTF-8 in Body", post(params=pp, body=raw), lambda s,b: s in (200,403) and (s==403 or isreply(s,b)))
pp = params("help me \u202e\u0000 \U0001F600 ñ á"); row("signed, NUL/RTL/emoji in Body", post(params=pp), isreply)
pp = params("Hola"); row("signed, charset=iso-8859-1", post(params=pp, headers={"Content-Type": "application/x-www-form-urlencoded; charset=iso-8859-1"}), lambda s,b: isreply(s,b) or s in (400,403,415))
f = frm(); pp = [("Body","Hi"),("Body","STOP"),("From",f),("MessageSid",new_sid())]; row("signed, Body twice", post(params=pp), lambda s,b: s in (200,400))
pp = [("Body","Hi"),("From","+16305560999"),("From","+16305560998"),("MessageSid",new_sid())]; row("signed, From twice", post(params=pp), lambda s,b: s in (400,) or isreply(s,b))
pp = params("Hi", f="not a number"); row("signed, From not a number", post(params=pp), lambda s,b: s in (200,400))
pp = params("Hi", f="+1" + "9"*500); row("signed, From 500 digits", post(params=pp), lambda s,b: s in (200,400))
pp = params("Hi", sid="SM" + "x"*5000); row("signed, MessageSid 5000 chars", post(params=pp), lambda s,b: s in (200,400))
pp = params("Hi"); row("signed, GET", (lambda: (lambda c: (c.request("GET", "/sms"), (lambda r: (r.status, r.read().decode(), 0))(c.getresponse()))[1])(http.client.HTTPConnection("127.0.0.1", PORT)))(), lambda s,b: s in (404,405))
pp = [("MessageStatus","delivered"),("MessageSid",new_sid())]; row("status callback unsigned", post(path="/sms/status", params=pp, signature=""), is403)
pp = [("MessageStatus","delivered"),("MessageSid",new_sid())]; row("status callback signed", post(path="/sms/status?n=x", params=pp, sign_url=f"http://127.0.0.1:{PORT}/sms/status?n=x"), lambda s,b: 200 <= s < 300)
pp = [("MessageStatus","x"*100000),("MessageSid","SM"+"9"*5000)]; row("status callback signed, odd", post(path="/sms/status", params=pp, sign_url=f"http://127.0.0.1:{PORT}/sms/status"), lambda s,b: s < 500)
pp = [("CallSid","CA1"),("From",frm())]; row("voice unsigned", post(path="/voice", params=pp, signature=""), is403)
print("health", health())
print("FAILS", sum(1 for r in rows if r[-1] == "FAIL"))
