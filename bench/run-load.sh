#!/usr/bin/env bash
# Loopback load test: the bare reference endpoint and the line, measured in one run against the same requests,
# then the ratio. The requests are signed before the run (bench/SignedRequests) and wrk only replays them
# (load/replay.lua), so the generator costs the same whatever the server; a run of the bare endpoint with wrk's
# cheapest possible script (load/static.lua: one static request, no Lua per request) shows it is not the limit.
#
#   bench/run-load.sh                # floor (bare, cheapest script), bare, line on SQLite, line on Redis
#   ROUNDS=3 bench/run-load.sh       # each setup 3 times, taking turns; the table shows each one's median round
#   bench/run-load.sh --diagnostics  # adds runs that show where the line's time goes (never how to run it): sessions
#                                    # in memory (bench/LineVariants), no signature check, no provider deletion, the
#                                    # SQLite file on tmpfs, workstation GC with a 16 MB gen0 budget
#   bench/run-load.sh --only line    # one setup (or a comma-separated list: floor,bare,line,redis,...)
#   PERF=1 bench/run-load.sh --only line   # also records `perf record -g` of the line during the measured run
#   PERF=1 PERF_EVENT=syscalls:sys_enter_pread64 bench/run-load.sh --only line   # records that event instead of CPU time
#   PERF=1 PERF_CALL_GRAPH=dwarf bench/run-load.sh --only line   # unwinds native stacks without frame pointers (libc's, SQLite's)
#   SYSCALLS=1 bench/run-load.sh --only bare,line   # also counts system calls and context switches a request (perf stat),
#                                    # and the server's context switches a request from its threads' counts in /proc
#   SMAPS=1 bench/run-load.sh --only line   # also writes the server's resident memory after the run by mapping
#   SQLITE_MEM=1 bench/run-load.sh --only line  # also SQLite's own memory after the run and its high-water mark
#                                    # (sqlite3_memory_used and _highwater, called through gdb on the server)
#   GCDUMP=1 bench/run-load.sh --only line  # also a dotnet-gcdump of the line after the run (dotnet-gcdump on PATH;
#                                    # it collects the heap, so it runs after RSS and smaps are read)
#   COUNTERS=1 bench/run-load.sh --only line   # also bytes allocated and GCs (each collects gen0) a text, by
#                                    # dotnet-counters inside the measured run (`dotnet tool install -g dotnet-counters`)
#   ALLOC_TRACE=1 bench/run-load.sh --only line   # also who allocates: dotnet-trace's allocation ticks of the run,
#                                    # by type and by the line's own frame (bench/AllocTicks); with COUNTERS=1 in bytes a text
#   IDLE_RSS=60 bench/run-load.sh --only line  # also the server's RSS every 5 s while it stays idle after the run
#                                    # (for 60 s): whether it gives memory back once a burst is over
#   WAL_TABLES=1 bench/run-load.sh --only line   # also copies the database and its WAL 8 times during the measured
#                                    # run and counts the WAL's pages by table (bench/lib/wal-tables.py); the copies
#                                    # take disk and CPU, so that run's req/s is not a figure
#
# The load: SENDERS (30,000) distinct senders each walking TEXTS (10) texts through the menu, round-robin, a new
# MessageSid on every request, `wrk -t2 -c32`. LAPS (2) laps of new senders are written, so a fast run never sends a
# MessageSid twice. The warm-up uses senders of its own.
# The line as deployed: Production, signatures checked, Warning logs, the rate limit at its default (each sender
# sends at most TEXTS texts in a run, under the 20 a minute; the wrk script counts empty replies to show it), and
# provider deletion on against a fake Twilio API (bench/FakeProviderApi) that answers at once.
# Extra settings for the line: LINE_SETTINGS="Name__Sub=value ..." (env form). Another build: LINE_DLL=path/to/dll.
# Two builds in alternating pairs, one build and signing for all: ROUNDS=4 LINE_DLL=base.dll LINE_B_DLL=new.dll
#   bench/run-load.sh --only line,line-b   (the order flips each round; ratio: line-b / line). LINE_B_SETTINGS adds
#   settings (env form) to line-b only: the same build twice, with and without them.
#
# Settings (environment): DURATION (10s), WARMUP (15s), THREADS (2), CONNECTIONS (32), ROUNDS (1), PORT (18082, every
# server in turn: the signed URL names it), FAKE_PORT (18083), REDIS_PORT (18084). Servers listen on 127.0.0.1 only;
# all are stopped at the end, also on failure or Ctrl-C.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${DURATION:-10s}
# 15 s, not 5: after 5 s the JIT was still compiling (libclrjit 10% of the line's CPU in the measured run, perf), and
# a deployed line has long since compiled its request path. Every server gets the same warm-up.
WARMUP=${WARMUP:-15s}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-1}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18082}
FAKE_PORT=${FAKE_PORT:-18083}
REDIS_PORT=${REDIS_PORT:-18084}
SENDERS=${SENDERS:-30000}
TEXTS=${TEXTS:-10}
LAPS=${LAPS:-2}
AUTH_TOKEN=bench-auth-token-0123456789abcdef
PRIVACY_KEY=bench-privacy-key-0123456789abcdef
ACCOUNT_SID=AC0123456789abcdef0123456789abcdef
CASES=(floor bare line redis)
ONLY=""
USAGE="usage: bench/run-load.sh [--diagnostics] [--only CASE[,CASE...]]   (settings as variables: ROUNDS=3 ...; see bench/README.md)"
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) echo "$USAGE"; exit 0 ;;
    --diagnostics) CASES+=(line-memory line-nosig line-nodelete line-tmpfs line-gen0) ;;
    --only) ONLY=$2; shift ;;
    *) echo "$USAGE" >&2; exit 2 ;;
  esac
  shift
