#!/usr/bin/env bash
# Cold start: wall time from process start to the first 200 on POST /sms, for the bare reference endpoint and for
# the line, each as it is deployed: `dotnet publish -c Release -r linux-x64` (framework-dependent, ReadyToRun), run
# from its publish folder in Production with Warning logs, flows validated at start as always, each start on a
# copy of a SQLite database that has had one start (the unmeasured one), as a deployed restart finds its own. The
# line gets a correctly signed Twilio request, from a new sender each start (a first contact, as on a fresh
# database); curl polls every ~10 ms. RUNS starts of each (default 9), alternating, after one unmeasured start of
# each to warm the file cache and leave that database; prints the medians and the ratio. Both are published from a copy of the repo in a temporary folder, so src/ and its obj/ are left alone.
#
#   bench/run-coldstart.sh                 # RUNS=9, ports 18083 (bare) and 18084 (line) on 127.0.0.1
#   LINE_SETTINGS="Console__Enabled=false" bench/run-coldstart.sh   # the line with extra settings (env form)
#   bench/run-coldstart.sh --composite     # both published self-contained, each with ASP.NET Core and the runtime
#                                          # in one composite ReadyToRun image (publishing takes minutes), started
#                                          # as ./<name>: an operator's option, not how the line is deployed
#   bench/run-coldstart.sh --build-output  # adds both as `dotnet build -c Release` leaves them (what `dotnet run`
#                                          # starts: no ReadyToRun, so the JIT compiles everything on first use)
#   bench/run-coldstart.sh --jit           # also starts each once more and counts the methods the JIT compiled by the
#                                          # first 200: a figure other work on the machine does not move (to within
#                                          # about 30, the JIT's unflushed output), unlike the times; and the
#                                          # assemblies mapped by then
#   JIT_OUT=/tmp bench/run-coldstart.sh --jit   # also keeps those lists there (line.jit, bare.jit, line.dlls, bare.dlls)
#   LINE_DLL=/tmp/other/WestmontTextLine.dll bench/run-coldstart.sh   # another published line (an older commit's, to
#                                          # compare), started from its own folder; only the bare endpoint is published
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-9}
BARE_PORT=${BARE_PORT:-18083}
LINE_PORT=${LINE_PORT:-18084}
AUTH_TOKEN=bench-auth-token-0123456789abcdef
PRIVACY_KEY=bench-privacy-key-0123456789abcdef
BUILD_OUTPUT=0
LINE_DLL=${LINE_DLL:-}
COUNT_JIT=0
PUBLISH_AS=(--self-contained false -p:PublishReadyToRun=true)
STARTED_AS=.dll   # the published name's ending: ".dll" starts dotnet Name.dll, "" the apphost (./Name)
USAGE="usage: bench/run-coldstart.sh [--composite] [--build-output] [--jit]   (see bench/README.md)"
for arg in "$@"; do
  case "$arg" in
    -h|--help) echo "$USAGE"; exit 0 ;;
    --build-output) BUILD_OUTPUT=1 ;;
    --jit) COUNT_JIT=1 ;;
    --composite) PUBLISH_AS=(--self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true); STARTED_AS="" ;;
    *) echo "$USAGE" >&2; exit 2 ;;
  esac
done
# shellcheck source=lib/server.sh
source "$ROOT/bench/lib/server.sh"
require_tool curl openssl
bench_setup coldstart

PROJECTS=(bench/BareEndpoint/BareEndpoint.csproj)
[ -n "$LINE_DLL" ] || PROJECTS+=(src/WestmontTextLine/WestmontTextLine.csproj)
echo "== publishing ${#PROJECTS[@]} of the two (Release, linux-x64, ${PUBLISH_AS[*]}) from a copy of the repo${LINE_DLL:+; the line is $LINE_DLL}"
mkdir -p "$TMP/src"
cp -r "$ROOT/src" "$ROOT/bench" "$ROOT/build" "$ROOT/flows" "$ROOT/appsettings.json" "$ROOT/Directory.Build.props" \
  "$ROOT/Directory.Packages.props" "$TMP/src/"
