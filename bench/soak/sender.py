#!/usr/bin/env python3
"""Paced, signed Twilio-shaped load for the Westmont Text Line: a city's worth of senders over a long run.

Usage: sender.py PORT RATE DURATION_S OUTDIR [TOKEN]
Writes OUTDIR/numbers.txt (every number sent from), OUTDIR/bodies.txt (distinctive bodies), OUTDIR/stats.log, and
OUTDIR/events.txt (each check-in set, each fallback, each return after more than 330 s idle and whether it was welcomed)
for lateness.py. Every reply with a status callback gets "sent" then "delivered".
"""
import base64, hashlib, hmac, heapq, http.client, os, random, re, sys, threading, time, urllib.parse, queue

PORT, RATE, DURATION, OUT = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
TOKEN = sys.argv[5] if len(sys.argv) > 5 else "soak-auth-token-0123456789"
SEED = int(os.environ.get("SEED", "1"))
BASE = f"http://127.0.0.1:{PORT}"
ACCOUNT = "AC0123456789abcdef0123456789abcdef"
LINE = "+16305551234"
AREAS = [312, 773, 630, 708, 847, 331, 224, 779, 815, 872, 219, 262, 414, 608, 309, 217, 618, 463, 317, 765]
rng = random.Random(SEED)
os.makedirs(OUT, exist_ok=True)
numbers_f = open(os.path.join(OUT, "numbers.txt"), "a")
bodies_f = open(os.path.join(OUT, "bodies.txt"), "a")
lock = threading.Lock()
counter = [SEED * 5_000_000]


def new_number():
    with lock:
        i = counter[0]; counter[0] += 1
    a = AREAS[i % len(AREAS)]; j = i // len(AREAS)
    rest = (j * 7919 + 12345) % 8_000_000
    n = f"+1{a}{200 + rest // 10000}{rest % 10000:04d}"
    numbers_f.write(n + "\n")
    return n


def marker(kind):
    m = f"{kind}{rng.randrange(36**6):06x}q{int(time.time()*1000)%100000}"
    bodies_f.write(m + "\n")
    return m


def sign(url, fields):
    s = url + "".join(k + v for k, v in sorted(fields))
    return base64.b64encode(hmac.new(TOKEN.encode(), s.encode(), hashlib.sha1).digest()).decode()


def sid():
    return "SM" + "".join(rng.choice("0123456789abcdef") for _ in range(32))


def sms_fields(frm, body):
    s = sid()
    if body.startswith("[pic]"):
        body = body[5:]
        return [("NumMedia", "1"), ("MediaUrl0", f"https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT}/Messages/{s}/Media/ME{s[2:]}"), ("MediaContentType0", "image/jpeg"),
                ("ToCountry", "US"), ("SmsMessageSid", s), ("SmsSid", s), ("SmsStatus", "received"), ("Body", body), ("To", LINE), ("NumSegments", "1"),
                ("MessageSid", s), ("AccountSid", ACCOUNT), ("From", frm), ("ApiVersion", "2010-04-01")]
    return [("ToCountry", "US"), ("ToState", "IL"), ("SmsMessageSid", s), ("NumMedia", "0"), ("ToCity", "WESTMONT"),
            ("FromZip", "60559"), ("SmsSid", s), ("FromState", "IL"), ("SmsStatus", "received"), ("FromCity", "WESTMONT"),
            ("Body", body), ("FromCountry", "US"), ("To", LINE), ("ToZip", "60559"), ("NumSegments", "1"),
            ("MessageSid", s), ("AccountSid", ACCOUNT), ("From", frm), ("ApiVersion", "2010-04-01")]