done
[ -z "$ONLY" ] || IFS=, read -r -a CASES <<<"$ONLY"

# shellcheck source=lib/server.sh
source "$ROOT/bench/lib/server.sh"
require_wrk
require_tool curl
bench_setup load
SHM=""
FAKE_PID=""
REDIS_PID=""
SAMPLER_PID=""
SNAPSHOTS_PID=""
bench_extra_cleanup() {
  [ -z "$SAMPLER_PID" ] || kill "$SAMPLER_PID" 2>/dev/null || true
  [ -z "$SNAPSHOTS_PID" ] || kill "$SNAPSHOTS_PID" 2>/dev/null || true
  [ -z "$REDIS_PID" ] || { kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; }
  [ -z "$FAKE_PID" ] || { kill "$FAKE_PID" 2>/dev/null || true; wait "$FAKE_PID" 2>/dev/null || true; }
  [ -z "$SHM" ] || rm -rf "$SHM"
}

port_free() {
  # curl exit 7: nothing listens there.
  local rc=0
  curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/" || rc=$?
  [ "$rc" -eq 7 ]
}

# Waits (at most 60 s) until the server answers anything on /sms; fails if it died. A GET: the routes take only POST, so
# it gets a 405 from either server without reaching the line's signature check (an unsigned POST was logged as refused).
wait_ready() {
  local log=$1
  for _ in $(seq 1 600); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "the server exited during start-up; its log:" >&2
      cat "$log" >&2
      return 1
    fi
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$PORT/sms" || true)
    [ "$code" != "000" ] && return 0
    sleep 0.1
  done
  echo "the server did not answer within 60 s" >&2
  return 1
}

# The log's warning and error entries (each its level line and the message under it), but the one every round
# expects: the SQLite file the bench starts each round on is new, and the line says it created it.
unexpected_warnings() {
  awk '/^(warn|fail|crit):/ { level = $0; if ((getline message) > 0 && message !~ /did not exist and was created empty/) print level "\n" message }' "$1"
}

# run_wrk NAME DURATION SCRIPT DIR [count]: prints wrk's RESULT line; keeps wrk's report in $TMP/NAME.wrk.
run_wrk() {
  local name=$1 duration=$2 script=$3 dir=$4 count=${5:-}
  timeout --kill-after=10 180 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 15s --latency \
    -s "$ROOT/bench/load/$script" "http://127.0.0.1:$PORT/sms" -- "$dir" $count >"$TMP/$name.wrk" 2>&1 || {
    echo "wrk failed for $name:" >&2
    cat "$TMP/$name.wrk" >&2
    return 1
  }
  grep '^RESULT ' "$TMP/$name.wrk" || { cat "$TMP/$name.wrk" >&2; return 1; }
}

field() { # field NAME "RESULT ..." -> value
  sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<"$2"
}

# SYSCALLS=1: what perf stat counts of these during each measured run, a request.
SYSCALL_EVENTS=raw_syscalls:sys_enter,context-switches,cpu-migrations,syscalls:sys_enter_futex,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_epoll_ctl,syscalls:sys_enter_read,syscalls:sys_enter_recvfrom,syscalls:sys_enter_recvmsg,syscalls:sys_enter_write,syscalls:sys_enter_sendto,syscalls:sys_enter_sendmsg,syscalls:sys_enter_pwrite64,syscalls:sys_enter_pread64,syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync,syscalls:sys_enter_madvise,syscalls:sys_enter_mprotect,syscalls:sys_enter_fcntl,syscalls:sys_enter_sched_yield,syscalls:sys_enter_clock_gettime
# The server's threads' context switches, summed from /proc: "voluntary involuntary".
switches_of() {
  cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches/ {v += $2} /^nonvoluntary_ctxt_switches/ {n += $2} END {print v + 0, n + 0}'
}
# span SECONDS: the dd:hh:mm:ss the dotnet tools take for a duration (seconds under 60).
span() { printf '00:%02d:%02d:%02d' $(( $1 / 3600 )) $(( $1 / 60 % 60 )) $(( $1 % 60 )); }

