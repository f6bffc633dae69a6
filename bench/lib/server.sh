# Sourced by the bench scripts: the scratch folder, the server they start, and the tools they need.
#
# bench_setup NAME: makes $TMP (/tmp/textline-NAME.XXXXXX) and sets the traps that, on any exit, stop the server
# started as $SERVER_PID, remove $TMP, and run bench_extra_cleanup when the script defines it.
# stop_server: stops $SERVER_PID (TERM, up to 10 s to exit, then KILL), always reaps it and clears SERVER_PID, so
# calling it twice (or from a trap) is safe.
# require_tool TOOL...: fails with the package to install; require_wrk installs Debian's wrk when run as root.

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

bench_setup() {
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  TMP=$(mktemp -d "/tmp/textline-$1.XXXXXX")
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  local status=$?
  stop_server
  if declare -F bench_extra_cleanup >/dev/null; then bench_extra_cleanup; fi
  rm -rf "$TMP"
  exit "$status"
}

require_tool() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y $tool" >&2; exit 1; }
  done
}

require_wrk() {
  command -v wrk >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing wrk (Debian package)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk is missing: apt-get install -y wrk" >&2
    exit 1
  fi
}