# Conversation scripts: lists of (who, body, delay_before_s). who: 'me' or 'buddy'.
def script():
    r = rng.random()
    d = lambda a=1, b=15: rng.uniform(a, b)
    if r < 0.42:   # one text: a greeting or a topic word, then gone
        return [("me", rng.choice(["hi", "Hello", "clinic", "shelter", "lawyer", "testing", "police", "hola", "abogado", "HELP", "info"]), 0)]
    if r < 0.57:   # menu walk, English
        return [("me", "hi", 0)] + [("me", rng.choice(["1", "2", "3", "4", "BACK", "0", "MENU", "5"]), d()) for _ in range(rng.randint(2, 6))]
    if r < 0.64:   # Spanish walk
        return [("me", "hola", 0), ("me", "ESPANOL", d()), ("me", rng.choice(["1", "2", "3"]), d()), ("me", rng.choice(["BACK", "0", "derechos", "abogado"]), d()), ("me", "MENU", d())]
    if r < 0.69:   # free text the line does not understand: distinctive body
        return [("me", "hi", 0), ("me", f"my friend {marker('zorb')} wants purple kettles", d())]
    if r < 0.73:   # STOP, silence, START
        return [("me", "hi", 0), ("me", "STOP", d()), ("me", "hello?", d()), ("me", "START", d(5, 60)), ("me", "1", d())]
    if r < 0.755:   # STOP only (kept forever as an opt-out)
        return [("me", "STOP", 0)]
    if r < 0.79:   # FORGET
        return [("me", "hi", 0), ("me", "2", d()), ("me", f"note {marker('forg')} here", d()), ("me", rng.choice(["FORGET", "BORRAR"]), d())]
    if r < 0.85:   # CHECK with OK
        return [("me", "hi", 0), ("me", rng.choice(["CHECK 1", "check on me in 1 minute"]), d()), ("me", "OK", d(20, 100))]
    if r < 0.88:   # buddy, YES, then missed check-in
        return [("me", f"BUDDY {{buddy}} {marker('Nm')}", 0), ("buddy", "YES", d(2, 20)), ("me", "CHECK 1", d()), ("me", "1", d(100, 160))]
    if r < 0.90:   # buddy, code word
        return [("me", f"BUDDY {{buddy}} {marker('Nm')}", 0), ("buddy", "YES", d(2, 20)), ("me", f"CODEWORD {marker('cw')}", d()), ("me", "{codeword}", d(5, 30))]
    if r < 0.95:   # TALK after hours, leave a message
        return [("me", "TALK", 0), ("me", f"please call me about {marker('talk')} tomorrow", d()), ("me", "0", d(5, 40))]
    if r < 0.955:   # a picture, alone or with words
        return [("me", "hi", 0), ("me", rng.choice(["[pic]", "[pic]is this place safe"]), d())]
    if r < 0.962:   # TALK and wait for staff, then answer and leave
        return [("me", "TALK", 0), ("me", f"i need help with {marker('talk')} please", d(2, 10)), ("me", "thank you", d(40, 120))]
    if r < 0.97:   # emergency
        return [("me", rng.choice(["911", "SOS", "PELIGRO", "help me"]), 0)]
    return [("me", "hi", 0), ("me", "1", d()), ("me", "asdf", d()), ("me", "BACK", d())]


class Conv:
    __slots__ = ("me", "buddy", "steps", "i", "codeword")

    def __init__(self, me=None):
        self.me = me or new_number(); self.buddy = None; self.steps = script(); self.i = 0; self.codeword = None
        for w, b, _ in self.steps:
            if "{buddy}" in b: self.buddy = new_number()


events = []   # (due, seq, kind, payload)
seq = [0]
ev_lock = threading.Lock()
old_numbers = []


def schedule(due, kind, payload):
    with ev_lock:
        seq[0] += 1
        heapq.heappush(events, (due, seq[0], kind, payload))


events_f = open(os.path.join(OUT, "events.txt"), "a", buffering=1)
last_seen = {}
stats_lock = threading.Lock()
stats = {"sent": 0, "status_cb": 0, "non200": 0, "fallback": 0, "empty": 0, "err": 0, "lat": []}
ACTION = re.compile(r'action="([^"]+)"')
tls = threading.local()


def conn():
    c = getattr(tls, "c", None)
    if c is None:
        c = tls.c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=20)
    return c


def post(path, fields):
    url = BASE + path
    body = urllib.parse.urlencode(fields)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": sign(url, fields)}
    for attempt in range(2):
        try:
            c = conn(); t = time.perf_counter()
            c.request("POST", path, body, headers)
            r = c.getresponse(); data = r.read().decode("utf-8", "replace")
            return r.status, data, time.perf_counter() - t
        except Exception:
            try: tls.c.close()
            except Exception: pass
            tls.c = None
    return None, "", 0


