#!/usr/bin/env python3
"""burst.py PORT N CONTACTS ORDINARY OUTDIR [TOKEN]: an outreach event's burst of check-ins against a running line.
CONTACTS texters first name a safety contact (BUDDY) who agrees (YES); then N texters (those first) send CHECK 1 within
a few seconds, so their check-in texts fall due in the same minute and, with no OK, their missed check-ins (alerts to the
contacts, checkin_missed to the others) CheckIn:Grace later. ORDINARY more texters send BUDDY (an ordinary request to a
new contact) just as the check-ins fall due. Writes OUTDIR/events.txt (time kind number) for burst-lateness.py."""
import base64, hashlib, hmac, http.client, os, sys, threading, time, urllib.parse, random
from concurrent.futures import ThreadPoolExecutor
PORT, N, CONTACTS, ORDINARY, OUT = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
TOKEN = sys.argv[6] if len(sys.argv) > 6 else "soak-auth-token-0123456789"
ACCOUNT, LINE = "AC0123456789abcdef0123456789abcdef", "+16305551234"
AREAS = [312, 773, 630, 708, 847, 331, 224, 779, 815, 872]
os.makedirs(OUT, exist_ok=True)
ev = open(os.path.join(OUT, "events.txt"), "a", buffering=1); evl = threading.Lock()
def event(kind, number):
    with evl: ev.write(f"{time.time():.3f} {kind} {number}\n")
counter = [int(os.environ.get("SEED", "7")) * 1_000_000]; nl = threading.Lock()
def new_number():  # the soak's numbering (sender.py): made up for a fake provider, never texted for real
    with nl: i = counter[0]; counter[0] += 1
    a = AREAS[i % len(AREAS)]; j = i // len(AREAS); rest = (j * 7919 + 12345) % 8_000_000
    return f"+1{a}{200 + rest // 10000}{rest % 10000:04d}"
tls = threading.local()
def post(frm, body):
    url = f"http://127.0.0.1:{PORT}/sms"; s = "SM" + "%032x" % random.getrandbits(128)
    fields = [("SmsMessageSid", s), ("SmsSid", s), ("MessageSid", s), ("SmsStatus", "received"), ("Body", body), ("To", LINE),
              ("NumMedia", "0"), ("AccountSid", ACCOUNT), ("From", frm), ("ApiVersion", "2010-04-01")]
    sig = base64.b64encode(hmac.new(TOKEN.encode(), (url + "".join(k + v for k, v in sorted(fields))).encode(), hashlib.sha1).digest()).decode()
    for _ in range(3):
        try:
            c = getattr(tls, "c", None) or http.client.HTTPConnection("127.0.0.1", PORT, timeout=30); tls.c = c
            c.request("POST", "/sms", urllib.parse.urlencode(fields), {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": sig})
            r = c.getresponse(); return r.status, r.read().decode("utf-8", "replace")
        except Exception:
            tls.c = None
    return None, ""
texters = [new_number() for _ in range(N)]
contacts = {t: new_number() for t in texters[:CONTACTS]}
with ThreadPoolExecutor(8) as pool:
    list(pool.map(lambda t: post(t, f"BUDDY {contacts[t]} Ana"), contacts))
    time.sleep(5)
    list(pool.map(lambda t: post(contacts[t], "YES"), contacts))
    for t, c in contacts.items(): event("contact", f"{t} {c}")
    time.sleep(3)
    def check(t):
        st, data = post(t, "CHECK 1")
        if st == 200 and "OK." in data: event("checkin", t)
    list(pool.map(check, texters))
    time.sleep(max(0, 60 - 0))
    others = [new_number() for _ in range(ORDINARY)]
    def ordinary(t):
        post(t, f"BUDDY {new_number()} Ana"); event("buddy", t)
    list(pool.map(ordinary, others))
print("burst sent", N, CONTACTS, ORDINARY)
