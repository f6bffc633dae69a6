#!/usr/bin/env python3
"""leasekill.py checkin|forget DIR: two line processes (start-line.sh) on a redis-server of the script's own, the soak's
fake provider beside them; the instance holding a claim is killed with kill -9 and the other must do the work once.

checkin: a texter's CHECK 1 (to line A). At the due time line B is stopped (SIGSTOP), so that A claims the timer, and
  her lock is held in Redis (as a text of hers in flight at A would hold it), so that A waits on it after its claim
  (at most RedisSenderLocks.MaxWait, 2 s): A is killed as soon as its claim shows in Redis, B goes on (SIGCONT), and
  her check-in text must reach the provider once, from B, when A's claim lease (20 s) ends.
forget: the provider refuses every text (REFUSE_IF), so the outbox holds COUNT (1500) contact requests from as many
  senders (a long outbox, so that the withdrawal's read of it takes long enough to be killed in), and one to her
  number; B stopped, her FORGET (to A), which also queues a text to the one who asked her; A is killed as soon as its
  claim of the withdrawal shows, B goes on: the withdrawal must be done by B when A's claim lease ends; then the
  provider takes texts again and, once the outbox is empty, none went to her and every other text went once.

Ports: LINE_A (18091), LINE_B (18092), REDIS_PORT (18094), FAKE_PORT (18095). Prints one line of figures (seconds from
the kill to the pick-up, texts sent, duplicates) and exits 1 when a text went twice, to her after FORGET, or not at all.
Stops everything it started, by pid."""
import json, os, random, signal, subprocess, sys, threading, time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
MODE, DIR = sys.argv[1], os.path.abspath(sys.argv[2])
LINE_A, LINE_B = int(os.environ.get("LINE_A", "18091")), int(os.environ.get("LINE_B", "18092"))
REDIS_PORT, FAKE_PORT = int(os.environ.get("REDIS_PORT", "18094")), int(os.environ.get("FAKE_PORT", "18095"))
COUNT = int(os.environ.get("COUNT", "1500"))
TOKEN = "bench-auth-token-0123456789abcdef"
SETTINGS = ["Storage__Provider=Redis", f"Storage__ConnectionString=127.0.0.1:{REDIS_PORT}"]
subprocess.run(["rm", "-rf", DIR]); os.makedirs(DIR)
LOG, REFUSE = f"{DIR}/provider.log", f"{DIR}/refuse"
started = []   # pids, each the leader of its own session


def start(args, env=None, log="/dev/null"):
    p = subprocess.Popen(args, env={**os.environ, **(env or {})}, stdout=open(log, "a"), stderr=subprocess.STDOUT,
                         start_new_session=True)
    started.append(p.pid); return p.pid


def redis(*args):
    return subprocess.run(["redis-cli", "-p", str(REDIS_PORT), *args], capture_output=True, text=True).stdout.strip()


def start_line(name, port):
    env = {**os.environ, "LINE_PORT": str(port), "FAKE_PORT": str(FAKE_PORT), "LOGLEVEL": "Warning"}
    subprocess.run([f"{HERE}/start-line.sh", f"{DIR}/{name}", *SETTINGS], env=env, check=True)
    pid = int(open(f"{DIR}/{name}/line.pid").read()); started.append(pid); return pid


os.environ["LINE_PORT"] = str(LINE_A)
sys.path.insert(0, HERE)
import tw  # noqa: E402  (reads LINE_PORT at import; each call below names its port)


def text(port, frm, body):
    tw.PORT = port
    status, reply, _, _ = tw.text(frm, body)
    return status, reply


def sends():
    """fake-twilio.py's lines: time send sid to label length."""
    return [(float(f[0]), f[3]) for f in map(str.split, open(LOG)) if len(f) > 3 and f[1] == "send"]


def work(kind):
    """The kind's due set: {id: due (Unix ms)}."""
    flat = redis("ZRANGE", f"wtl:work:{{{kind}}}:due", "0", "-1", "WITHSCORES").split()
    return {flat[i]: float(flat[i + 1]) for i in range(0, len(flat), 2)}


def wait_claimed(kind, ident, before_ms, budget=30):
    """Polls until the item's due time moved past the claim lease's start: claimed (its lease 20 s on)."""
    end = time.time() + budget
    while time.time() < end:
        due = work(kind).get(ident)
        if due is None: return None
        if due > max(before_ms, time.time() * 1000) + 5000: return time.time()
        time.sleep(0.01)
    raise SystemExit(f"{kind}: no claim within {budget} s")


def number(): return "+1630%03d%04d" % (random.randrange(200, 1000), random.randrange(10**4))   # a valid exchange


