#!/usr/bin/env python3
"""fake-twilio.py PORT OUTLOG [TOKEN] (LAT=0.15 in the environment: each answer 150 ms late, as Twilio; LAT=0.15-0.5 a random time between; REFUSE_IF=path: 401 20003 while that file exists): a Twilio-shaped Messages API.
POST Messages.json -> 201, the message kept as Twilio keeps it (queued, then sent after 0.5 s, then delivered after 2 s, with
signed callbacks 'sent' then 'delivered' for a message with a StatusCallback). GET Messages.json -> Twilio's list: the
messages kept, filtered by To, From and DateSent (DateSent=, DateSent<=, DateSent>= a YYYY-MM-DD day, as Twilio's API and
its helper libraries send them), newest first, PageSize (50 by default, 1000 at most) at Page, with Twilio's page fields;
the line's look-up of an earlier send (GET Messages.json?To=...&PageSize=20) finds its own texts as it would at Twilio.
GET Messages/SID.json -> the message. DELETE -> 204, or 20009 (HTTP 422) while the message is in flight (queued,
sending, sent), as Twilio refuses it; a SID the fake never created (a text the sender posted to the line itself) is taken
as a received inbound text and deleted.
FATES=path: a file of lines "TO refuse CODE" (the create answered 400 with that code) or "TO STATUS CODE" (the
message's callbacks end in that status and ErrorCode, e.g. "+16305550101 undelivered 30007"), read at each create.
UNANSWERED=0.05: that share of creates is kept (the text goes out) but the connection is closed without an answer, as a
timeout or a dropped connection leaves it: the line must find the text at its next try and not send it again.
Writes one line per event to OUTLOG: time kind sid to label (no bodies): send, unanswered, cb, delete, delete-refused,
lookup (the number asked about and how many of the line's texts the page held)."""
import base64, hashlib, hmac, heapq, http.client, json, os, random, sys, threading, time, urllib.parse, uuid
from email.utils import formatdate
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
PORT, OUT = int(sys.argv[1]), sys.argv[2]
LAT = [float(x) for x in os.environ.get("LAT", "0").split("-")]  # "0.15" or a range "0.15-0.5"
REFUSE_IF = os.environ.get("REFUSE_IF")
FATES = os.environ.get("FATES")
UNANSWERED = float(os.environ.get("UNANSWERED", "0"))
ACCOUNT = "AC0123456789abcdef0123456789abcdef"
IN_FLIGHT = {"accepted", "scheduled", "queued", "sending", "sent", "receiving"}
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
messages = {}; mlock = threading.Lock()   # sid -> the message as Twilio keeps it
def rfc2822(t): return formatdate(t, usegmt=True).replace("GMT", "+0000")
def resource(m):
    uri = f"/2010-04-01/Accounts/{ACCOUNT}/Messages/{m['sid']}"
    return {"account_sid": ACCOUNT, "api_version": "2010-04-01", "body": m["body"], "date_created": rfc2822(m["created"]),
            "date_sent": rfc2822(m["sent"]) if m["sent"] else None, "date_updated": rfc2822(m["updated"]),
            "direction": "outbound-api", "error_code": int(m["code"]) if m["code"] else None, "error_message": None,
            "from": m["from"], "messaging_service_sid": m["service"], "num_media": "0", "num_segments": "1", "price": None,
            "price_unit": "USD", "sid": m["sid"], "status": m["status"], "to": m["to"], "uri": uri + ".json",
            "subresource_uris": {"media": uri + "/Media.json", "feedback": uri + "/Feedback.json"}}
