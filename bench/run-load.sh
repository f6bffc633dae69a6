#!/usr/bin/env bash
# Loopback load test: the bare reference endpoint and the line, measured in one run with the same wrk script
# (correctly signed Twilio webhooks from 1,000 senders, a unique MessageSid each), then the ratio.
#
#   bench/run-load.sh                # bare, then the line with Warning logs
#   bench/run-load.sh --info-logs    # adds a third run: the line with Information logs (one line per text)
#
# Settings (environment): DURATION (10s), WARMUP (3s), THREADS (2), CONNECTIONS (32), BARE_PORT (18081),
# LINE_PORT (18082). Servers listen on 127.0.0.1 only; both are stopped at the end, also on failure or Ctrl-C.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
BARE_PORT=${BARE_PORT:-18081}
LINE_PORT=${LINE_PORT:-18082}
AUTH_TOKEN=bench-auth-token-0123456789abcdef
PRIVACY_KEY=bench-privacy-key-0123456789abcdef
SCRIPT="$ROOT/bench/load/twilio-sms.lua"
INFO_LOGS=0
for arg in "$@"; do
  case "$arg" in
    --info-logs) INFO_LOGS=1 ;;
    *) echo "usage: bench/run-load.sh [--info-logs]" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing wrk (Debian package)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk is missing: apt-get install -y wrk" >&2
    exit 1
  fi
fi
command -v curl >/dev/null || { echo "curl is missing: apt-get install -y curl" >&2; exit 1; }

TMP=$(mktemp -d /tmp/textline-load.XXXXXX)
SERVER_PID=""

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

cleanup() {
  local status=$?
  stop_server
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() {
  # curl exit 7: nothing listens there.
  local rc=0
  curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/" || rc=$?
  [ "$rc" -eq 7 ]
}

# Waits (at most 60 s) until the server answers anything on /sms; fails if it died.
wait_ready() {
  local port=$1 log=$2
  for _ in $(seq 1 600); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "the server on port $port exited during start-up; its log:" >&2
      cat "$log" >&2
      return 1
    fi
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 -X POST -d 'x=1' "http://127.0.0.1:$port/sms" || true)
    [ "$code" != "000" ] && return 0
    sleep 0.1
  done
  echo "the server on port $port did not answer within 60 s" >&2
  return 1
}

# Runs wrk; prints its RESULT line and keeps wrk's own report in $TMP/<name>.wrk.
run_wrk() {
  local name=$1 port=$2 duration=$3 run_id=$4
  timeout --kill-after=10 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 15s --latency \
    -s "$SCRIPT" "http://127.0.0.1:$port/sms" -- "$AUTH_TOKEN" "$run_id" "$THREADS" >"$TMP/$name.wrk" 2>&1 || {
    echo "wrk failed for $name:" >&2
    cat "$TMP/$name.wrk" >&2
    return 1
  }
  grep '^RESULT ' "$TMP/$name.wrk" || { cat "$TMP/$name.wrk" >&2; return 1; }
}

field() { # field NAME "RESULT ..." -> value
  sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<"$2"
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }

declare -A ROWS

# measure NAME PORT LOG: warm-up, then the measured run; the server must be running as $SERVER_PID.
measure() {
  local name=$1 port=$2 log=$3
  wait_ready "$port" "$log"
  # The RSS must be the server's own: the subshell that started it has exec'd into dotnet.
  [ "$(cat "/proc/$SERVER_PID/comm")" = dotnet ] || { echo "process $SERVER_PID is not dotnet" >&2; return 1; }
  local stamp
  stamp=$(printf '%06d' $(( $(date +%s) % 1000000 )))
  echo "== $name: warm-up $WARMUP"
  run_wrk "$name-warmup" "$port" "$WARMUP" "wu$stamp" >/dev/null
  echo "== $name: measuring $DURATION (-t$THREADS -c$CONNECTIONS), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  local result
  result=$(run_wrk "$name" "$port" "$DURATION" "me$stamp")
  local rss hwm
  rss=$(rss_kb "$SERVER_PID")
  hwm=$(hwm_kb "$SERVER_PID")
  echo "   $result rss_kb=$rss hwm_kb=$hwm"
  ROWS[$name]="$result rss_kb=$rss hwm_kb=$hwm"
}

echo "== building (Release)"
dotnet build -c Release -nologo -v q "$ROOT/bench/BareEndpoint/BareEndpoint.csproj" >"$TMP/build-bare.log" 2>&1 \
  || { cat "$TMP/build-bare.log"; exit 1; }