# allocated_per_text CSV REQUESTS FROM TO: dotnet-counters' bytes allocated and collections (each collects gen0) in
# the rows (one a second, stamped at its end) from the second after FROM to TO, wrk's whole call (it loads its
# requests before it sends them; the line is idle then), divided by the texts wrk sent.
allocated_per_text() {
  awk -F, -v n="$2" -v from="$3" -v to="$4" '
    function secs(t,  p) { split(t, p, ":"); return p[1] * 3600 + p[2] * 60 + p[3] }
    NR > 1 { split($1, stamp, " "); t = secs(stamp[2]); if (t > last) last = t; if (t <= secs(from) || t > secs(to) + 1) next }
    /total_allocated/ { bytes += $5 }
    /dotnet.gc.collections/ { collections += $5 }
    END {
      # Past its end (wrk loading its requests on a busy host) the counters missed some of the run: no figure.
      if (last <= secs(to)) { printf "bytes_per_req=incomplete"; exit }
      if (n > 0) printf "bytes_per_req=%.0f gen0_per_1000_req=%.2f", bytes / n, collections * 1000 / n }' "$1" 2>/dev/null \
    || printf "bytes_per_req=none"
}
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
# CPU time a process has used, in clock ticks (utime + stime; the command name "dotnet" has no spaces).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# The whole machine's busy and total ticks (all cores), from /proc/stat.
machine_ticks() { awk '/^cpu / { idle = $5 + $6; total = 0; for (i = 2; i <= NF; i++) total += $i; print total - idle, total }' /proc/stat; }

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

# Samples the WAL's size every 100 ms into $TMP/wal-max until killed.
start_wal_sampler() {
  local wal=$1
  echo 0 >"$TMP/wal-max"
  ( max=0
    while true; do
      size=$(stat -c %s "$wal" 2>/dev/null || echo 0)
      if [ "$size" -gt "$max" ]; then max=$size; echo "$max" >"$TMP/wal-max"; fi
      sleep 0.1
    done ) &
  SAMPLER_PID=$!
}
# Copies the database and its WAL 8 times, every 0.5 s from 3 s into the measured run, for bench/lib/wal-tables.py.
start_wal_snapshots() {
  local db=$1 name=$2
  ( sleep 3
    for i in 1 2 3 4 5 6 7 8; do
      cp "$db" "$TMP/$name-snap$i.db" 2>/dev/null && cp "$db-wal" "$TMP/$name-snap$i.db-wal" 2>/dev/null || true
      sleep 0.5
    done ) &
  SNAPSHOTS_PID=$!
}

stop_wal_sampler() {
  [ -z "$SAMPLER_PID" ] || { kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; }
  SAMPLER_PID=""
}

# What Redis did for each text of the measured run: redis-server's own CPU (it shares the machine's cores with the
# line) and the commands it ran by name, a script's own commands counted beside the EVALSHA that ran them.
redis_per_text() {
  local ticks0=$1 requests=$2
  awk -v t=$(( $(cpu_ticks "$REDIS_PID") - ticks0 )) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN { printf "   redis-server: %.0f µs of CPU a text; ", t / hz * 1e6 / n }'
  redis-cli -p "$REDIS_PORT" INFO commandstats | tr -d '\r' | awk -F'[:=,]' -v n="$requests" '
    /^cmdstat_/ && $3 / n >= 0.05 { name = toupper(substr($1, 9)); all += $3; list = list sprintf(" %s %.1f", name, $3 / n) }
    END { printf "commands a text %.1f:%s\n", all / n, list }'
}

