#!/usr/bin/env bash
# How long a texter waits for her answer while the store is at fault: the line as deployed (Release build,
# Production, signatures checked, Warning logs), signed texts from SENDERS distinct senders for each fault, BATCH at
# a time, PACE seconds between batches (paced, not a flood), each answer's wall time (curl's time_total) and kind:
# normal (a <Message> that is not the fallback), fallback (the flows' `fallback` text), non-200, empty (no <Message>).
# Then STOPS opt-outs (`STOP`) from senders new to the store, at once, with the fault still in place: kind confirmed
# (STOP's confirmation, the reply the spool on disk lets the line give while the store fails), fallback, non-200 or
# empty. Provider deletion is on, as deployed (against bench/FakeProviderApi, which answers at once): every text the
# store cannot take its deletion for is kept in the deletion spool, flushed to the disk, before its reply.
#
#   Redis:  healthy; frozen (SIGSTOP on redis-server); refused (redis-server stopped); OOM (maxmemory 1 under
#           noeviction); and, after each fault, the time from SIGCONT / restart / maxmemory lifted to the first normal
#           reply (texts from the next senders, one after another, at most RECOVERY_LIMIT seconds).
#   SQLite: healthy; the file's write lock held by another process (a sqlite3 shell in a transaction); full disk (a
#           line of its own, its data folder on an 8 MB tmpfs filled to its last page: only as root, which can mount;
#           otherwise skipped with a line saying so); the database file moved away while open. Every other fault's
#           data folder is on the scratch folder's disk, so the spools' fsyncs cost what they cost there. On the full
#           disk the first texts still fit in pages the files already hold: texts one after another until the first
#           fallback (fitted_first counts the normal replies before it), then the measured texts; recovery as for Redis.
#
#   bench/run-faults.sh                     # RUNS=3 rounds of every fault, 8 senders each
#   RUNS=5 SENDERS=12 bench/run-faults.sh
#   bench/run-faults.sh --only redis        # one store (redis or sqlite)
#   LINE_DLL=/tmp/other/WestmontTextLine.dll bench/run-faults.sh   # another build (run from this repo's root)
#
# Settings (environment): RUNS (3), SENDERS (8, at most 100), BATCH (4), PACE (0.25), STOPS (4; RUNS x 4 x STOPS at
# most 100), DELETION (1; 0 runs the line without provider deletion), RECOVERY_LIMIT (30), LINE_PORT (18086),
# REDIS_PORT (18087), FAKE_PORT (18088). Senders are +1 630 555-0100 to -0199 (numbers reserved for fiction), each
# used at most once per round of a fault, so none comes near the rate limit (20 a minute); the STOPs come from
# +1 312 555-0100 to -0199, each once a store (a second STOP from an opted-out number gets no reply). The line runs
# from a scratch copy of appsettings.json and flows/, so its data/ folder (on Redis, its spools) is the run's own:
# from the repo root, one run's spools were taken up by the next. Every fault is bounded in
# time (curl --max-time 20: Twilio gives up at 15 s); the script restores everything it touched and stops every
# server it started, also on failure or Ctrl-C. 127.0.0.1 only.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-3}
SENDERS=${SENDERS:-8}
BATCH=${BATCH:-4}
PACE=${PACE:-0.25}
STOPS=${STOPS:-4}
DELETION=${DELETION:-1}
RECOVERY_LIMIT=${RECOVERY_LIMIT:-30}
LINE_PORT=${LINE_PORT:-18086}
REDIS_PORT=${REDIS_PORT:-18087}
FAKE_PORT=${FAKE_PORT:-18088}
ACCOUNT_SID=AC0123456789abcdef0123456789abcdef
LINE_DLL=${LINE_DLL:-}
AUTH_TOKEN=bench-auth-token-0123456789abcdef
PRIVACY_KEY=bench-privacy-key-0123456789abcdef
STORES=(redis sqlite)
USAGE="usage: bench/run-faults.sh [--only redis|sqlite]   (settings as variables: RUNS=3 SENDERS=8 ...; see bench/README.md)"
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) echo "$USAGE"; exit 0 ;;
    --only)
      case "${2-}" in redis | sqlite) STORES=("$2") ;; *) echo "$USAGE" >&2; exit 2 ;; esac
      shift ;;
    *) echo "$USAGE" >&2; exit 2 ;;
  esac
  shift
