#!/bin/bash
# start-line.sh RUNDIR PORT [extra env...]
RUN=$1 PORT=$2; shift 2
mkdir -p "$RUN/tmp"
source "$(dirname "$0")/env.sh"
cd "$(dirname "$0")/../.."
env TMPDIR="$RUN/tmp" Storage__ConnectionString="Data Source=$RUN/textline.db" "$@" \
  dotnet ${LINE_DLL:-src/WestmontTextLine/bin/Release/net10.0/WestmontTextLine.dll} --urls "http://127.0.0.1:$PORT" >"$RUN/stdout.log" 2>"$RUN/stderr.log" &
echo $! > "$RUN/line.pid"
