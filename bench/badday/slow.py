# Connection floods: N idle connections with half a header each (slowloris), then signed texts still answered?
import socket, sys, time, threading
from tw import *
n = int(sys.argv[1])
socks = []
for i in range(n):
    try:
        s = socket.create_connection(("127.0.0.1", PORT), timeout=5)
        s.sendall(b"POST /sms HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: ")
        socks.append(s)
    except Exception as e:
        print("connect", i, e); break
print(f"{len(socks)} half-open requests held")
time.sleep(1)
for i in range(5):
    st, body, secs, sid = text("+16305700%03d" % i, "Hi")
    print("text during:", st, kind(st, body), f"{secs*1000:.0f} ms")
print("health", health()[0])
# a slow body: Content-Length 200, one byte a second
s = socket.create_connection(("127.0.0.1", PORT), timeout=60)
s.sendall(b"POST /sms HTTP/1.1\r\nHost: 127.0.0.1:18093\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\nX-Twilio-Signature: x\r\n\r\n")
t = time.time(); got = b""
s.settimeout(1)
while time.time() - t < 40:
    try:
        s.sendall(b"a")
    except Exception as e:
        print("slow body: send failed after", round(time.time()-t), "s", e); break
    try:
        got = s.recv(200)
        if got: print("slow body: answered after", round(time.time()-t), "s", got[:40]); break
    except socket.timeout: pass
else:
    print("slow body: still open after 40 s")
for s2 in socks: s2.close()