def run_text(conv):
    who, body, _ = conv.steps[conv.i]
    frm = conv.me if who == "me" else conv.buddy
    body = body.replace("{buddy}", conv.buddy or "").replace("{codeword}", conv.codeword or "hi")
    if body.startswith("CODEWORD "): conv.codeword = body.split(" ", 1)[1]
    status, data, lat = post("/sms", sms_fields(frm, body))
    with stats_lock:
        stats["sent"] += 1; stats["lat"].append(lat)
        if status is None: stats["err"] += 1
        elif status != 200: stats["non200"] += 1
        elif "technical problem" in data or "problema tecnico" in data: stats["fallback"] += 1
        elif "<Message" not in data: stats["empty"] += 1
    now_t = time.time()
    if who == "me" and status == 200:
        if body in ("CHECK 1", "check on me in 1 minute"):
            events_f.write(f"{now_t:.3f} checkin {frm} {int('I will text you' in data or 'Te escribo' in data or 'OK.' in data)}\n")
        prev = last_seen.get(frm)
        if prev is not None and now_t - prev > 330 and "<Message" in data:
            events_f.write(f"{now_t:.3f} return {frm} {now_t-prev:.0f} {int(any(w in data for w in ('Msg&amp;data', 'Msg&data', 'tarifas de mensajes')))} {body[:12]!r}\n")
        last_seen[frm] = now_t
        if "technical problem" in data or "problema tecnico" in data:
            events_f.write(f"{now_t:.3f} fallback {frm} {body[:12]!r}\n")
    m = ACTION.search(data or "")
    if m:
        u = urllib.parse.urlsplit(m.group(1).replace("&amp;", "&"))
        path = u.path + ("?" + u.query if u.query else "")
        s = sid()
        for st, dl in (("sent", rng.uniform(0.5, 3)), ("delivered", rng.uniform(3, 10))):
            schedule(time.time() + dl, "status", (path, s, st, frm))
    conv.i += 1
    if conv.i < len(conv.steps):
        schedule(time.time() + conv.steps[conv.i][2], "text", conv)
    elif rng.random() < 0.3:
        with lock:
            old_numbers.append(conv.me)
            if len(old_numbers) > 50000: del old_numbers[:10000]


def run_status(payload):
    path, s, st, to = payload
    fields = [("SmsSid", s), ("SmsStatus", st), ("MessageStatus", st), ("To", to), ("MessageSid", s),
              ("AccountSid", ACCOUNT), ("From", LINE), ("ApiVersion", "2010-04-01")]
    status, _, lat = post(path, fields)
    with stats_lock:
        stats["status_cb"] += 1
        if status is None: stats["err"] += 1
        elif status not in (200, 204): stats["non200"] += 1


jobs = queue.Queue(maxsize=2000)


def worker():
    while True:
        kind, payload = jobs.get()
        try:
            (run_text if kind == "text" else run_status)(payload)
        except Exception as e:
            with stats_lock: stats["err"] += 1
            print("worker error", repr(e), file=sys.stderr)


for _ in range(24):
    threading.Thread(target=worker, daemon=True).start()

start = time.time(); end = start + DURATION
log = open(os.path.join(OUT, "stats.log"), "a")
next_report = start + 30; sent_ticks = 0; interval = 1.0 / RATE; t_next = time.time()
while time.time() < end:
    now = time.time()
    if now < t_next:
        time.sleep(min(t_next - now, 0.01)); continue
    t_next += interval
    if t_next < now - 1: t_next = now   # never burst to catch up more than a second
    item = None
    with ev_lock:
        if events and events[0][0] <= now:
            item = heapq.heappop(events)
    if item is not None:
        jobs.put((item[2], item[3]))
    else:
        me = None
        with lock:
            if old_numbers and rng.random() < 0.05: me = old_numbers.pop(rng.randrange(len(old_numbers)))
        jobs.put(("text", Conv(me)))
    if now >= next_report:
        next_report += 30
        with stats_lock:
            lat = sorted(stats["lat"]); stats["lat"] = []
            p50 = lat[len(lat) // 2] * 1000 if lat else 0; p99 = lat[int(len(lat) * 0.99)] * 1000 if lat else 0
            line = (f"{time.strftime('%H:%M:%S')} t={int(now-start)} sent={stats['sent']} status_cb={stats['status_cb']} non200={stats['non200']} "
                    f"fallback={stats['fallback']} empty={stats['empty']} err={stats['err']} p50={p50:.1f}ms p99={p99:.1f}ms "
                    f"pending={len(events)} numbers={counter[0]-SEED*5_000_000}")
        print(line, file=log, flush=True); print(line, flush=True)
        numbers_f.flush(); bodies_f.flush()
numbers_f.flush(); bodies_f.flush()
print("done", flush=True)
