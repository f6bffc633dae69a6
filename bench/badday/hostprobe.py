# hostprobe.py: which URL a reply's status callback names, for each Host header, signed URL and X-Forwarded-* a
# signed request may carry (each row a new sender; FROMBASE offsets them between runs). Run it against a line started
# with and without Twilio__RequestValidation__BaseUrl=https://line.example.org and ForwardedHeaders__KnownProxies__0=127.0.0.1.
# LINE_PORT and AUTH_TOKEN as tw.py.
import sys, re, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tw import post, new_sid, PORT
n = [0]
def params(body):
    n[0] += 1
    return [("AccountSid", "AC0123456789abcdef0123456789abcdef"), ("Body", body), ("From", "+1630557%04d" % (n[0] + int(os.environ.get("FROMBASE", "0")))), ("MessageSid", new_sid()), ("To", "+13125550000")]
def action(b):
    m = re.search(r'action="([^"]*)"', b); return m[1] if m else "-"
real = f"http://127.0.0.1:{PORT}/sms"
cases = [
    ("real Host, signed for the real URL", dict(sign_url=real)),
    ("Host evil.example, signed for http://evil.example/sms", dict(sign_url="http://evil.example/sms", host="evil.example")),
    ("Host evil.example, signed for the base URL", dict(sign_url="https://line.example.org/sms", host="evil.example")),
    ("real Host, signed for the base URL", dict(sign_url="https://line.example.org/sms")),
    ("X-Forwarded-Proto https, X-Forwarded-Host line.example.org, signed for https://line.example.org/sms",
        dict(sign_url="https://line.example.org/sms", headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "line.example.org", "X-Forwarded-For": "203.0.113.9"})),
    ("X-Forwarded-Host evil.example, signed for https://evil.example/sms",
        dict(sign_url="https://evil.example/sms", headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example", "X-Forwarded-For": "203.0.113.9"})),
]
for name, kw in cases:
    s, b, t = post(params=params("Hi"), **kw)
    print(f"  {s} {action(b):60s} {name}")
