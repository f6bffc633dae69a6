#!/usr/bin/env python3
# A Twilio-shaped Messages API that logs each call (method, path, form): usage fake-provider.py PORT LOG
import sys, json, uuid, urllib.parse
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
PORT, LOG = int(sys.argv[1]), sys.argv[2]
class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def _log(self, body=""):
        with open(LOG, "a") as f: f.write(f"{self.command} {self.path} {body}\n")
    def do_DELETE(self):
        self._log(); self.send_response(204); self.end_headers()
    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0); body = self.rfile.read(n).decode()
        self._log(body)
        sid = "SM" + uuid.uuid4().hex
        out = json.dumps({"sid": sid, "status": "queued", "error_code": None, "error_message": None}).encode()
        self.send_response(201); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(out))); self.end_headers(); self.wfile.write(out)
        with open(LOG, "a") as f: f.write(f"CREATED {sid}\n")
    def do_GET(self):
        self.send_response(404); self.end_headers()
ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
