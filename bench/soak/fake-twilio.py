#!/usr/bin/env python3
"""fake-twilio.py PORT OUTLOG [TOKEN] (LAT=0.15 in the environment: each answer 150 ms late, as Twilio; LAT=0.15-0.5 a random time between; REFUSE_IF=path: 401 20003 while that file exists): a Twilio-shaped Messages API. POST Messages.json -> 201 and, for a message with a
StatusCallback, signed callbacks 'sent' then 'delivered'; DELETE -> 204; GET Messages.json -> empty page.
FATES=path: a file of lines "TO refuse CODE" (the create answered 400 with that code) or "TO STATUS CODE" (the
message's callbacks end in that status and ErrorCode, e.g. "+16305550101 undelivered 30007"), read at each create.
Writes one line per event to OUTLOG: time kind sid to label (no bodies)."""
import base64, hashlib, hmac, heapq, http.client, json, sys, threading, time, urllib.parse, uuid
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
PORT, OUT = int(sys.argv[1]), sys.argv[2]
import os
LAT = [float(x) for x in os.environ.get("LAT", "0").split("-")]  # "0.15" or a range "0.15-0.5"
import random
REFUSE_IF = os.environ.get("REFUSE_IF")
FATES = os.environ.get("FATES")
def fate(to):
    if not FATES or not os.path.exists(FATES): return None
    for line in open(FATES):
        parts = line.split()
        if len(parts) == 3 and parts[0] == to: return parts[1], parts[2]
    return None
TOKEN = sys.argv[3] if len(sys.argv) > 3 else "soak-auth-token-0123456789"
log = open(OUT, "a", buffering=1); llock = threading.Lock()
def w(*a):
    with llock: log.write(f"{time.time():.3f} " + " ".join(str(x) for x in a) + "\n")
heap = []; hl = threading.Condition(); seq = [0]
def later(t, job):
    with hl:
        seq[0] += 1; heapq.heappush(heap, (t, seq[0], job)); hl.notify()
def sign(url, fields):
    s = url + "".join(k + v for k, v in sorted(fields))
    return base64.b64encode(hmac.new(TOKEN.encode(), s.encode(), hashlib.sha1).digest()).decode()
tls = threading.local()
def callback(job):
    url, sid, status, to = job[:4]
    code = job[4] if len(job) > 4 else None
    fields = [("MessageSid", sid), ("SmsSid", sid), ("MessageStatus", status), ("SmsStatus", status), ("To", to),
              ("From", "+16305551234"), ("AccountSid", "AC0123456789abcdef0123456789abcdef"), ("ApiVersion", "2010-04-01")] + ([("ErrorCode", code)] if code else [])
    u = urllib.parse.urlsplit(url)
    body = urllib.parse.urlencode(fields)
    for attempt in range(2):
        try:
            c = getattr(tls, "c", None)
            if c is None: c = tls.c = http.client.HTTPConnection(u.hostname, u.port, timeout=20)
            c.request("POST", u.path + ("?" + u.query if u.query else ""), body,
                      {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": sign(url, fields)})
            r = c.getresponse(); r.read(); w("cb", sid, status, r.status); return
        except Exception as e:
            try: tls.c.close()
            except Exception: pass
            tls.c = None
    w("cberr", sid, status)
def runner():
    while True:
        with hl:
            while not heap or heap[0][0] > time.time():
                hl.wait(0.05 if heap else 1)
            _, _, job = heapq.heappop(heap)
        callback(job)
for _ in range(4): threading.Thread(target=runner, daemon=True).start()
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def reply(self, code, obj=None):
        if LAT[-1]: time.sleep(random.uniform(LAT[0], LAT[-1]))
        data = json.dumps(obj).encode() if obj is not None else b""
        self.send_response(code); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
    def refused(self):  # REFUSE_IF=path: while that file exists, every request is answered 401 20003 (a rotated token)
        if REFUSE_IF and os.path.exists(REFUSE_IF):
            w("refused", self.command); self.reply(401, {"code": 20003, "message": "Authenticate", "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401}); return True
        return False
    def do_POST(self):
        if self.refused(): return
        n = int(self.headers.get("Content-Length", 0)); f = dict(urllib.parse.parse_qsl(self.rfile.read(n).decode()))
        if not self.path.endswith("/Messages.json"): return self.reply(404, {})
        sid = "SM" + uuid.uuid4().hex; to = f.get("To", ""); cb = f.get("StatusCallback")
        label = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(cb).query)).get("n", "-") if cb else "-"
        end = fate(to)
        if end and end[0] == "refuse":
            w("refused-send", to, label, end[1])
            return self.reply(400, {"code": int(end[1]), "message": "refused", "more_info": "https://www.twilio.com/docs/errors/" + end[1], "status": 400})
        w("send", sid, to, label, len(f.get("Body", "")))
        if cb:
            later(time.time() + 0.5, (cb, sid, "sent", to))
            later(time.time() + 2.0, (cb, sid, end[0], to, end[1]) if end else (cb, sid, "delivered", to))
        self.reply(201, {"sid": sid, "status": "queued", "to": to, "from": f.get("From"), "body": f.get("Body"), "error_code": None, "error_message": None,
                         "date_created": time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime())})
    def do_DELETE(self):
        if self.refused(): return
        sid = self.path.rsplit("/", 1)[-1].removesuffix(".json"); w("delete", sid); self.reply(204)
    def do_GET(self):
        if self.refused(): return
        if "/Messages.json" in self.path: return self.reply(200, {"messages": [], "next_page_uri": None, "page": 0, "page_size": 20, "uri": self.path})
        self.reply(404, {})
ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
