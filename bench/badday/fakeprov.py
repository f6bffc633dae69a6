# fakeprov.py PORT LOG: a Twilio-shaped Messages API that logs each POST's To and a hash of its Body (and each DELETE and
# list), one line each, and answers the outbox's look-up of earlier texts (GET Messages.json?To=) from what it took, so
# a text the line sent before a kill -9 is found there instead of sent twice. The numbers are the scripts' fictional ones.
import sys, json, uuid, hashlib, urllib.parse, threading
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
port, logpath = int(sys.argv[1]), sys.argv[2]
lock = threading.Lock()
sent = []  # (to, from, body, sid, created)
from email.utils import formatdate
log = open(logpath, "a", buffering=1)
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        f = urllib.parse.parse_qs(self.rfile.read(n).decode())
        sid = "SM" + uuid.uuid4().hex
        with lock:
            log.write("POST %s %s %s\n" % (f.get("To", ["?"])[0], hashlib.sha1(f.get("Body", [""])[0].encode()).hexdigest()[:10], sid))
            sent.append((f.get("To", [""])[0], f.get("From", [""])[0], f.get("Body", [""])[0], sid, formatdate(usegmt=True)))
        b = json.dumps({"sid": sid, "status": "queued", "error_code": None, "error_message": None}).encode()
        self.send_response(201); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(b))); self.end_headers(); self.wfile.write(b)
    def do_DELETE(self):
        with lock: log.write("DELETE %s\n" % self.path.rsplit("/", 1)[-1])
        self.send_response(204); self.send_header("Content-Length", "0"); self.end_headers()
    def do_GET(self):
        u = urllib.parse.urlparse(self.path)
        if u.path.endswith("/Messages.json"):
            q = urllib.parse.parse_qs(u.query); to = q.get("To", [None])[0]
            with lock: ms = [m for m in sent if to is None or m[0] == to][::-1][:20]
            with lock: log.write("LIST %s -> %d\n" % (to, len(ms)))
            b = json.dumps({"messages": [{"sid": m[3], "to": m[0], "from": m[1], "body": m[2], "date_created": m[4], "date_sent": m[4], "direction": "outbound-api", "status": "sent", "messaging_service_sid": None, "num_segments": "1"} for m in ms],
                            "next_page_uri": None, "page": 0, "page_size": 20, "uri": u.path}).encode()
            self.send_response(200); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(b))); self.end_headers(); self.wfile.write(b); return
        self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers()
ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
