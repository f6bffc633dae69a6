#!/usr/bin/env bash
# What a flood of /healthz costs the line (anyone may ask it): the line as deployed (Production, Warning logs,
# SQLite), `wrk -c32` on /healthz for DURATION, then on a path that answers 404 for the same time, and the line's CPU
# time a request for each, read from /proc. A poll should cost about what a request that does nothing costs.
#
#   bench/run-health-flood.sh
#   DURATION=20s CONNECTIONS=64 bench/run-health-flood.sh
#   LINE_DLL=/tmp/other-build/WestmontTextLine.dll bench/run-health-flood.sh   # another build (its flows beside it)
set -euo pipefail

USAGE="usage: bench/run-health-flood.sh   (no arguments; settings as variables: DURATION=10s CONNECTIONS=32 LINE_PORT=18085 LINE_DLL=...)"
case "${1-}" in
  "") ;;
  -h|--help) echo "$USAGE"; exit 0 ;;
  *) echo "$USAGE" >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
LINE_PORT=${LINE_PORT:-18085}
LINE_DLL=${LINE_DLL:-}
# shellcheck source=lib/server.sh
source "$ROOT/bench/lib/server.sh"
require_wrk
require_tool curl
bench_setup health-flood

if [ -z "$LINE_DLL" ]; then
  echo "== building (Release)"
  dotnet build -c Release -nologo -v q "$ROOT/src/WestmontTextLine/WestmontTextLine.csproj" >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log"; exit 1; }
  LINE_DLL="$ROOT/src/WestmontTextLine/bin/Release/net10.0/WestmontTextLine.dll"
fi

DB="$TMP/textline.db"
(cd "$(dirname "$LINE_DLL")" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  Twilio__AuthToken=bench-auth-token-0123456789abcdef TextLine__PrivacyKey=bench-privacy-key-0123456789abcdef \
  Storage__Provider=Sqlite Storage__ConnectionString="Data Source=$DB" TextLine__FlowsPath="$ROOT/flows" \
  dotnet "$LINE_DLL" --urls "http://127.0.0.1:$LINE_PORT") >"$TMP/line.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$LINE_PORT/healthz" || true)" = 200 ] && break
  kill -0 "$SERVER_PID" || { cat "$TMP/line.log"; exit 1; }
  sleep 0.1
done

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }
wrk -t1 -c"$CONNECTIONS" -d5s "http://127.0.0.1:$LINE_PORT/healthz" >/dev/null   # warm-up
for path in /healthz /no-such-page; do
  before=$(cpu_ticks)
  wrk -t1 -c"$CONNECTIONS" -d"$DURATION" "http://127.0.0.1:$LINE_PORT$path" >"$TMP/wrk.out"
  after=$(cpu_ticks)
  requests=$(awk '/requests in/ { print $1 }' "$TMP/wrk.out")
  awk -v path="$path" -v requests="$requests" -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    /Requests\/sec/ { rate = $2 }
    END { printf "RESULT %s req_per_s=%.0f cpu_us_per_request=%.1f\n", path, rate, ticks / hz * 1e6 / requests }' "$TMP/wrk.out"
done
echo "WAL after: $(( $(stat -c %s "$DB-wal" 2>/dev/null || echo 0) / 1024 )) KB"
