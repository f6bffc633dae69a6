#!/usr/bin/env bash
# start-line.sh DIR [settings...]: the Release line as deployed (Production, signatures checked, Information logs so
# the log can be searched for numbers and words) from a copy of appsettings.json and flows/ in DIR, on LINE_PORT
# (18093), provider deletion and the outbox against FAKE_PORT (18094, bench/soak/fake-twilio.py). Waits for /healthz 200 (up to 60 s;
# exit 2 if the line listens but says 503, as on a full disk), writes DIR/line.pid, logs to DIR/line.log. Refuses a
# port in use: a copy left running would answer in the new one's place.
set -euo pipefail
[ $# -ge 1 ] && [ "$1" != -h ] && [ "$1" != --help ] || { echo "usage: bench/badday/start-line.sh DIR [Name__Setting=value ...]"; exit 0; }
DIR=$1; shift
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LINE_PORT=${LINE_PORT:-18093}; FAKE_PORT=${FAKE_PORT:-18094}
DLL=${LINE_DLL:-$ROOT/src/WestmontTextLine/bin/Release/net10.0/WestmontTextLine.dll}
rc=0; curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$LINE_PORT/" || rc=$?
[ "$rc" -eq 7 ] || { echo "port $LINE_PORT is in use: not starting" >&2; exit 1; }
mkdir -p "$DIR"
[ -f "$DIR/appsettings.json" ] || { cp "$ROOT/appsettings.json" "$DIR/"; cp -r "$ROOT/flows" "$DIR/"; }
cd "$DIR"
setsid env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default="${LOGLEVEL:-Information}" \
  Twilio__AuthToken=bench-auth-token-0123456789abcdef TextLine__PrivacyKey=bench-privacy-key-0123456789abcdef \
  Twilio__AccountSid=AC0123456789abcdef0123456789abcdef Twilio__ApiBaseUrl="http://127.0.0.1:$FAKE_PORT" \
  Twilio__From=+13125550000 "$@" dotnet "$DLL" --urls "http://127.0.0.1:$LINE_PORT" >>"$DIR/line.log" 2>&1 </dev/null &
echo $! >"$DIR/line.pid"
code=""
for _ in $(seq 1 600); do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$LINE_PORT/healthz" || true)
  [ "$code" = 200 ] && { echo "line up, pid $(cat "$DIR/line.pid")"; exit 0; }
  kill -0 "$(cat "$DIR/line.pid")" 2>/dev/null || { echo "the line exited; its log:" >&2; tail -30 "$DIR/line.log" >&2; exit 1; }
  sleep 0.1
done
echo "line pid $(cat "$DIR/line.pid") listens but /healthz says $code after 60 s"; exit 2
