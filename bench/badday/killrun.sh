#!/usr/bin/env bash
# killrun.sh DIR DELAY [settings...]: a fresh line in DIR (start-line.sh), 16 walkers through the menu (killload.py,
# each sender naming a BUDDY at step 7, which the outbox texts), kill -9 after DELAY seconds, the line started again on
# the same store, then killcheck.py (a Twilio retry of each last answered text and of each text in flight gets its
# answer; each sender's next step gets the answer a fresh sender gets there) and, after OUTBOX_WAIT (8) seconds, the
# outbox's sends in the fake provider's log (PROVIDER_LOG, which it empties first): every BUDDY answered before the kill
# texted once, none twice. Needs bench/soak/fake-twilio.py listening on FAKE_PORT, writing PROVIDER_LOG. Stops the restarted line at the end. Every run
# uses the same numbers: on Redis, start from an empty one (a contact already asked today is not asked again).
set -uo pipefail
[ $# -ge 2 ] || { echo "usage: PROVIDER_LOG=/tmp/x/provider.log bench/badday/killrun.sh DIR DELAY [Name__Setting=value ...]"; exit 0; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd); DIR=$1; DELAY=$2; shift 2
: "${PROVIDER_LOG:?set PROVIDER_LOG to the log bench/soak/fake-twilio.py writes}"
rm -rf "$DIR"; mkdir -p "$DIR"
: >"$PROVIDER_LOG"
"$HERE/start-line.sh" "$DIR" "$@" || exit 1
trap 'P=$(cat "$DIR/line.pid"); kill -TERM "$P" 2>/dev/null; for _ in $(seq 1 100); do kill -0 "$P" 2>/dev/null || break; sleep 0.1; done' EXIT
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$HERE/killload.py" "$DIR/load.jsonl" 16 60 & LOAD=$!
sleep "$DELAY"; kill -9 "$(cat "$DIR/line.pid")"; echo "kill -9 at $(date -u +%T.%N)"
wait $LOAD
sleep 0.5
"$HERE/start-line.sh" "$DIR" "$@" || exit 1
python3 "$HERE/killcheck.py" "$DIR/load.jsonl"
sleep "${OUTBOX_WAIT:-8}"
python3 - "$DIR/load.jsonl" "$PROVIDER_LOG" <<'PY'
import json, sys, collections
recs = [json.loads(l) for l in open(sys.argv[1])]
# fake-twilio.py's lines: time kind sid to label length
posts = collections.Counter(f[3] for f in map(str.split, open(sys.argv[2])) if len(f) > 3 and f[1] == 'send')
asked = {r['body'].split()[1] for r in recs if r['body'].startswith('BUDDY') and r['status'] == 200 and 'text again' not in r['reply']}
inflight = {r['body'].split()[1] for r in recs if r['body'].startswith('BUDDY') and r['status'] != 200}
twice = {k: v for k, v in posts.items() if v > 1}
missing = asked - set(posts)
print(f"outbox: {len(asked)} BUDDY answered before the kill, {len(inflight)} in flight; requests sent {sum(posts.values())} "
      f"to {len(posts)} numbers; sent twice: {twice}; answered but never sent: {len(missing)} {sorted(missing)[:10]}")
PY
