#!/usr/bin/env bash
# Loopback load test: the bare reference endpoint and the line, measured in one run with the same wrk script
# (correctly signed Twilio webhooks from 1,000 senders, a unique MessageSid each), then the ratio.
#
#   bench/run-load.sh                # bare, then the line with Warning logs
#   bench/run-load.sh --info-logs    # adds a run of the line with Information logs (one log entry per text)
#   bench/run-load.sh --diagnostics  # adds runs that show where the line's time goes (not how to run it):
#                                    # no signature check, the SQLite file on tmpfs, usage counts in memory,
#                                    # sessions in memory
#
# Settings (environment): DURATION (10s), WARMUP (3s), THREADS (2), CONNECTIONS (32), BARE_PORT (18081),
# LINE_PORT (18082), ROUNDS (1): with ROUNDS=3 every setup is started and measured three times, the setups taking
# turns, and the table shows each setup's median round (by req/s); a shared machine varies from minute to minute. Servers listen on 127.0.0.1 only; both are stopped at the end, also on failure or Ctrl-C.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-1}
CONNECTIONS=${CONNECTIONS:-32}
BARE_PORT=${BARE_PORT:-18081}
LINE_PORT=${LINE_PORT:-18082}
AUTH_TOKEN=bench-auth-token-0123456789abcdef
PRIVACY_KEY=bench-privacy-key-0123456789abcdef
SCRIPT="$ROOT/bench/load/twilio-sms.lua"
CASES=(bare line)
for arg in "$@"; do
  case "$arg" in
    --info-logs) CASES+=(line-info) ;;
    --diagnostics) CASES+=(line-nosig line-tmpfs line-nousage line-memory) ;;
    *) echo "usage: bench/run-load.sh [--info-logs] [--diagnostics]" >&2; exit 2 ;;
  esac
done

# shellcheck source=lib/server.sh
source "$ROOT/bench/lib/server.sh"
require_wrk
require_tool curl
bench_setup load
SHM=""
bench_extra_cleanup() { [ -z "$SHM" ] || rm -rf "$SHM"; }

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
# CPU time a process has used, in clock ticks (utime + stime; the command name "dotnet" has no spaces).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# The whole machine's busy and total ticks (all cores), from /proc/stat.
machine_ticks() { awk '/^cpu / { idle = $5 + $6; total = 0; for (i = 2; i <= NF; i++) total += $i; print total - idle, total }' /proc/stat; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }

declare -A ROWS

# A fixed single-threaded CPU task, in ms: when the host is busy (this is a shared VM) it runs slower, and so does
# everything measured just after it.
cpu_probe_ms() {
  local s e
  s=$(date +%s%N)
  awk 'BEGIN { for (i = 0; i < 2e7; i++) s += i }'
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}

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
  local probe
  probe=$(cpu_probe_ms)
  echo "== $name: measuring $DURATION (-t$THREADS -c$CONNECTIONS); CPU probe $probe ms (about 340 on a quiet host)"
  local result cpu0 cpu1 m0 m1
  cpu0=$(cpu_ticks "$SERVER_PID")
  m0=$(machine_ticks)
  result=$(run_wrk "$name" "$port" "$DURATION" "me$stamp")
  cpu1=$(cpu_ticks "$SERVER_PID")
  m1=$(machine_ticks)
  local rss hwm cpu_us busy
  rss=$(rss_kb "$SERVER_PID")
  hwm=$(hwm_kb "$SERVER_PID")
  # Server CPU per request (µs), and how busy the machine was (both cores, wrk included), in %.
  cpu_us=$(awk -v t=$(( cpu1 - cpu0 )) -v hz="$(getconf CLK_TCK)" -v n="$(field requests "$result")" \
    'BEGIN { printf "%.0f", t / hz * 1e6 / n }')
  busy=$(awk -v a="$m0" -v b="$m1" 'BEGIN { split(a, x, " "); split(b, y, " "); printf "%.0f", (y[1] - x[1]) * 100 / (y[2] - x[2]) }')
  echo "   $result rss_kb=$rss hwm_kb=$hwm cpu_us_per_req=$cpu_us machine_busy_pct=$busy probe_ms=$probe"
  ROWS[$name:$ROUND]="$result rss_kb=$rss hwm_kb=$hwm cpu_us_per_req=$cpu_us machine_busy_pct=$busy probe_ms=$probe"
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

VARIANTS_DLL="$ROOT/bench/LineVariants/bin/Release/net10.0/LineVariants.dll"
if [[ " ${CASES[*]} " == *" line-memory "* ]]; then
  dotnet build -c Release -nologo -v q "$ROOT/bench/LineVariants/LineVariants.csproj" >"$TMP/build-variants.log" 2>&1 \
    || { cat "$TMP/build-variants.log"; exit 1; }
fi

# The line, from the repo root (appsettings.json and flows/), Production, a fresh SQLite database, no rate limit
# (1,000 senders at thousands of texts a second would all be limited). Extra settings as arguments: NAME=VALUE.
start_line() {
  local name=$1 dll=$2 level=$3 db=$4
  shift 4
  (cd "$ROOT" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default="$level" \
    Twilio__AuthToken="$AUTH_TOKEN" TextLine__PrivacyKey="$PRIVACY_KEY" TextLine__RateLimitPerMinute=0 \
    Storage__Provider=Sqlite Storage__ConnectionString="Data Source=$db" "$@" \
    dotnet "$dll" --urls "http://127.0.0.1:$LINE_PORT") >"$TMP/$name.log" 2>&1 &
  SERVER_PID=$!
}

