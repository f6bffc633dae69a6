#!/usr/bin/env bash
# Memory and disk bounds under a flood of distinct senders (issue "Hardening", items 5 and 7): the line as deployed
# (Production, signatures checked, the default rate limit, Warning logs, SQLite), every request from a new sender,
# for DURATION. Samples the line's RSS and the SQLite WAL every second and reports their maxima, with the requests,
# non-200 answers and fallback replies. HEAP=0xC000000 runs the line under DOTNET_GCHeapHardLimit (192 MB, about
# what .NET takes in a 256 MB container).
#
#   bench/run-senders.sh                          # 2 minutes, no heap limit
#   HEAP=0xC000000 bench/run-senders.sh           # the same under a 192 MB heap
#   DURATION=30s CONNECTIONS=16 bench/run-senders.sh
set -euo pipefail

USAGE="usage: bench/run-senders.sh   (no arguments; settings as variables: DURATION=30s CONNECTIONS=16 THREADS=2 HEAP=0xC000000 LINE_PORT=18083)"
case "${1-}" in
  "") ;;
  -h|--help) echo "$USAGE"; exit 0 ;;
  *) echo "$USAGE" >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${DURATION:-120s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
LINE_PORT=${LINE_PORT:-18083}
HEAP=${HEAP:-}
AUTH_TOKEN=bench-auth-token-0123456789abcdef
PRIVACY_KEY=bench-privacy-key-0123456789abcdef
# shellcheck source=lib/server.sh
source "$ROOT/bench/lib/server.sh"
require_wrk
require_tool curl
bench_setup senders
SAMPLER_PID=""
bench_extra_cleanup() { [ -z "$SAMPLER_PID" ] || kill "$SAMPLER_PID" 2>/dev/null || true; }

echo "== building (Release)"
dotnet build -c Release -nologo -v q "$ROOT/src/WestmontTextLine/WestmontTextLine.csproj" >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log"; exit 1; }

DB="$TMP/textline.db"
(cd "$ROOT" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  Twilio__AuthToken="$AUTH_TOKEN" TextLine__PrivacyKey="$PRIVACY_KEY" \
  Storage__Provider=Sqlite Storage__ConnectionString="Data Source=$DB" ${HEAP:+DOTNET_GCHeapHardLimit=$HEAP} \
  dotnet "$ROOT/src/WestmontTextLine/bin/Release/net10.0/WestmontTextLine.dll" --urls "http://127.0.0.1:$LINE_PORT") >"$TMP/line.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$LINE_PORT/healthz" || true)" = 200 ] && break
  kill -0 "$SERVER_PID" || { cat "$TMP/line.log"; exit 1; }
  sleep 0.1
done

# One line a second: RSS in kB and WAL size in bytes.
(while kill -0 "$SERVER_PID" 2>/dev/null; do
  echo "$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status") $(stat -c %s "$DB-wal" 2>/dev/null || echo 0)"
  sleep 1
done) >"$TMP/samples" &
SAMPLER_PID=$!

echo "== $DURATION of distinct senders (-t$THREADS -c$CONNECTIONS)${HEAP:+, heap limit $HEAP}"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 15s --latency -s "$ROOT/bench/load/distinct-senders.lua" \
  "http://127.0.0.1:$LINE_PORT/sms" -- "$AUTH_TOKEN" "s$(date +%s | tail -c 7)" "$THREADS" >"$TMP/wrk.out" 2>&1 || { cat "$TMP/wrk.out"; exit 1; }
kill "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""

grep -E '^(RESULT|COUNTS) ' "$TMP/wrk.out"
awk '{ if ($1 > r) r = $1; if ($2 > w) w = $2 } END { printf "MAX rss_mb=%.0f wal_mb=%.1f\n", r / 1024, w / 1048576 }' "$TMP/samples"
if grep -qiE 'OutOfMemory|Unhandled exception' "$TMP/line.log"; then
  echo "the line's log shows a crash:" >&2
  grep -iE -A3 'OutOfMemory|Unhandled exception' "$TMP/line.log" | head -20 >&2
  exit 1
fi
kill -0 "$SERVER_PID" || { echo "the line died" >&2; exit 1; }
