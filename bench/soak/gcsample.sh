#!/bin/bash
# gcsample.sh PID OUT [INTERVAL]: every INTERVAL s, a 3 s dotnet-counters collect; one line of GC sizes (MB)
PID=$1 OUT=$2 INT=${3:-60}; T=$(mktemp -d)
echo "time committed gen0 gen1 gen2 loh poh frag_loh working_set timers assemblies" >>"$OUT"
cd "$T"
while kill -0 "$PID" 2>/dev/null; do
  rm -f c.csv
  timeout 40 dotnet-counters collect -p "$PID" --refresh-interval 2 --format csv -o "$T/c.csv" --counters System.Runtime --duration 00:00:03 </dev/null >/dev/null 2>&1
  if [ -f c.csv ]; then
    awk -F, -v t="$(date +%H:%M:%S)" '
      {v[$3]=$NF}
      END{mb=1048576; printf "%s %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %d %d\n", t,
        v["dotnet.gc.last_collection.memory.committed_size (By)"]/mb,
        v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen0]"]/mb,
        v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen1]"]/mb,
        v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen2]"]/mb,
        v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=loh]"]/mb,
        v["dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=poh]"]/mb,
        v["dotnet.gc.last_collection.heap.fragmentation.size (By)[gc.heap.generation=loh]"]/mb,
        v["dotnet.process.memory.working_set (By)"]/mb,
        v["dotnet.timer.count ({timer})"], v["dotnet.assembly.count ({assembly})"]}' c.csv >>"$OUT"
  fi
  sleep "$INT"
done
rm -rf "$T"