declare -A LABELS=(
  [bare]="bare endpoint"
  [line]="line"
  [line-info]="line, Information logs"
  [line-nosig]="line, no signature check *"
  [line-tmpfs]="line, SQLite on tmpfs *"
  [line-nousage]="line, usage counts in memory *"
  [line-memory]="line, sessions in memory *"
)
declare -A FALLBACKS ALL_RPS

for ROUND in $(seq 1 "$ROUNDS"); do
[ "$ROUNDS" = 1 ] || echo "== round $ROUND of $ROUNDS"
for name in "${CASES[@]}"; do
  case "$name" in
    bare)
      # The bare endpoint, from its own folder so that it reads no appsettings.json.
      (cd "$ROOT/bench/BareEndpoint" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
        dotnet "$BARE_DLL" --urls "http://127.0.0.1:$BARE_PORT") >"$TMP/bare.log" 2>&1 &
      SERVER_PID=$!
      measure bare "$BARE_PORT" "$TMP/bare.log"
      stop_server
      continue
      ;;
    line) start_line line "$LINE_DLL" Warning "$TMP/line.db" ;;
    line-info) start_line line-info "$LINE_DLL" Information "$TMP/line-info.db" ;;
    line-nosig) start_line line-nosig "$LINE_DLL" Warning "$TMP/line-nosig.db" Twilio__RequestValidation__Enabled=false ;;
    line-tmpfs)
      SHM=$(mktemp -d /dev/shm/textline-load.XXXXXX)
      start_line line-tmpfs "$LINE_DLL" Warning "$SHM/line.db"
      ;;
    line-nousage) start_line line-nousage "$VARIANTS_DLL" Warning "$TMP/line-nousage.db" BENCH_USAGE=memory ;;
    line-memory) start_line line-memory "$VARIANTS_DLL" Warning "$TMP/line-memory.db" BENCH_SESSIONS=memory ;;
  esac
  measure "$name" "$LINE_PORT" "$TMP/$name.log"
  FALLBACKS[$name]=$(grep -c 'gave the fallback' "$TMP/$name.log" || true)
  WARNINGS=$(grep -cE '^(warn|fail|crit):' "$TMP/$name.log" || true)
  [ "$WARNINGS" = 0 ] || { echo "   $WARNINGS warning/error log entries; the first:"; grep -m1 -A1 -E '^(warn|fail|crit):' "$TMP/$name.log"; }
  FALLBACKS[$name:$ROUND]=${FALLBACKS[$name]}
  stop_server
  rm -f "$TMP/$name".db*
  [ -z "$SHM" ] || { rm -rf "$SHM"; SHM=""; }
done
done

# Each setup's median round by req/s (the lower middle one for an even count).
for name in "${CASES[@]}"; do
  pick=$(for r in $(seq 1 "$ROUNDS"); do echo "$(field rps "${ROWS[$name:$r]}") $r"; done | sort -n | \
    awk '{ v[NR] = $2 } END { print v[int((NR + 1) / 2)] }')
  ROWS[$name]=${ROWS[$name:$pick]}
  FALLBACKS[$name]=${FALLBACKS[$name:$pick]:-}
  ALL_RPS[$name]=$(for r in $(seq 1 "$ROUNDS"); do printf '%s ' "$(field rps "${ROWS[$name:$r]}")"; done)
done

fmt_ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }
row() {
  local name=$1 r=${ROWS[$1]}
  local errors=$(( $(field connect "$r") + $(field read "$r") + $(field write "$r") + $(field timeout "$r") ))
  local ratio
  ratio=$(awk -v l="$(field rps "$r")" -v b="$(field rps "${ROWS[bare]}")" 'BEGIN { printf "%.2f", l / b }')
  printf '| %-30s | %8s | %8s | %8s | %8s | %7s | %6s | %9s | %6s MB | %10s µs | %8s%% | %13s |\n' "${LABELS[$name]}" \
    "$(field rps "$r")" "$(fmt_ms "$(field p50_us "$r")")" "$(fmt_ms "$(field p99_us "$r")")" \
    "$(fmt_ms "$(field max_us "$r")")" "$(field non2xx "$r")" "$errors" "${FALLBACKS[$name]:--}" \
    "$(( $(field rss_kb "$r") / 1024 ))" "$(field cpu_us_per_req "$r")" "$(field machine_busy_pct "$r")" "$ratio"
}

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, signed Twilio requests from 1,000 senders, on 127.0.0.1"
echo "| setup                          |    req/s |      p50 |      p99 |      max | non-2xx | errors | fallbacks |  RSS after | server CPU/req | machine busy | ratio to bare |"
echo "|--------------------------------|----------|----------|----------|----------|---------|--------|-----------|------------|----------------|--------------|---------------|"
for name in "${CASES[@]}"; do row "$name"; done
if [[ " ${CASES[*]} " == *" line-nosig "* ]]; then
  echo "* diagnostics: each changes one thing about the line, to show what that thing costs; never run the line so."
fi
echo
if [ "$ROUNDS" != 1 ]; then
  echo "median of $ROUNDS rounds; req/s in each round:"
  for name in "${CASES[@]}"; do echo "  ${LABELS[$name]}: ${ALL_RPS[$name]}"; done
fi
awk -v l="$(field rps "${ROWS[line]}")" -v b="$(field rps "${ROWS[bare]}")" 'BEGIN { printf "ratio line/bare = %.2f\n", l / b }'