dotnet build -c Release -nologo -v q "$ROOT/src/WestmontTextLine/WestmontTextLine.csproj" >"$TMP/build-line.log" 2>&1 \
  || { cat "$TMP/build-line.log"; exit 1; }
BARE_DLL="$ROOT/bench/BareEndpoint/bin/Release/net10.0/BareEndpoint.dll"
LINE_DLL="$ROOT/src/WestmontTextLine/bin/Release/net10.0/WestmontTextLine.dll"

for port in "$BARE_PORT" "$LINE_PORT"; do
  port_free "$port" || { echo "port $port on 127.0.0.1 is in use: set BARE_PORT/LINE_PORT" >&2; exit 1; }
done

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ {print $2}') GiB"

# The bare endpoint, from its own folder so that it reads no appsettings.json.
(cd "$ROOT/bench/BareEndpoint" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet "$BARE_DLL" --urls "http://127.0.0.1:$BARE_PORT") >"$TMP/bare.log" 2>&1 &
SERVER_PID=$!
measure bare "$BARE_PORT" "$TMP/bare.log"
stop_server

# The line, from the repo root (appsettings.json and flows/), Production, a fresh SQLite database, no rate limit.
start_line() {
  local level=$1 db=$2
  (cd "$ROOT" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default="$level" \
    Twilio__AuthToken="$AUTH_TOKEN" TextLine__PrivacyKey="$PRIVACY_KEY" TextLine__RateLimitPerMinute=0 \
    Storage__Provider=Sqlite Storage__ConnectionString="Data Source=$db" \
    dotnet "$LINE_DLL" --urls "http://127.0.0.1:$LINE_PORT") >"$TMP/line-$level.log" 2>&1 &
  SERVER_PID=$!
}

start_line Warning "$TMP/line.db"
measure line "$LINE_PORT" "$TMP/line-Warning.log"
FALLBACKS=$(grep -c 'gave the fallback' "$TMP/line-Warning.log" || true)
WARNINGS=$(grep -cE '^(warn|fail|crit):' "$TMP/line-Warning.log" || true)
stop_server

if [ "$INFO_LOGS" = 1 ]; then
  start_line Information "$TMP/line-info.db"
  measure line-info "$LINE_PORT" "$TMP/line-Information.log"
  FALLBACKS_INFO=$(grep -c 'gave the fallback' "$TMP/line-Information.log" || true)
  stop_server
fi

fmt_ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }
row() {
  local label=$1 r=$2
  local errors=$(( $(field connect "$r") + $(field read "$r") + $(field write "$r") + $(field timeout "$r") ))
  printf '| %-26s | %9s | %8s | %10s | %10s | %10s | %7s | %6s | %6s MB |\n' "$label" \
    "$(field requests "$r")" "$(field rps "$r")" "$(fmt_ms "$(field p50_us "$r")")" "$(fmt_ms "$(field p99_us "$r")")" \
    "$(fmt_ms "$(field max_us "$r")")" "$(field non2xx "$r")" "$errors" "$(( $(field rss_kb "$r") / 1024 ))"
}

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, signed Twilio requests from 1,000 senders, on 127.0.0.1"
echo "| setup                      |  requests |    req/s |        p50 |        p99 |        max | non-2xx | errors |  RSS after |"
echo "|----------------------------|-----------|----------|------------|------------|------------|---------|--------|------------|"
row "bare endpoint" "${ROWS[bare]}"
row "line (Warning logs)" "${ROWS[line]}"
[ "$INFO_LOGS" = 1 ] && row "line (Information logs)" "${ROWS[line-info]}"
echo
echo "line: $FALLBACKS fallback replies (storage faults or time-outs), $WARNINGS warning/error log entries"
[ "$INFO_LOGS" = 1 ] && echo "line with Information logs: $FALLBACKS_INFO fallback replies"
awk -v l="$(field rps "${ROWS[line]}")" -v b="$(field rps "${ROWS[bare]}")" 'BEGIN { printf "ratio line/bare = %.2f\n", l / b }'
if [ "$INFO_LOGS" = 1 ]; then
  awk -v l="$(field rps "${ROWS[line-info]}")" -v b="$(field rps "${ROWS[bare]}")" \
    'BEGIN { printf "ratio line (Information logs)/bare = %.2f\n", l / b }'
fi
