#!/usr/bin/env python3
# Signed Twilio-shaped requests. signed.py sms URL FROM BODY [SID]  |  signed.py status URL SID STATUS [TO]
# TOKEN from env (default mytoken). Prints status code and body.
import sys, os, base64, hmac, hashlib, urllib.request, urllib.parse, uuid
TOKEN = os.environ.get("TOKEN", "mytoken")
def post(url, fields):
    s = url + "".join(k + v for k, v in sorted(fields))
    sig = base64.b64encode(hmac.new(TOKEN.encode(), s.encode(), hashlib.sha1).digest()).decode()
    req = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), headers={"X-Twilio-Signature": sig, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r: return r.status, r.read().decode(), dict(r.headers)
    except urllib.error.HTTPError as e: return e.code, e.read().decode(), dict(e.headers)
kind = sys.argv[1]
if kind == "sms":
    url, frm, body = sys.argv[2:5]
    sid = sys.argv[5] if len(sys.argv) > 5 else "SM" + uuid.uuid4().hex
    f = [("MessageSid", sid), ("SmsSid", sid), ("AccountSid", "AC00000000000000000000000000000001"), ("From", frm), ("To", "+16305550999"), ("Body", body), ("NumMedia", "0")]
else:
    url, sid, status = sys.argv[2:5]
    to = sys.argv[5] if len(sys.argv) > 5 else "+16305550100"
    f = [("MessageSid", sid), ("SmsSid", sid), ("MessageStatus", status), ("SmsStatus", status), ("AccountSid", "AC00000000000000000000000000000001"), ("From", "+16305550999"), ("To", to)]
code, text, h = post(url, f)
print(code, h.get("Retry-After", ""), text)