def move(sid, status, code=None):
    with mlock:
        m = messages.get(sid)
        if m is None: return   # deleted meanwhile
        m["status"], m["updated"] = status, time.time()
        if status == "sent": m["sent"] = m["updated"]
        if code: m["code"] = code
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
    move(sid, status, code)   # Twilio's record moves on before it calls back
    if not url: return
    fields = [("MessageSid", sid), ("SmsSid", sid), ("MessageStatus", status), ("SmsStatus", status), ("To", to),
              ("From", "+16305551234"), ("AccountSid", ACCOUNT), ("ApiVersion", "2010-04-01")] + ([("ErrorCode", code)] if code else [])
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
def day_of(t): return time.strftime("%Y-%m-%d", time.gmtime(t))
def listed(query):
    """Twilio's list filters: To, From, and DateSent on the day (DateSent<= and DateSent>= bound it; a message not sent yet
    has no DateSent and matches no DateSent filter)."""
    q = urllib.parse.parse_qs(query, keep_blank_values=True)
    one = lambda k: q.get(k, [""])[0]
    to, frm = one("To"), one("From")
    on, before, after = one("DateSent"), one("DateSent<") or one("DateSent<="), one("DateSent>") or one("DateSent>=")
    def keep(m):
        if to and m["to"] != to: return False
        if frm and m["from"] != frm: return False
        if on or before or after:
            if not m["sent"]: return False
            d = day_of(m["sent"])
            if (on and d != on) or (before and d > before) or (after and d < after): return False
        return True
    with mlock: found = [resource(m) for m in sorted(messages.values(), key=lambda m: m["created"], reverse=True) if keep(m)]
    size = min(max(int(one("PageSize") or 50), 1), 1000); page = max(int(one("Page") or 0), 0)
    return found, size, page, to
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def reply(self, code, obj=None):
        if LAT[-1]: time.sleep(random.uniform(LAT[0], LAT[-1]))
        data = json.dumps(obj).encode() if obj is not None else b""
        self.send_response(code); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
    def error(self, status, code, message):
        self.reply(status, {"code": code, "message": message, "more_info": f"https://www.twilio.com/docs/errors/{code}", "status": status})
    def refused(self):  # REFUSE_IF=path: while that file exists, every request is answered 401 20003 (a rotated token)
        if REFUSE_IF and os.path.exists(REFUSE_IF):
            w("refused", self.command); self.error(401, 20003, "Authenticate"); return True
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
            return self.error(400, int(end[1]), "refused")
        now = time.time(); service = f.get("MessagingServiceSid")
        m = {"sid": sid, "to": to, "from": f.get("From"), "body": f.get("Body"), "service": service,
             "status": "accepted" if service else "queued", "created": now, "updated": now, "sent": None, "code": None}
        with mlock: messages[sid] = m
        w("send", sid, to, label, len(f.get("Body", "")))
        later(now + 0.5, (cb, sid, "sent", to))
        later(now + 2.0, (cb, sid, end[0], to, end[1]) if end else (cb, sid, "delivered", to))
        if UNANSWERED and random.random() < UNANSWERED:
            w("unanswered", sid, to, label); self.close_connection = True
            try: self.connection.shutdown(2)
            except OSError: pass
            return
        with mlock: answer = resource(m)
        self.reply(201, answer)
    def do_DELETE(self):
        if self.refused(): return
        sid = self.path.rsplit("/", 1)[-1].removesuffix(".json")
        with mlock:
            m = messages.get(sid)
            in_flight = m is not None and m["status"] in IN_FLIGHT
            if not in_flight: messages.pop(sid, None)
        if in_flight:
            w("delete-refused", sid, 20009)
            return self.error(422, 20009, "Cannot delete this resource before it is complete")
        w("delete", sid); self.reply(204)
    def do_GET(self):
        if self.refused(): return
        path, _, query = self.path.partition("?")
        if path.endswith("/Messages.json"):
            found, size, page, to = listed(query)
            items = found[page * size:(page + 1) * size]; more = len(found) > (page + 1) * size
            uri = lambda p: f"{path}?{urllib.parse.urlencode([(k, v) for k, v in urllib.parse.parse_qsl(query) if k not in ('Page', 'PageSize')] + [('PageSize', size), ('Page', p)])}"
            w("lookup", to or "-", len(items))
            return self.reply(200, {"messages": items, "end": page * size + max(len(items) - 1, 0), "first_page_uri": uri(0),
                                    "next_page_uri": uri(page + 1) if more else None, "page": page, "page_size": size,
                                    "previous_page_uri": uri(page - 1) if page > 0 else None, "start": page * size, "uri": uri(page)})
        if "/Messages/" in path and path.endswith(".json"):
            with mlock: m = messages.get(path.rsplit("/", 1)[-1].removesuffix(".json"))
            if m: return self.reply(200, resource(m))
            return self.error(404, 20404, f"The requested resource {path} was not found")
        self.reply(404, {})
ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
