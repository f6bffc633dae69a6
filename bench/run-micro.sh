#!/usr/bin/env bash
# BenchmarkDotNet micro-benchmarks (bench/Micro): the engine step, flow loading, signature validation, TwiML
# writing, the sender key, and a text through ConversationService on the SQLite and in-memory stores.
# A short job in-process: about two minutes in all. Prints the summary table (time and bytes allocated per op).
#
#   bench/run-micro.sh                      # everything
#   bench/run-micro.sh --filter '*Engine*'  # any BenchmarkDotNet arguments instead (then no default filter)
set -euo pipefail

case "${1-}" in
  -h|--help)
    echo "usage: bench/run-micro.sh [BenchmarkDotNet arguments, e.g. --filter '*Engine*']   (none: every benchmark)"
    exit 0 ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
ARTIFACTS="$ROOT/bench/Micro/BenchmarkDotNet.Artifacts"

echo "== building bench/Micro (Release)"
dotnet build -c Release -nologo -v q "$ROOT/bench/Micro/Micro.csproj" >/tmp/textline-micro-build.log 2>&1 \
  || { cat /tmp/textline-micro-build.log; exit 1; }

rm -rf "$ARTIFACTS/results"
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--filter '*')
echo "== running (log: $ARTIFACTS/micro.log)"
mkdir -p "$ARTIFACTS"
(cd "$ROOT" && timeout --kill-after=10 1200 dotnet "$ROOT/bench/Micro/bin/Release/net10.0/Micro.dll" \
  --artifacts "$ARTIFACTS" "${args[@]}") >"$ARTIFACTS/micro.log" 2>&1 || { tail -50 "$ARTIFACTS/micro.log"; exit 1; }

report=$(ls -t "$ARTIFACTS"/results/*-report-github.md 2>/dev/null | head -1)
[ -n "$report" ] || { tail -50 "$ARTIFACTS/micro.log"; echo "no report found" >&2; exit 1; }
echo
# BenchmarkDotNet quotes names with spaces and the GitHub exporter escapes the quotes; drop both, and the bold.
sed -e "s/&#39;//g" -e 's/\*\*//g' "$report"
