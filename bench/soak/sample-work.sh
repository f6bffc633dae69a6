#!/bin/bash
# sample-work.sh PID DB PORT RUNDIR OUT [INTERVAL]: every INTERVAL s one line: RSS, threads, fds, GC heap (dotnet-counters), db/wal,
# the log (RUNDIR/stdout.log): size, lines, lines and warnings and errors in the interval; each work kind in scheduled_work as
# count/overdue (more than 5 s past due)/oldest overdue s (the outbox is "send"); sessions and work_log rows; healthz
PID=$1 DB=$2 PORT=$3 RUN=$4 OUT=$5 INT=${6:-60}; LOG=$RUN/stdout.log
export PATH=${DOTNET_TOOLS:-$HOME/.dotnet/tools}:$PATH DOTNET_ROOT=${DOTNET_ROOT:-/usr/share/dotnet}
echo "time rss_mb thr fds gc_heap_mb gc_committed_mb gen2_mb loh_mb timers db_mb wal_mb log_kb log_lines lines_per_int warn_per_int err_per_int | kind:count/overdue/oldest_s ... | sessions work_log | healthz" >>"$OUT"
prev=0; T=$(mktemp -d)
while kill -0 "$PID" 2>/dev/null; do
  rss=$(awk '/VmRSS/{printf "%.0f", $2/1024}' /proc/$PID/status); thr=$(awk '/Threads/{print $2}' /proc/$PID/status); fds=$(ls /proc/$PID/fd 2>/dev/null | wc -l)
  rm -f $T/c.csv; (cd $T; timeout 30 dotnet-counters collect -p "$PID" --refresh-interval 2 --format csv -o $T/c.csv --counters System.Runtime --duration 00:00:03 </dev/null >/dev/null 2>&1)
  gc=$(awk -F, '{v[$3]=$NF} END{mb=1048576; printf "%.1f %.1f %.1f %.1f %d", (v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen0]"]+v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen1]"]+v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen2]"]+v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=loh]"]+v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=poh]"])/mb, v["dotnet.gc.last_collection.memory.committed_size (By)"]/mb, v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen2]"]/mb, v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=loh]"]/mb, v["dotnet.timer.count ({timer})"]}' $T/c.csv 2>/dev/null)
  dbs=$(stat -c %s "$DB" 2>/dev/null || echo 0); wal=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
  lsz=$(stat -c %s "$LOG"); lines=$(wc -l <"$LOG"); d=$((lines-prev))
  warn=$(tail -n $d "$LOG" | grep -c '^warn'); err=$(tail -n $d "$LOG" | grep -c '^fail\|^crit'); prev=$lines
  now=$(date +%s%3N)
  q=$(timeout 20 sqlite3 -readonly -cmd ".timeout 5000" "$DB" "select group_concat(kind||':'||n||'/'||o||'/'||s, ' ') from (select kind, count(*) n, sum(due_at < $now-5000) o, coalesce(($now-min(case when due_at < $now then due_at end))/1000,0) s from scheduled_work group by kind); select (select count(*) from sessions)||' '||(select count(*) from work_log);" 2>&1 | tr '\n' ' ')
  hz=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT/healthz")
  printf "%s %s %s %s %s %.1f %.1f %s %s %s | %s| %s\n" "$(date +%H:%M:%S)" "$rss" "$thr" "$fds" "$gc" "$(echo "$dbs/1048576" | bc -l)" "$(echo "$wal/1048576" | bc -l)" "$((lsz/1024))" "$lines" "$d $warn $err" "$q" "$hz" >>"$OUT"
  sleep "$INT"
done
rm -rf $T
