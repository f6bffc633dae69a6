# Signed Twilio-style requests against the line (signed as Twilio signs: the URL, then each field's name and value in
# name order, HMAC-SHA1 with the auth token, base64), and the kind of each answer. Used by the other scripts here.
# LINE_PORT (18093), AUTH_TOKEN (start-line.sh's).
import base64, hashlib, hmac, http.client, urllib.parse, time, itertools, os, sys

TOKEN = os.environ.get("AUTH_TOKEN", "bench-auth-token-0123456789abcdef")
PORT = int(os.environ.get("LINE_PORT", "18093"))
_sid = itertools.count(int(time.time()) % 100000 * 10000)

def sign(url, params, token=TOKEN):
    data = url + "".join(k + v for k, v in sorted(params))
    return base64.b64encode(hmac.new(token.encode(), data.encode("utf-8"), hashlib.sha1).digest()).decode()

def new_sid():
    return "SM%032d" % next(_sid)

def post(path="/sms", params=None, headers=None, body=None, sign_url=None, signature=None, timeout=20, host=None):
    """params: list of (k,v). Returns (status, body text, seconds)."""
    params = params or []
    url = sign_url or f"http://127.0.0.1:{PORT}{path}"
    if body is None:
        body = urllib.parse.urlencode(params).encode()
    h = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature is None:
        h["X-Twilio-Signature"] = sign(url, params)
    elif signature != "":
        h["X-Twilio-Signature"] = signature
    if headers: h.update(headers)
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    t = time.time()
    try:
        c.putrequest("POST", path, skip_host=True)
        if host is None: c.putheader("Host", f"127.0.0.1:{PORT}")
        elif host: c.putheader("Host", host)   # "": no Host header at all
        for k, v in h.items():
            if v is not None: c.putheader(k, v)
        if "Transfer-Encoding" not in h: c.putheader("Content-Length", str(len(body)))
        c.endheaders()
        if h.get("Transfer-Encoding") == "chunked":
            for i in range(0, len(body), 65536):
                chunk = body[i:i+65536]
                c.send(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            c.send(b"0\r\n\r\n")
        else:
            c.send(body)
        r = c.getresponse()
        return r.status, r.read().decode("utf-8", "replace"), time.time() - t
    except Exception as e:
        return -1, repr(e), time.time() - t
    finally:
        c.close()

def text(frm, body, sid=None, **kw):
    sid = sid or new_sid()
    return post(params=[("Body", body), ("From", frm), ("MessageSid", sid), ("To", "+13125550000")], **kw) + (sid,)

def health():
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=20)
    try:
        c.request("GET", "/healthz"); r = c.getresponse(); return r.status, r.read().decode()
    except Exception as e:
        return -1, repr(e)

def kind(status, body):
    if status != 200: return f"http{status}"
    if "text again" in body: return "fallback"
    if "<Message" in body: return "reply"
    if "<Response/>" in body or "<Response></Response>" in body: return "empty-response"
    return "EMPTY"