done
[ "$SENDERS" -ge 1 ] && [ "$SENDERS" -le 100 ] || { echo "SENDERS must be 1 to 100" >&2; exit 2; }
[ "$STOPS" -ge 0 ] && [ $(( RUNS * 4 * STOPS )) -le 100 ] || { echo "RUNS x 4 x STOPS must be at most 100 (each STOP needs a sender new to the store)" >&2; exit 2; }

# shellcheck source=lib/server.sh
source "$ROOT/bench/lib/server.sh"
require_tool curl openssl
[[ " ${STORES[*]} " != *" redis "* ]] || require_tool redis-server redis-cli
[[ " ${STORES[*]} " != *" sqlite "* ]] || require_tool sqlite3
bench_setup faults
REDIS_PID=""
MOUNTED=""
MOVED_DB=""
LOCK_PID=""
FAKE_PID=""
bench_extra_cleanup() {
  release_write_lock
  [ -z "$FAKE_PID" ] || { kill "$FAKE_PID" 2>/dev/null || true; wait "$FAKE_PID" 2>/dev/null || true; }
  if [ -n "$REDIS_PID" ]; then
    kill -CONT "$REDIS_PID" 2>/dev/null || true
    kill "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
  fi
  [ -z "$MOVED_DB" ] || mv -f "$MOVED_DB.away" "$MOVED_DB" 2>/dev/null || true
  [ -z "$MOUNTED" ] || umount "$MOUNTED" 2>/dev/null || umount -l "$MOUNTED" 2>/dev/null || true
}

for port in "$LINE_PORT" "$REDIS_PORT" "$FAKE_PORT"; do
  rc=0; curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" || rc=$?
  [ "$rc" -eq 7 ] || { echo "port $port on 127.0.0.1 is in use: set LINE_PORT/REDIS_PORT/FAKE_PORT" >&2; exit 1; }
done

if [ -z "$LINE_DLL" ]; then
  echo "== building (Release)"
  dotnet build -c Release -nologo -v q "$ROOT/src/WestmontTextLine/WestmontTextLine.csproj" >"$TMP/build.log" 2>&1 \
    || { cat "$TMP/build.log"; exit 1; }
  LINE_DLL="$ROOT/src/WestmontTextLine/bin/Release/net10.0/WestmontTextLine.dll"
fi
DELETION_SETTINGS=()
if [ "$DELETION" = 1 ]; then
  dotnet build -c Release -nologo -v q "$ROOT/bench/FakeProviderApi/FakeProviderApi.csproj" >"$TMP/build.log" 2>&1 \
    || { cat "$TMP/build.log"; exit 1; }
  # From its own folder and without watching its settings, as run-load.sh starts it.
  (cd "$ROOT/bench/FakeProviderApi" && exec dotnet "$ROOT/bench/FakeProviderApi/bin/Release/net10.0/FakeProviderApi.dll" \
    --urls "http://127.0.0.1:$FAKE_PORT" --hostBuilder:reloadConfigOnChange=false) >"$TMP/fake.log" 2>&1 &
  FAKE_PID=$!
  DELETION_SETTINGS=(Twilio__AccountSid="$ACCOUNT_SID" Twilio__ApiBaseUrl="http://127.0.0.1:$FAKE_PORT")
fi
# The line's root: appsettings.json and flows/, copied, so its data/ folder is this run's.
mkdir -p "$TMP/root"
cp "$ROOT/appsettings.json" "$TMP/root/"
cp -r "$ROOT/flows" "$TMP/root/"

URL="http://127.0.0.1:$LINE_PORT/sms"
SENT=0      # texts sent so far: each gets its own MessageSid, and picks the next sender in turn
STOPPED=0   # STOPs sent to this store so far: each from a sender of its own

