#!/bin/bash
# redis-sample.sh RPORT PID LPORT OUT [INTERVAL]: key counts by prefix, keys without TTL by prefix, used memory, line RSS, healthz
RP=$1 PID=$2 LP=$3 OUT=$4 INT=${5:-30}
while kill -0 "$PID" 2>/dev/null; do
  t=$(date +%H:%M:%S)
  mem=$(redis-cli -p $RP info memory | awk -F: '/^used_memory:/{printf "%.1f", $2/1048576}')
  aof=$(redis-cli -p $RP info persistence | awk -F: '/^aof_current_size:/{printf "%.1f", $2/1048576}')
  rss=$(awk '/VmRSS/{print $2}' /proc/$PID/status)
  hz=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$LP/healthz")
  counts=$(redis-cli -p $RP --scan | awk -F: '{k=$1":"$2; if ($2=="rec"||$2=="work") k=k":"$3; c[k]++} END{for(k in c) printf "%s=%d ", k, c[k]}')
  echo "$t redis_mb=$mem aof_mb=$aof rss_kb=$rss healthz=$hz keys: $counts" >>"$OUT"
  sleep "$INT"
done