# measure NAME SCRIPT [count]: warm-up, then the measured run; the server must be running as $SERVER_PID.
measure() {
  local name=$1 script=$2 count=${3:-}
  wait_ready "$TMP/$name.log"
  # The RSS must be the server's own: the subshell that started it has exec'd into dotnet.
  [ "$(cat "/proc/$SERVER_PID/comm")" = dotnet ] || { echo "process $SERVER_PID is not dotnet" >&2; return 1; }
  echo "== $name: warm-up $WARMUP"
  run_wrk "$name-warmup" "$WARMUP" "$script" "$TMP/warmup" >/dev/null
  local probe
  probe=$(cpu_probe_ms)
  echo "== $name: measuring $DURATION (-t$THREADS -c$CONNECTIONS); CPU probe $probe ms (about 340 on a quiet host)"
  local result cpu0 cpu1 m0 m1 perf_pid=""
  if [ -n "${PERF:-}" ] && [ "$name" != floor ] && [ "$name" != bare ]; then
    local sampling=(-F 999)
    [ -z "${PERF_EVENT:-}" ] || sampling=(-e "$PERF_EVENT" -c "${PERF_PERIOD:-10}")
    perf record "${sampling[@]}" --call-graph "${PERF_CALL_GRAPH:-fp}" -p "$SERVER_PID" -o "$TMP/$name.perf.data" -- sleep "${DURATION%s}" >/dev/null 2>&1 &
    perf_pid=$!
  fi
  local counters_pid="" trace_pid="" run_from="" run_to=""
  if [ -n "${COUNTERS:-}" ] && [ "$name" != floor ] && [ "$name" != bare ]; then
    # dotnet-counters writes its file only at its end, with a time on each row: it runs past both ends of the
    # measured run, and only the rows inside the run are counted.
    dotnet-counters collect -p "$SERVER_PID" --refresh-interval 1 --format csv -o "$TMP/$name.counters.csv" \
      --counters "System.Runtime[dotnet.gc.heap.total_allocated,dotnet.gc.collections]" \
      --duration "$(span $(( ${DURATION%s} + 50 )))" >/dev/null 2>&1 &
    counters_pid=$!
  fi
  if [ -n "${ALLOC_TRACE:-}" ] && [ "$name" != floor ] && [ "$name" != bare ]; then
    dotnet-trace collect -p "$SERVER_PID" --providers Microsoft-Windows-DotNETRuntime:0x1:5 \
      --duration "$(span $(( ${DURATION%s} + 12 )))" -o "$TMP/$name.nettrace" >/dev/null 2>&1 &
    trace_pid=$!
  fi
  # Both tools take seconds to attach on a busy host; the line is idle meanwhile.
  [ -z "$counters_pid$trace_pid" ] || sleep 5
  run_from=$(date +%T)
  local syscalls_pid=""
  if [ -n "${SYSCALLS:-}" ] && [ "$name" != floor ]; then
    perf stat -x, -o "$TMP/$name.syscalls.csv" -e "$SYSCALL_EVENTS" -p "$SERVER_PID" -- sleep "${DURATION%s}" >/dev/null 2>&1 &
    syscalls_pid=$!
    switches_of "$SERVER_PID" >"$TMP/$name.switches0"
  fi
  local snapshots=""
  if [ -n "${WAL_TABLES:-}" ] && [ -n "${MEASURED_DB:-}" ]; then start_wal_snapshots "$MEASURED_DB" "$name"; snapshots=1; fi
  local redis0=""
  if [ -n "$REDIS_PID" ]; then redis-cli -p "$REDIS_PORT" CONFIG RESETSTAT >/dev/null; redis0=$(cpu_ticks "$REDIS_PID"); fi
  cpu0=$(cpu_ticks "$SERVER_PID")
  m0=$(machine_ticks)
  result=$(run_wrk "$name" "$DURATION" "$script" "$TMP/requests" $count)
  run_to=$(date +%T)
  cpu1=$(cpu_ticks "$SERVER_PID")
  m1=$(machine_ticks)
  [ -z "$redis0" ] || redis_per_text "$redis0" "$(field requests "$result")"
  if [ -n "$snapshots" ]; then
    wait "$SNAPSHOTS_PID" || true
    SNAPSHOTS_PID=""
    python3 "$ROOT/bench/lib/wal-tables.py" "$TMP/$name"-snap*.db >"${WAL_TABLES_OUT:-/tmp}/$name.wal-tables.txt" 2>&1 || true
    rm -f "$TMP/$name"-snap*
    echo "   the WAL by table (copies taken during this run, so its req/s is not a figure):"
    sed -n '/^all copies/,$p' "${WAL_TABLES_OUT:-/tmp}/$name.wal-tables.txt" | sed 's/^/     /'
  fi
  if [ -n "$syscalls_pid" ]; then
    switches_of "$SERVER_PID" >"$TMP/$name.switches1"
    wait "$syscalls_pid" || true
    echo "   system calls and context switches a request (perf stat, the measured run):"
    awk -F, -v n="$(field requests "$result")" '$3 ~ /:|switches/ && $1 > 0 {
        sub(/^syscalls:sys_enter_/, "", $3); sub(/^raw_syscalls:sys_enter/, "all system calls", $3)
        printf "     %-22s %6.2f\n", $3, $1 / n }' "$TMP/$name.syscalls.csv" | tee "${SYSCALLS_OUT:-/tmp}/$name.syscalls.txt"
    # perf stat's context-switches read far fewer than the threads' own counts (0.19 against 1.4 a text on the line).
    read -r v0 n0 <"$TMP/$name.switches0"; read -r v1 n1 <"$TMP/$name.switches1"
    awk -v n="$(field requests "$result")" -v v=$((v1 - v0)) -v i=$((n1 - n0)) 'BEGIN {
        printf "     %-22s %6.2f voluntary, %.2f involuntary (/proc)\n", "context switches", v / n, i / n }' | tee -a "${SYSCALLS_OUT:-/tmp}/$name.syscalls.txt"
  fi
  if [ -n "$perf_pid" ]; then
    wait "$perf_pid" || true
    { perf report -i "$TMP/$name.perf.data" --no-children --sort dso,symbol --stdio -g none --percent-limit 0.3 2>/dev/null | grep -v "^#" | grep -v "^$" | head -120; echo; perf report -i "$TMP/$name.perf.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep -v "^#" | grep -v "^$" | head -30; } >"$TMP/$name.perf.txt" || true; cut -c1-220 "$TMP/$name.perf.txt" | sed "s/  *$//" >"${PERF_OUT:-/tmp}/$name.perf.txt"; cp "$TMP/$name.perf.data" "${PERF_OUT:-/tmp}/$name.perf.data"; cp /tmp/perf-"$SERVER_PID".map "${PERF_OUT:-/tmp}/" 2>/dev/null || true
    echo "   perf report: ${PERF_OUT:-/tmp}/$name.perf.txt"
  fi
  local allocated=""
  if [ -n "$counters_pid" ]; then
    wait "$counters_pid" || true
    allocated=$(allocated_per_text "$TMP/$name.counters.csv" "$(field requests "$result")" "$run_from" "$run_to")
    echo "   allocated (dotnet-counters, the seconds inside the run $run_from-$run_to): $allocated"
    allocated=" $allocated"
  fi
  if [ -n "$trace_pid" ]; then
    wait "$trace_pid" || true
    cp "$TMP/$name.nettrace" "${ALLOC_TRACE_OUT:-/tmp}/$name.nettrace" 2>/dev/null || true
    dotnet "$ROOT/bench/AllocTicks/bin/Release/net10.0/AllocTicks.dll" "$TMP/$name.nettrace" \
      "$(echo "$allocated" | sed -n 's/.*bytes_per_req=\([0-9.]*\).*/\1/p')" >"${ALLOC_TRACE_OUT:-/tmp}/$name.alloc.txt" 2>&1 || true
    echo "   who allocates (allocation ticks): ${ALLOC_TRACE_OUT:-/tmp}/$name.alloc.txt"
  fi
  local rss cpu_us busy
  rss=$(rss_kb "$SERVER_PID")
  if [ -n "${SMAPS:-}" ]; then
    # Resident memory after the run by mapping: anonymous memory, the JIT's double-mapped code, each file.
    awk '/^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6 ? $6 : "[anonymous]") } /^Rss:/ { kb[name] += $2 }
      END { for (n in kb) if (kb[n] >= 512) printf "%8.1f MB  %s\n", kb[n] / 1024, n }' "/proc/$SERVER_PID/smaps" \
      | sort -rn >"${SMAPS_OUT:-/tmp}/$name.smaps.txt"
    cp "/proc/$SERVER_PID/smaps" "${SMAPS_OUT:-/tmp}/$name.smaps.raw"
    echo "   resident memory by mapping: ${SMAPS_OUT:-/tmp}/$name.smaps.txt"
  fi
  local sqlite_mem=""
  if [ -n "${SQLITE_MEM:-}" ]; then
    # After RSS and smaps are read: gdb stops the server for a moment to ask SQLite what it holds (every connection's
    # page cache, statements and schema), the most it ever held, and of it the page caches' (SQLITE_STATUS_PAGECACHE_
    # OVERFLOW, 2: with no SQLITE_CONFIG_PAGECACHE buffer every cached page is from malloc).
    sqlite_mem=$(gdb -p "$SERVER_PID" -batch -ex 'print (long long)sqlite3_memory_used()' \
      -ex 'print (long long)sqlite3_memory_highwater(0)' -ex 'set $s = (long long *)malloc(16)' \
      -ex 'call (int)sqlite3_status64(2, $s, $s + 1, 0)' -ex 'print $s[0]' -ex 'call (void)free($s)' 2>/dev/null |
      awk '/^\$[0-9]+ = / { v[++n] = $3 }
      END { if (n >= 4) printf " sqlite_kb=%d sqlite_max_kb=%d sqlite_pagecache_kb=%d", v[1] / 1024, v[2] / 1024, v[4] / 1024 }')
    [ -n "$sqlite_mem" ] || echo "   gdb could not read SQLite's memory"
  fi
  if [ -n "${GCDUMP:-}" ]; then
    # After RSS and smaps are read: the dump collects the whole heap first.
    dotnet-gcdump collect -p "$SERVER_PID" -o "${SMAPS_OUT:-/tmp}/$name.gcdump" >/dev/null 2>&1 || echo "   dotnet-gcdump failed"
    dotnet-gcdump report "${SMAPS_OUT:-/tmp}/$name.gcdump" 2>/dev/null | head -40 >"${SMAPS_OUT:-/tmp}/$name.gcdump.txt" || true
    echo "   heap after the run: ${SMAPS_OUT:-/tmp}/$name.gcdump.txt"
  fi
  # Server CPU per request (µs), and how busy the machine was (both cores, wrk included), in %.
  cpu_us=$(awk -v t=$(( cpu1 - cpu0 )) -v hz="$(getconf CLK_TCK)" -v n="$(field requests "$result")" \
    'BEGIN { printf "%.0f", t / hz * 1e6 / n }')
  busy=$(awk -v a="$m0" -v b="$m1" 'BEGIN { split(a, x, " "); split(b, y, " "); printf "%.0f", (y[1] - x[1]) * 100 / (y[2] - x[2]) }')
  local idle=""
  if [ -n "${IDLE_RSS:-}" ]; then
    # The server left idle after the run: does it give memory back? RSS every 5 s for IDLE_RSS seconds.
    local waited=0 samples=""
    while [ "$waited" -lt "$IDLE_RSS" ]; do
      sleep 5
      waited=$((waited + 5))
      idle=$(rss_kb "$SERVER_PID")
      samples="$samples ${waited}s $(awk -v k="$idle" 'BEGIN { printf "%.1f", k / 1024 }')"
    done
    echo "   RSS while idle after the run (MB):$samples"
    idle=" rss_idle_kb=$idle"
  fi
  local row="$result rss_kb=$rss cpu_us_per_req=$cpu_us machine_busy_pct=$busy probe_ms=$probe$allocated$idle$sqlite_mem"
  echo "   $row"
  ROWS[$name:$ROUND]=$row
}

echo "== building (Release)"
for project in bench/BareEndpoint/BareEndpoint.csproj src/WestmontTextLine/WestmontTextLine.csproj \
  bench/SignedRequests/SignedRequests.csproj bench/FakeProviderApi/FakeProviderApi.csproj; do
  dotnet build -c Release -nologo -v q "$ROOT/$project" >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log"; exit 1; }
done
BARE_DLL="$ROOT/bench/BareEndpoint/bin/Release/net10.0/BareEndpoint.dll"
# LINE_DLL measures another build of the line (an older commit's, to compare), still run from this repo's root.
LINE_DLL=${LINE_DLL:-"$ROOT/src/WestmontTextLine/bin/Release/net10.0/WestmontTextLine.dll"}
VARIANTS_DLL="$ROOT/bench/LineVariants/bin/Release/net10.0/LineVariants.dll"
if [ -n "${COUNTERS:-}${ALLOC_TRACE:-}" ]; then
  PATH="$PATH:$HOME/.dotnet/tools"
  for tool in ${COUNTERS:+dotnet-counters} ${ALLOC_TRACE:+dotnet-trace}; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed: dotnet tool install -g $tool" >&2; exit 1; }
  done
fi
if [ -n "${ALLOC_TRACE:-}" ]; then
  dotnet build -c Release -nologo -v q "$ROOT/bench/AllocTicks/AllocTicks.csproj" >"$TMP/build.log" 2>&1 \
    || { cat "$TMP/build.log"; exit 1; }
fi
if [[ " ${CASES[*]} " == *" line-memory "* ]]; then
  dotnet build -c Release -nologo -v q "$ROOT/bench/LineVariants/LineVariants.csproj" >"$TMP/build.log" 2>&1 \
    || { cat "$TMP/build.log"; exit 1; }
fi

for port in "$PORT" "$FAKE_PORT" "$REDIS_PORT"; do
  port_free "$port" || { echo "port $port on 127.0.0.1 is in use: set PORT/FAKE_PORT/REDIS_PORT" >&2; exit 1; }
done

echo "== signing the requests before the run"
SIGN="dotnet $ROOT/bench/SignedRequests/bin/Release/net10.0/SignedRequests.dll --url http://127.0.0.1:$PORT/sms --token $AUTH_TOKEN --threads $THREADS"
$SIGN --out "$TMP/requests" --senders "$SENDERS" --texts "$TEXTS" --laps "$LAPS"
$SIGN --out "$TMP/warmup" --senders 30000 --texts "$TEXTS" --laps 1 --first-number 13312000000 --run-tag 2

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ {print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# From its own folder and without watching its settings: started in $TMP, it watched the folder of the line's
# database, and took an inotify event for every write the line made there.
(cd "$ROOT/bench/FakeProviderApi" && exec dotnet "$ROOT/bench/FakeProviderApi/bin/Release/net10.0/FakeProviderApi.dll" \
  --urls "http://127.0.0.1:$FAKE_PORT" --hostBuilder:reloadConfigOnChange=false) >"$TMP/fake.log" 2>&1 &
FAKE_PID=$!

# The line, from the repo root (appsettings.json and flows/), as deployed. Extra settings as arguments: NAME=VALUE.
start_line() {
  local name=$1 dll=$2
  shift 2
  (cd "$ROOT" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    Twilio__AuthToken="$AUTH_TOKEN" TextLine__PrivacyKey="$PRIVACY_KEY" \
    Twilio__AccountSid="$ACCOUNT_SID" Twilio__ApiBaseUrl="http://127.0.0.1:$FAKE_PORT" \
    DOTNET_PerfMapEnabled="${PERF:+1}" ${PERF:+DOTNET_EnableWriteXorExecute=0} "$@" ${LINE_SETTINGS:-} \
    dotnet "$dll" --urls "http://127.0.0.1:$PORT") >"$TMP/$name.log" 2>&1 &
  SERVER_PID=$!
}

start_redis() {
  mkdir -p "$TMP/redis"
  # As README's "Running more than one instance" asks: the append-only file, fsync'd every second.
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$TMP/redis" --save "" --appendonly yes \
    --appendfsync everysec --daemonize no >"$TMP/redis-server.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "redis-server did not start" >&2; cat "$TMP/redis-server.log" >&2; return 1
}
stop_redis() {
  [ -z "$REDIS_PID" ] || { kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; }
  REDIS_PID=""
  rm -rf "$TMP/redis"
}

declare -A LABELS=(
  [floor]="bare, cheapest wrk script"
  [bare]="bare endpoint"
  [line]="line, SQLite"
  [redis]="line, Redis"
  [line-memory]="line, sessions in memory *"
  [line-nosig]="line, no signature check *"
  [line-nodelete]="line, no provider deletion *"
  [line-gen0]="line, workstation GC 16 MB gen0 *"
  [line-tmpfs]="line, SQLite on tmpfs *"
  [line-b]="line, SQLite, LINE_B_DLL"
)
declare -A FALLBACKS WAL ALL_RPS

for ROUND in $(seq 1 "$ROUNDS"); do
[ "$ROUNDS" = 1 ] || echo "== round $ROUND of $ROUNDS"
ORDER=("${CASES[@]}")
# Paired builds (line, line-b) take turns going first, round by round.
if (( ROUND % 2 == 0 )) && [[ " ${CASES[*]} " == *" line-b "* ]]; then
  ORDER=(); for (( i = ${#CASES[@]} - 1; i >= 0; i-- )); do ORDER+=("${CASES[i]}"); done
fi
for name in "${ORDER[@]}"; do
  db=""
  case "$name" in
    floor | bare)
      # The bare endpoint, from its own folder so that it reads no appsettings.json.
      (cd "$ROOT/bench/BareEndpoint" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
        dotnet "$BARE_DLL" --urls "http://127.0.0.1:$PORT") >"$TMP/$name.log" 2>&1 &
      SERVER_PID=$!
      if [ "$name" = floor ]; then measure floor static.lua; else measure bare replay.lua count; fi
      stop_server
      continue
      ;;
    line) db="$TMP/line.db"; start_line line "$LINE_DLL" Storage__Provider=Sqlite Storage__ConnectionString="Data Source=$db" ;;
    line-b)
      [ -n "${LINE_B_DLL:-}" ] || { echo "line-b needs LINE_B_DLL" >&2; exit 2; }
      db="$TMP/line-b.db"; start_line line-b "$LINE_B_DLL" Storage__Provider=Sqlite Storage__ConnectionString="Data Source=$db" ${LINE_B_SETTINGS:-}
      ;;
    redis)
      start_redis
      start_line redis "$LINE_DLL" Storage__Provider=Redis Storage__ConnectionString="127.0.0.1:$REDIS_PORT"
      ;;
    line-memory)
      db="$TMP/line-memory.db"
      start_line line-memory "$VARIANTS_DLL" Storage__Provider=Sqlite Storage__ConnectionString="Data Source=$db" BENCH_SESSIONS=memory
      ;;
    line-nosig)
      db="$TMP/line-nosig.db"
      start_line line-nosig "$LINE_DLL" Storage__Provider=Sqlite Storage__ConnectionString="Data Source=$db" Twilio__RequestValidation__Enabled=false
      ;;
    line-nodelete)
      db="$TMP/line-nodelete.db"
      start_line line-nodelete "$LINE_DLL" Storage__Provider=Sqlite Storage__ConnectionString="Data Source=$db" Twilio__DeleteMessages=false
      ;;
    line-gen0)
      # The GC sizes gen0 from the L3 cache the CPU reports (300 MiB on this VM): budgets of about 100 MB, long
      # pauses and a large RSS. Only an environment variable sets the budget, and only for the workstation GC.
      db="$TMP/line-gen0.db"
      start_line line-gen0 "$LINE_DLL" Storage__Provider=Sqlite Storage__ConnectionString="Data Source=$db" DOTNET_gcServer=0 DOTNET_GCgen0size=1000000
      ;;
    line-tmpfs)
      SHM=$(mktemp -d /dev/shm/textline-load.XXXXXX)
      db="$SHM/line.db"
      start_line line-tmpfs "$LINE_DLL" Storage__Provider=Sqlite Storage__ConnectionString="Data Source=$db"
      ;;
    *) echo "unknown setup $name" >&2; exit 2 ;;
  esac
  [ -z "$db" ] || start_wal_sampler "$db-wal"
  MEASURED_DB=$db
  measure "$name" replay.lua count
  stop_wal_sampler
  WAL[$name:$ROUND]=$([ -z "$db" ] && echo - || echo $(( $(cat "$TMP/wal-max") / 1048576 )))
  FALLBACKS[$name:$ROUND]=$(grep -c 'gave the fallback' "$TMP/$name.log" || true)
  WARNINGS=$(unexpected_warnings "$TMP/$name.log" | grep -cE '^(warn|fail|crit):' || true)
  [ "$WARNINGS" = 0 ] || { echo "   $WARNINGS warning/error log entries; the first:"; unexpected_warnings "$TMP/$name.log" | head -2; }
  stop_server
  [ "$name" != redis ] || stop_redis
  [ -z "$db" ] || rm -f "$db" "$db-wal" "$db-shm"
  [ -z "$SHM" ] || { rm -rf "$SHM"; SHM=""; }