find "$TMP/src" -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
for project in "${PROJECTS[@]}"; do
  out="$TMP/published/$(basename "$project" .csproj)"
  dotnet publish "$TMP/src/$project" -c Release -r linux-x64 "${PUBLISH_AS[@]}" \
    -o "$out" -nologo -v q >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log"; exit 1; }
done
# name -> "folder to start in|dll"
declare -A SETUPS=(
  [bare]="$TMP/published/BareEndpoint|BareEndpoint$STARTED_AS"
  [line]="$TMP/published/WestmontTextLine|WestmontTextLine$STARTED_AS"
)
if [ -n "$LINE_DLL" ]; then
  [ -f "$LINE_DLL" ] || { echo "LINE_DLL=$LINE_DLL: no such file" >&2; exit 1; }
  SETUPS[line]="$(cd "$(dirname "$LINE_DLL")" && pwd)|$(basename "$LINE_DLL")"
fi
NAMES=(bare line)
if [ "$BUILD_OUTPUT" = 1 ]; then
  echo "== building both (Release), as dotnet run would"
  for project in bench/BareEndpoint/BareEndpoint.csproj src/WestmontTextLine/WestmontTextLine.csproj; do
    dotnet build -c Release -nologo -v q "$ROOT/$project" >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log"; exit 1; }
  done
  SETUPS[bare-build]="$ROOT/bench/BareEndpoint|$ROOT/bench/BareEndpoint/bin/Release/net10.0/BareEndpoint.dll"
  SETUPS[line-build]="$ROOT|$ROOT/src/WestmontTextLine/bin/Release/net10.0/WestmontTextLine.dll"
  NAMES+=(bare-build line-build)
fi

for port in "$BARE_PORT" "$LINE_PORT"; do
  rc=0; curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" || rc=$?
  [ "$rc" -eq 7 ] || { echo "port $port on 127.0.0.1 is in use: set BARE_PORT/LINE_PORT" >&2; exit 1; }
done

# A Twilio SMS webhook for the line, signed with openssl: base64(HMAC-SHA1(token, URL + keys and values sorted)).
LINE_URL="http://127.0.0.1:$LINE_PORT/sms"
TEXTS=0
# next_sender: sets FORM and SIGNATURE for a text from a sender no earlier start has seen, with a MessageSid none has
# seen. Each start but the first finds the database an earlier one left, and her text must be a first contact there,
# as on a new database, not a repeat the line answers from its record.
next_sender() {
  local from="+1630555$(printf '%04d' $(( 100 + TEXTS )))" SID
  SID="SM0c01d57a27$(printf '%022x' $(( 26 + TEXTS )))"
  TEXTS=$(( TEXTS + 1 ))
  FORM="ToCountry=US&ToState=IL&SmsMessageSid=$SID&NumMedia=0&ToCity=WESTMONT&FromZip=60559&SmsSid=$SID&FromState=IL"
  FORM+="&SmsStatus=received&FromCity=WESTMONT&Body=Hi&FromCountry=US&To=%2B16305551234&ToZip=60559&NumSegments=1"
  FORM+="&MessageSid=$SID&AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B${from#+}&ApiVersion=2010-04-01"
  local signed="${LINE_URL}AccountSidAC0123456789abcdef0123456789abcdefApiVersion2010-04-01BodyHiFrom$from"
  signed+="FromCityWESTMONTFromCountryUSFromStateILFromZip60559MessageSid${SID}NumMedia0NumSegments1"
  signed+="SmsMessageSid${SID}SmsSid${SID}SmsStatusreceivedTo+16305551234ToCityWESTMONTToCountryUSToStateILToZip60559"
  SIGNATURE=$(printf '%s' "$signed" | openssl dgst -sha1 -hmac "$AUTH_TOKEN" -binary | base64)
}

