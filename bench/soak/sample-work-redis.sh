#!/bin/bash
# sample-work-redis.sh PID RPORT LPORT RUNDIR OUT [INTERVAL]: as sample-work.sh, on Redis: used memory, AOF, keys by group, and each
# work kind's queue: count/overdue(>5 s)/oldest overdue s, from its sorted set
PID=$1 RP=$2 PORT=$3 RUN=$4 OUT=$5 INT=${6:-60}; LOG=$RUN/stdout.log
export PATH=${DOTNET_TOOLS:-$HOME/.dotnet/tools}:$PATH DOTNET_ROOT=${DOTNET_ROOT:-/usr/share/dotnet}
prev=0; T=$(mktemp -d)
while kill -0 "$PID" 2>/dev/null; do
  rss=$(awk '/VmRSS/{printf "%.0f", $2/1024}' /proc/$PID/status); thr=$(awk '/Threads/{print $2}' /proc/$PID/status); fds=$(ls /proc/$PID/fd 2>/dev/null | wc -l)
  rm -f $T/c.csv; (cd $T; timeout 30 dotnet-counters collect -p "$PID" --refresh-interval 2 --format csv -o $T/c.csv --counters System.Runtime --duration 00:00:03 </dev/null >/dev/null 2>&1)
  gc=$(awk -F, '{v[$3]=$NF} END{mb=1048576; printf "%.1f %.1f %.1f", (v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen0]"]+v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen1]"]+v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen2]"]+v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=loh]"]+v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=poh]"])/mb, v["dotnet.gc.last_collection.memory.committed_size (By)"]/mb, v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen2]"]/mb}' $T/c.csv 2>/dev/null)
  lsz=$(stat -c %s "$LOG"); lines=$(wc -l <"$LOG"); d=$((lines-prev))
  warn=$(tail -n $d "$LOG" | grep -c '^warn'); err=$(tail -n $d "$LOG" | grep -c '^fail\|^crit'); prev=$lines
  mem=$(redis-cli -p $RP info memory | awk -F: '/^used_memory:/{printf "%.1f", $2/1048576}')
  aof=$(redis-cli -p $RP info persistence | awk -F: '/^aof_current_size:/{printf "%.1f", $2/1048576}')
  now=$(date +%s%3N); q=""
  for k in send checkin delete handoff handoff-reply forget; do
    n=$(redis-cli -p $RP zcard "wtl:work:{$k}:due"); o=$(redis-cli -p $RP zcount "wtl:work:{$k}:due" -inf $((now-5000)))
    first=$(redis-cli -p $RP zrange "wtl:work:{$k}:due" 0 0 withscores | sed -n 2p); s=0; [ -n "$first" ] && [ "${first%.*}" -lt "$now" ] && s=$(( (now-${first%.*})/1000 ))
    q="$q $k:$n/$o/$s"
  done
  keys=$(redis-cli -p $RP --scan | awk -F: '{k=$1":"$2; if ($2=="rec"||$2=="work") k=k":"$3; c[k]++} END{for(k in c) printf "%s=%d ", k, c[k]}')
  hz=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT/healthz")
  echo "$(date +%H:%M:%S) rss=$rss thr=$thr fds=$fds gc=$gc redis_mb=$mem aof_mb=$aof log_kb=$((lsz/1024)) lines/int=$d warn=$warn err=$err |$q | $keys| $hz" >>"$OUT"
  sleep "$INT"
done
rm -rf $T