# text OUT [STOP]: one signed text ("Hi", or "STOP" from the next STOP sender) from the next sender, signed as
# README's curl recipe signs; writes "HTTP-code milliseconds kind" to OUT.
text() {
  local out=$1 body=${2:-Hi} from sid sig result code seconds kind
  if [ "$body" = STOP ]; then from="+1312555$(printf '%04d' $(( 100 + STOPPED % 100 )))"
  else from="+1630555$(printf '%04d' $(( 100 + SENT % 100 )))"; fi
  sid=$(printf 'SM%016d%016d' "$$" "$(( SENT * 1000 + STOPPED ))")
  SENT=$(( SENT + 1 ))
  sig=$(printf '%s' "${URL}Body${body}From${from}MessageSid${sid}" | openssl dgst -sha1 -hmac "$AUTH_TOKEN" -binary | base64)
  result=$(curl -s -o "$out.body" -w '%{http_code} %{time_total}' --max-time 20 -X POST "$URL" \
    -H "X-Twilio-Signature: $sig" --data-urlencode "Body=$body" --data-urlencode "From=$from" \
    --data-urlencode "MessageSid=$sid" || true)
  code=${result%% *}; seconds=${result#* }
  if [ "$code" != 200 ]; then kind=non200
  elif grep -q 'text again' "$out.body"; then kind=fallback
  elif grep -q 'unsubscribed' "$out.body"; then kind=confirmed
  elif grep -q '<Message' "$out.body"; then kind=normal   # <Message action=...> once deletion is on
  else kind=empty; fi
  awk -v c="$code" -v s="$seconds" -v k="$kind" 'BEGIN { printf "%s %.0f %s\n", c, s * 1000, k }' >"$out"
  rm -f "$out.body"
}

# texts FAULT: SENDERS texts from distinct senders, BATCH at once, PACE between batches; appends to $TMP/FAULT.times.
# Then STOPS opt-outs at once, from senders new to the store, appended to $TMP/FAULT-stop.times.
texts() {
  local fault=$1 i=0 n
  while [ "$i" -lt "$SENDERS" ]; do
    for n in $(seq 1 "$BATCH"); do
      [ "$i" -lt "$SENDERS" ] || break
      text "$TMP/one.$i" &
      SENT=$(( SENT + 1 ))   # the background text counted in its own copy of the shell
      i=$(( i + 1 ))
    done
    wait_texts
    sleep "$PACE"
  done
  cat "$TMP"/one.* >>"$TMP/$fault.times"
  rm -f "$TMP"/one.*
  # What /healthz says with the fault still in place.
  curl -s -o /dev/null -w '%{http_code}\n' --max-time 20 "http://127.0.0.1:$LINE_PORT/healthz" >>"$TMP/$fault.health" || true
  [ "$STOPS" -gt 0 ] || return 0
  for i in $(seq 1 "$STOPS"); do
    text "$TMP/one.$i" STOP &
    SENT=$(( SENT + 1 )); STOPPED=$(( STOPPED + 1 ))
  done
  wait_texts
  cat "$TMP"/one.* >>"$TMP/$fault-stop.times"
  rm -f "$TMP"/one.*
  sleep "$PACE"
}
# Waits for the background texts only (never for the servers this shell started).
wait_texts() { local job; for job in $(jobs -p); do [ "$job" = "$SERVER_PID" ] || [ "$job" = "$REDIS_PID" ] || [ "$job" = "$LOCK_PID" ] || [ "$job" = "$FAKE_PID" ] || wait "$job" || true; done; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# recovery FAULT SINCE_MS: texts one after another until one gets a normal reply; appends the milliseconds from
# SINCE_MS to the end of that reply to $TMP/FAULT.recovery ("none" after RECOVERY_LIMIT seconds).
recovery() {
  local fault=$1 since=$2 deadline=$(( $2 + RECOVERY_LIMIT * 1000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    text "$TMP/poll"
    if [ "$(cut -d' ' -f3 "$TMP/poll")" = normal ]; then
      echo $(( $(now_ms) - since )) >>"$TMP/$fault.recovery"
      return 0
    fi
    sleep 0.05
  done
  echo none >>"$TMP/$fault.recovery"
}

# fill_up FAULT: on a full disk the first texts still fit in the pages the database and WAL already hold; texts
# one after another (at most 100) until one gets the fallback, and appends how many fitted to $TMP/FAULT.fitted.
fill_up() {
  local fault=$1 fitted=0
  while [ "$fitted" -lt 100 ]; do
    text "$TMP/poll"
    [ "$(cut -d' ' -f3 "$TMP/poll")" = normal ] || break
    fitted=$(( fitted + 1 ))
  done
  echo "$fitted" >>"$TMP/$fault.fitted"
}

start_line() {
  (cd "$TMP/root" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    Twilio__AuthToken="$AUTH_TOKEN" TextLine__PrivacyKey="$PRIVACY_KEY" "${DELETION_SETTINGS[@]}" "$@" \
    dotnet "$LINE_DLL" --urls "http://127.0.0.1:$LINE_PORT") >>"$TMP/line.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$LINE_PORT/healthz" || true)" = 200 ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "the line exited during start-up; its log:" >&2; cat "$TMP/line.log" >&2; exit 1; }
    sleep 0.1
  done
  # Warm-up, not measured: the JIT compiles the text's path.
  for _ in 1 2 3 4 5 6; do text "$TMP/warm"; done
}

start_redis() {
  mkdir -p "$TMP/redis"
  # As README's "Running more than one instance" asks: the append-only file, fsync'd every second, noeviction.
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$TMP/redis" --save "" --appendonly yes \
    --appendfsync everysec --maxmemory-policy noeviction --daemonize no >>"$TMP/redis-server.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.05; done
  echo "redis-server did not start" >&2; cat "$TMP/redis-server.log" >&2; exit 1
}
stop_redis() {
  [ -z "$REDIS_PID" ] || { kill -CONT "$REDIS_PID" 2>/dev/null || true; kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; }
  REDIS_PID=""
}

# report STORE FAULT: the fault's figures, and its RESULT line kept for the end.
RESULTS=()
report() {
  local store=$1 fault=$2 file="$TMP/$2.times" stats recovered=""
  stats=$(sort -k2,2n "$file" | awk '{ ms[NR] = $2; kind[$3]++ }
    END {
      p50 = (NR % 2) ? ms[(NR + 1) / 2] : (ms[NR / 2] + ms[NR / 2 + 1]) / 2
      p90 = ms[int(NR * 0.9 + 0.999)]
      printf "texts=%d median_ms=%.0f p90_ms=%d max_ms=%d normal=%d confirmed=%d fallback=%d non200=%d empty=%d", NR, p50, p90, ms[NR],
        kind["normal"], kind["confirmed"], kind["fallback"], kind["non200"], kind["empty"]
    }')
  [ ! -f "$TMP/$fault.recovery" ] || recovered=" recovery_ms=$(paste -sd/ "$TMP/$fault.recovery")"
  [ ! -f "$TMP/$fault.health" ] || recovered+=" healthz=$(paste -sd/ "$TMP/$fault.health")"
  [ ! -f "$TMP/$fault.fitted" ] || recovered+=" fitted_first=$(paste -sd/ "$TMP/$fault.fitted")"
  local codes
  codes=$(awk '$1 != 200 { c[$1]++ } END { for (k in c) printf " code_%s=%d", k, c[k] }' "$file")
  echo "   $store ${fault#"$store"-}: $stats$recovered$codes"
  RESULTS+=("RESULT store=$store fault=${fault#"$store"-} $stats$recovered$codes")
}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $RUNS rounds of each fault, $SENDERS senders a round, $BATCH at once, $PACE s between batches; then $STOPS STOPs at once; provider deletion $([ "$DELETION" = 1 ] && echo on || echo off)"

run_redis() {
  SENT=0; STOPPED=0
  start_redis
  start_line Storage__Provider=Redis Storage__ConnectionString="127.0.0.1:$REDIS_PORT"
  local run since
  for run in $(seq 1 "$RUNS"); do
    echo "== Redis, round $run of $RUNS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    texts redis-healthy

    kill -STOP "$REDIS_PID"
    texts redis-frozen
    since=$(now_ms); kill -CONT "$REDIS_PID"
    recovery redis-frozen "$since"

    stop_redis
    texts redis-refused
    since=$(now_ms); start_redis
    recovery redis-refused "$since"

    redis-cli -p "$REDIS_PORT" config set maxmemory 1 >/dev/null
    texts redis-oom
    since=$(now_ms); redis-cli -p "$REDIS_PORT" config set maxmemory 0 >/dev/null
    recovery redis-oom "$since"
  done
  stop_server
  stop_redis
  for fault in healthy frozen refused oom; do
    report redis "redis-$fault"
    [ "$STOPS" -eq 0 ] || report redis "redis-$fault-stop"
  done
}

# hold_write_lock DB: another process (a sqlite3 shell, as a backup or an operator would) takes the file's write lock
# and keeps it until release_write_lock; returns once the lock is taken.

hold_write_lock() {
  mkfifo "$TMP/lock.fifo"
  sqlite3 "$1" <"$TMP/lock.fifo" >/dev/null 2>&1 &
  LOCK_PID=$!
  exec 3>"$TMP/lock.fifo"
  echo 'BEGIN IMMEDIATE;' >&3
  for _ in $(seq 1 100); do
    sqlite3 "$1" 'BEGIN IMMEDIATE; ROLLBACK;' >/dev/null 2>&1 || return 0
    sleep 0.05
  done
  echo "sqlite3 did not take the write lock" >&2; exit 1
}
release_write_lock() {
  [ -n "$LOCK_PID" ] || return 0
  echo 'ROLLBACK;' >&3
  exec 3>&-   # sqlite3 reads the end of its input and exits
  wait "$LOCK_PID" 2>/dev/null || true
  LOCK_PID=""
  rm -f "$TMP/lock.fifo"
}

run_sqlite() {
  local data="$TMP/sqlite" full="$TMP/sqlite-full" run since
  local db="$data/textline.db"
  SENT=0; STOPPED=0   # the senders are new to this store until 100 texts have been sent to it
  mkdir -p "$data"
  start_line Storage__Provider=Sqlite Storage__ConnectionString="Data Source=$db"
  for run in $(seq 1 "$RUNS"); do
    echo "== SQLite, round $run of $RUNS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    texts sqlite-healthy
    hold_write_lock "$db"
    texts sqlite-locked
    since=$(now_ms); release_write_lock
    recovery sqlite-locked "$since"
  done
  # Moved away while open: README's remedy is to stop the line and put the file back, so each round restarts it.
  for run in $(seq 1 "$RUNS"); do
    MOVED_DB=$db; mv "$db" "$db.away"
    texts sqlite-moved
    stop_server
    mv "$db.away" "$db"; MOVED_DB=""
    start_line Storage__Provider=Sqlite Storage__ConnectionString="Data Source=$db"
  done
  stop_server
  # A full disk: a line of its own, its data folder on a small tmpfs (its spools too, so they find the disk full).
  mkdir -p "$full"
  if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=8m tmpfs "$full" 2>/dev/null; then
    MOUNTED=$full
    SENT=0; STOPPED=0
    start_line Storage__Provider=Sqlite Storage__ConnectionString="Data Source=$full/textline.db"
    for run in $(seq 1 "$RUNS"); do
      echo "== SQLite on a full disk, round $run of $RUNS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
      # Until the disk is full, to its last 4 KB page.
      dd if=/dev/zero of="$full/filler" bs=64k >/dev/null 2>&1 || true
      dd if=/dev/zero of="$full/filler2" bs=4k >/dev/null 2>&1 || true
      fill_up sqlite-full
      texts sqlite-full
      since=$(now_ms); rm -f "$full/filler" "$full/filler2"
      recovery sqlite-full "$since"
    done
    stop_server
  fi
  local fault
  for fault in healthy locked full moved; do
    if [ "$fault" = full ] && [ -z "$MOUNTED" ]; then echo "   sqlite full: skipped (mounting a small tmpfs needs root)"; continue; fi
    report sqlite "sqlite-$fault"
    [ "$STOPS" -eq 0 ] || report sqlite "sqlite-$fault-stop"
  done
  [ -z "$MOUNTED" ] || { umount "$MOUNTED"; MOUNTED=""; }
}

for store in "${STORES[@]}"; do
  "run_$store"
done
warnings=$(grep -cE '^(fail|crit):' "$TMP/line.log" || true)
echo "== the line logged $warnings fail/crit entries (the faults' own); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "wait for an answer (curl time_total) per fault; recovery: from SIGCONT / restart / limit lifted to the first normal reply"
printf '%s\n' "${RESULTS[@]}"
