#!/bin/bash
# sample.sh PID DB PORT OUT [INTERVAL]: one line every INTERVAL s: RSS, threads, fds, db/wal sizes, freelist, row counts, healthz
PID=$1 DB=$2 PORT=$3 OUT=$4 INT=${5:-30}
echo "time rss_kb threads fds db_bytes wal_bytes shm_bytes page_count freelist session_log sessions work_log scheduled_work private_records usage healthz" >>"$OUT"
while kill -0 "$PID" 2>/dev/null; do
  rss=$(awk '/VmRSS/{print $2}' /proc/$PID/status)
  thr=$(awk '/Threads/{print $2}' /proc/$PID/status)
  fds=$(ls /proc/$PID/fd 2>/dev/null | wc -l)
  dbs=$(stat -c %s "$DB" 2>/dev/null || echo 0); wal=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0); shm=$(stat -c %s "$DB-shm" 2>/dev/null || echo 0)
  q=$(timeout 20 sqlite3 -readonly -cmd ".timeout 5000" "$DB" "select (select * from pragma_page_count), (select * from pragma_freelist_count), (select count(*) from session_log), (select count(*) from sessions), (select count(*) from work_log), (select count(*) from scheduled_work), (select count(*) from private_records), (select count(*) from usage);" 2>&1 | tail -1 | tr '|' ' ')
  hz=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT/healthz")
  echo "$(date +%H:%M:%S) $rss $thr $fds $dbs $wal $shm $q $hz" >>"$OUT"
  sleep "$INT"
done
