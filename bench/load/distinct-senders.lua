-- wrk script: twilio-sms.lua with every request from a new sender, counting fallback replies ("text again") and
-- non-200 answers per thread; done() adds them to the RESULT line. For bench/run-senders.sh.
--   wrk ... -s bench/load/distinct-senders.lua URL -- AUTH_TOKEN RUN_ID THREADS
local script_dir = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./")
dofile(script_dir .. "twilio-sms.lua")

local base_init = init
fallbacks, not_ok = 0, 0

function init(args)
  base_init({ args[1], args[2], args[3], "unique" })
end

function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
  if body and body:find("text again", 1, true) then fallbacks = fallbacks + 1 end
end

local threads_seen = {}
local base_setup = setup
function setup(thread)
  base_setup(thread)
  table.insert(threads_seen, thread)
end

local base_done = done
function done(summary, latency, requests)
  local f, n = 0, 0
  for _, thread in ipairs(threads_seen) do
    f = f + (thread:get("fallbacks") or 0)
    n = n + (thread:get("not_ok") or 0)
  end
  io.write(string.format("COUNTS fallbacks=%d not200=%d\n", f, n))
  base_done(summary, latency, requests)
end