done
done

# Each setup's median round by req/s (the lower middle one for an even count).
for name in "${CASES[@]}"; do
  pick=$(for r in $(seq 1 "$ROUNDS"); do echo "$(field rps "${ROWS[$name:$r]}") $r"; done | sort -n | \
    awk '{ v[NR] = $2 } END { print v[int((NR + 1) / 2)] }')
  ROWS[$name]=${ROWS[$name:$pick]}
  FALLBACKS[$name]=${FALLBACKS[$name:$pick]:--}
  WAL[$name]=${WAL[$name:$pick]:--}
  ALL_RPS[$name]=$(for r in $(seq 1 "$ROUNDS"); do printf '%s ' "$(field rps "${ROWS[$name:$r]}")"; done)
done

BASE=bare
[[ " ${CASES[*]} " == *" bare "* ]] || BASE=${CASES[0]}
fmt_ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }
row() {
  local name=$1 r=${ROWS[$1]}
  local errors=$(( $(field connect "$r") + $(field read "$r") + $(field write "$r") + $(field timeout "$r") ))
  local ratio empty fallbacks
  ratio=$(awk -v l="$(field rps "$r")" -v b="$(field rps "${ROWS[$BASE]}")" 'BEGIN { printf "%.2f", l / b }')
  empty=$(field empty "$r"); fallbacks="${FALLBACKS[$name]}/$(field fallback_replies "$r")"
  [ "$name" != floor ] || { empty=-; fallbacks=-; }
  [ "$name" != bare ] || fallbacks=-
  printf '| %-28s | %7s | %8s | %8s | %9s | %6s | %5s | %9s | %6s MB | %6s MB | %7s µs | %5s%% | %5s |\n' "${LABELS[$name]}" \
    "$(field rps "$r")" "$(fmt_ms "$(field p50_us "$r")")" "$(fmt_ms "$(field p99_us "$r")")" \
    "$(field non2xx "$r")" "$errors" "${empty:--}" "$fallbacks" "${WAL[$name]}" \
    "$(( $(field rss_kb "$r") / 1024 ))" "$(field cpu_us_per_req "$r")" "$(field machine_busy_pct "$r")" "$ratio"
}

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on 127.0.0.1: requests signed before the run, $SENDERS senders x $TEXTS texts a lap"
echo "| setup                        |   req/s |      p50 |      p99 | non-2xx   | errors | empty | fallbacks |   max WAL |  RSS after | CPU/req   | busy  | ratio |"
echo "|------------------------------|---------|----------|----------|-----------|--------|-------|-----------|-----------|------------|-----------|-------|-------|"
for name in "${CASES[@]}"; do row "$name"; done
echo "fallbacks: logged by the line / counted in replies. empty: replies with no <Message> (rate limited, opted out)."
echo "max WAL: the largest the SQLite WAL was, sampled every 100 ms through warm-up and run. busy: both cores, wrk included."
[[ " ${CASES[*]} " != *" line-nosig "* ]] || echo "* diagnostics: each changes one thing about the line, to show what it costs; never run the line so."
for name in "${CASES[@]}"; do
  w=$(field wrapped "${ROWS[$name]}")
  [ -z "$w" ] || [ "$w" = 0 ] || [ "$name" = bare ] || echo "note: $name went past the $LAPS lap(s) of requests $w time(s): MessageSids were repeated"
done
echo
if [ "$ROUNDS" != 1 ]; then
  echo "median of $ROUNDS rounds; req/s in each round:"
  for name in "${CASES[@]}"; do echo "  ${LABELS[$name]}: ${ALL_RPS[$name]}"; done
fi
if [[ " ${CASES[*]} " == *" floor "* && " ${CASES[*]} " == *" bare "* ]]; then
  awk -v b="$(field rps "${ROWS[bare]}")" -v f="$(field rps "${ROWS[floor]}")" \
    'BEGIN { printf "generator check: bare with the replayed requests / bare with the cheapest script = %.2f\n", b / f }'
fi
for name in line redis; do
  [[ " ${CASES[*]} " == *" $name "* && " ${CASES[*]} " == *" bare "* ]] || continue
  awk -v n="$name" -v l="$(field rps "${ROWS[$name]}")" -v b="$(field rps "${ROWS[bare]}")" 'BEGIN { printf "ratio %s/bare = %.2f\n", n, l / b }'
done