def main():
    load = open("/proc/loadavg").read().split()[:3]
    start(["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", DIR])
    start([sys.executable, f"{HERE}/../soak/fake-twilio.py", str(FAKE_PORT), LOG, TOKEN], env={"REFUSE_IF": REFUSE})
    time.sleep(1)
    a, b = start_line("a", LINE_A), start_line("b", LINE_B)
    her = number()
    if MODE == "checkin":
        assert text(LINE_A, her, "hi")[0] == 200
        status, reply = text(LINE_A, her, "CHECK 1")
        assert status == 200 and "I will text you" in reply, reply
        (key, due_ms), = work("checkin").items()
        time.sleep(max(0, due_ms / 1000 - time.time() - 2))
        os.kill(b, signal.SIGSTOP)
        holding = threading.Event(); holding.set()
        def hold_her_lock():
            while holding.is_set():
                redis("SET", f"wtl:lock:{key}", "a-text-of-hers-at-A", "PX", "3000"); time.sleep(0.5)
        threading.Thread(target=hold_her_lock, daemon=True).start()
        claimed = wait_claimed("checkin", key, due_ms)
        os.kill(a, signal.SIGKILL); killed = time.time(); holding.clear()
        os.kill(b, signal.SIGCONT)
        sent_before = [t for t, to in sends() if to == her and t <= killed]
        end = killed + 60
        while time.time() < end and not [t for t, to in sends() if to == her]: time.sleep(0.2)
        time.sleep(max(0, min(end, time.time() + 15) - time.time()))   # 15 s more for a second send
        to_her = [t for t, to in sends() if to == her]
        first = f"{to_her[0] - killed:.1f}" if to_her else "never"
        print(f"checkin: load {' '.join(load)}; killed {killed - claimed:.2f} s after A's claim; check-in text sent "
              f"{first} s after the kill; texts to her {len(to_her)} (by A before the kill {len(sent_before)}); "
              f"timer {'rescheduled to the grace' if work('checkin') else 'gone'}")
        return 0 if len(to_her) == 1 and not sent_before else 1
    # forget
    open(REFUSE, "w").close()
    asker, contacts = number(), [number() for _ in range(COUNT)]
    def ask(i):
        return text(LINE_A, "+1631%07d" % i, f"BUDDY {contacts[i]} Ana")   # one port: tw.PORT is the module's
    with ThreadPoolExecutor(8) as pool: replies = list(pool.map(ask, range(COUNT)))
    asked = sum(1 for status, reply in replies if status == 200 and "We asked your contact" in reply)
    others = len(work("send"))
    status, reply = text(LINE_A, asker, f"BUDDY {her} Ana")
    assert status == 200 and "We asked your contact" in reply, reply
    assert text(LINE_A, her, "hi")[0] == 200
    queued = len(work("send"))
    os.kill(b, signal.SIGSTOP)
    before = time.time() * 1000
    assert text(LINE_A, her, "FORGET")[0] == 200
    (ident, _), = work("forget").items()
    claimed = wait_claimed("forget", ident, before)
    os.kill(a, signal.SIGKILL); killed = time.time()
    mid, at_kill = ident in work("forget"), len(work("send"))
    os.kill(b, signal.SIGCONT)
    while work("forget") and time.time() < killed + 90: time.sleep(0.05)
    done = time.time()
    left = len(work("send"))
    os.remove(REFUSE)
    end = time.time() + 420
    while work("send") and time.time() < end: time.sleep(1)
    drained = time.time()
    posts = [to for _, to in sends()]
    counts = {to: posts.count(to) for to in set(posts)}
    twice = sum(1 for n in counts.values() if n > 1)
    never = sum(1 for c in contacts + [asker] if c not in counts)
    print(f"forget: load {' '.join(load)}; {asked} of {COUNT} contacts asked, outbox {others} + {queued - others} to her held; "
          f"killed {killed - claimed:.2f} s after A's claim, withdrawal {'still queued' if mid else 'DONE'} at the kill; "
          f"done by B {done - killed:.1f} s after the kill; outbox {queued} before FORGET, {at_kill} at the kill, {left} after (her FORGET withdraws hers and tells the asker); drained {drained - done:.0f} s after "
          f"the provider took texts again, {len(posts)} sent, to her {counts.get(her, 0)}, twice {twice}, never {never}")
    return 0 if counts.get(her, 0) == 0 and twice == 0 and never == 0 and mid and not work("send") else 1


try:
    rc = main()
finally:
    for pid in reversed(started):
        try: os.kill(pid, signal.SIGCONT); os.kill(pid, signal.SIGTERM)
        except ProcessLookupError: pass
    time.sleep(2)
    for pid in started:
        try: os.kill(pid, signal.SIGKILL)
        except ProcessLookupError: pass
sys.exit(rc)