# database_for NAME RUN: the line's database for a start. The unmeasured start (run 0) makes one; every later start
# gets a copy of it as that start left it (with its WAL and files beside it, if any): a deployed restart opens a
# database that has been started before, so the start-once work (the keys check's first record) is not measured.
database_for() {
  local file
  [ "$2" != 0 ] || return 0
  for file in "$TMP/$1-0.db"*; do
    [ -e "$file" ] && cp "$file" "$TMP/$1-$2.db${file#"$TMP/$1-0.db"}"
  done
  return 0
}

now_ns() { date +%s%N; }

# command_for FILE: a .dll is started with dotnet, an apphost (self-contained) as itself.
command_for() { case "$1" in *.dll) echo dotnet "$1" ;; /*) echo "$1" ;; *) echo "./$1" ;; esac; }

# start NAME RUN: starts the server in the background as $SERVER_PID.
start() {
  local folder=${SETUPS[$1]%%|*} dll=${SETUPS[$1]#*|}
  case "$1" in
    bare*)
      (cd "$folder" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
        $(command_for "$dll") --urls "http://127.0.0.1:$BARE_PORT") >"$TMP/$1-$2.log" 2>&1 &
      ;;
    line*)
      (cd "$folder" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
        Twilio__AuthToken="$AUTH_TOKEN" TextLine__PrivacyKey="$PRIVACY_KEY" \
        Storage__Provider=Sqlite Storage__ConnectionString="Data Source=$TMP/$1-$2.db" ${LINE_SETTINGS:-} \
        $(command_for "$dll") --urls "http://127.0.0.1:$LINE_PORT") >"$TMP/$1-$2.log" 2>&1 &
      ;;
  esac
  SERVER_PID=$!
}

# post NAME: one POST /sms; prints the HTTP status (000 while nothing listens).
post() {
  case "$1" in
    bare*) curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST --data-binary "$FORM" \
            -H 'Content-Type: application/x-www-form-urlencoded' "http://127.0.0.1:$BARE_PORT/sms" || true ;;
    line*) curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST --data-binary "$FORM" \
            -H 'Content-Type: application/x-www-form-urlencoded' -H "X-Twilio-Signature: $SIGNATURE" "$LINE_URL" || true ;;
  esac
}

# cpu_ms PID: the CPU time (user + system, all threads) the process has used so far, in ms. It counts only the
# process's own work, so it still shows a regression when other work on the machine makes the wall time noisy.
cpu_ms() {
  local ticks
  ticks=$(awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0)
  echo $(( ticks * 1000 / $(getconf CLK_TCK) ))
}

# one NAME RUN: sets MS to the milliseconds from process start to the first 200 (gives up after 60 s). Runs in
# this shell, not in $(...), so that the trap knows the server to stop if anything fails.
one() {
  local name=$1 run=$2 start_ns
  next_sender
  case "$name" in line*) database_for "$name" "$run" ;; esac
  start_ns=$(now_ns)
  start "$name" "$run"
  await_200 "$name" "$run" "$start_ns" || return 1
  MS=$(( ($(now_ns) - start_ns) / 1000000 ))
  CPU_MS=$(cpu_ms "$SERVER_PID")
  stop_server
}

# await_200 NAME RUN START_NS: polls the server started as $SERVER_PID until it answers 200; fails with its log if
# it answers anything else, stops, or takes over 60 s from START_NS.
await_200() {
  local name=$1 run=$2 deadline=$(( $3 + 60000000000 )) code
  while :; do
    code=$(post "$name")
    [ "$code" = 200 ] && return 0
    if [ "$code" != 000 ]; then
      echo "$name answered $code, not 200; its log:" >&2; cat "$TMP/$name-$run.log" >&2; return 1
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null || [ "$(now_ns)" -gt "$deadline" ]; then
      echo "$name did not answer 200 within 60 s; its log:" >&2; cat "$TMP/$name-$run.log" >&2; return 1
    fi
    sleep 0.01
  done
}

median() { tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== priming (not measured)"
for name in "${NAMES[@]}"; do one "$name" 0; done

declare -A TIMES CPUS
for run in $(seq 1 "$RUNS"); do
  line="   run $run:"
  for name in "${NAMES[@]}"; do
    one "$name" "$run"
    TIMES[$name]+=" $MS"
    CPUS[$name]+=" $CPU_MS"
    line+=" $name $MS ms (cpu $CPU_MS ms)"
  done
  echo "$line"
done

declare -A LABELS=([bare]="bare endpoint" [line]="line" [bare-build]="bare, build output" [line-build]="line, build output")
declare -A MEDIANS
for name in "${NAMES[@]}"; do MEDIANS[$name]=$(median <<<"${TIMES[$name]}"); done
echo
echo "process start to first 200 on POST /sms, $RUNS runs each (ms):"
echo "| setup               | runs (ms)                                    | median   | ratio to its bare |"
echo "|---------------------|----------------------------------------------|----------|-------------------|"
for name in "${NAMES[@]}"; do
  bare=bare; [ "${name%-build}" = "$name" ] || bare=bare-build
  printf '| %-19s | %-44s | %5s ms | %17s |\n' "${LABELS[$name]}" "$(echo ${TIMES[$name]})" "${MEDIANS[$name]}" \
    "$(awk -v l="${MEDIANS[$name]}" -v b="${MEDIANS[$bare]}" 'BEGIN { printf "%.2f", l / b }')"
done
echo
echo "CPU time used by the process up to that first 200 (ms), medians:"
for name in "${NAMES[@]}"; do printf '  %-19s %5s ms\n' "${LABELS[$name]}" "$(median <<<"${CPUS[$name]}")"; done
echo "published: dotnet publish -c Release -r linux-x64 ${PUBLISH_AS[*]}"
awk -v l="${MEDIANS[line]}" -v b="${MEDIANS[bare]}" 'BEGIN { printf "ratio line/bare = %.2f\n", l / b }'

# jit_count NAME: sets JIT_COUNT from one more start with the JIT's list of what it compiles; the process is paused
# at its first 200 and the list read then, so it holds what was compiled on the way to the first answer. Run in this
# shell, not in $(...), so that the trap knows the server to stop if anything fails.
jit_count() {
  local list="$TMP/$1.jit" start_ns
  next_sender
  case "$1" in line*) database_for "$1" jit ;; esac
  start_ns=$(now_ns)
  export DOTNET_JitStdOutFile="$list" DOTNET_JitDisasmSummary=1
  start "$1" jit
  unset DOTNET_JitStdOutFile DOTNET_JitDisasmSummary
  await_200 "$1" jit "$start_ns" || return 1
  kill -STOP "$SERVER_PID"
  sleep 0.2
  JIT_COUNT=$(grep -c "JIT compiled" "$list" || true)
  # The assemblies mapped by then, from /proc: steadier than the times on a shared host, as the count is.
  awk '$6 ~ /\.dll$/ { n = split($6, p, "/"); print p[n] }' "/proc/$SERVER_PID/maps" | sort -u >"$TMP/$1.dlls"
  DLL_COUNT=$(wc -l <"$TMP/$1.dlls")
  [ -z "${JIT_OUT:-}" ] || cp "$list" "$JIT_OUT/$1.jit"
  [ -z "${JIT_OUT:-}" ] || cp "$TMP/$1.dlls" "$JIT_OUT/$1.dlls"
  kill -CONT "$SERVER_PID"
  stop_server
}
if [ "$COUNT_JIT" = 1 ]; then
  echo
  echo "methods the JIT compiled, and assemblies mapped, by the first 200 (one start each):"
  for name in "${NAMES[@]}"; do
    jit_count "$name"
    printf '  %-19s %5s methods, %3s assemblies\n' "${LABELS[$name]}" "$JIT_COUNT" "$DLL_COUNT"
  done
fi
