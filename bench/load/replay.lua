-- wrk script: replays requests signed before the run (bench/SignedRequests), round-robin, one file per thread.
--   wrk -t2 -c32 -d10s -s bench/load/replay.lua http://127.0.0.1:PORT/sms -- DIR [count]
-- Thread n reads DIR/requests-<n>.bin (wrk's -t must match the generator's --threads). Each request() is a table
-- lookup: the generator costs the same whatever the server, and nothing is hashed or formatted during the run.
-- With "count", response() also counts the replies that are not a TwiML <Message> (empty <Response/>: rate limited
-- or opted out), the fallbacks ("text again") and the non-200s; done() prints them with wrk's own figures. Counting
-- costs wrk a little CPU per response: bench/run-load.sh measures the bare endpoint with and without it.
-- done() prints one machine-readable RESULT line for bench/run-load.sh.

local next_thread = 0
local threads = {}
function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

local requests, count, index = {}, 0, 0
local laps = 0
empty, fallbacks, not_ok, wrapped = 0, 0, 0, 0

function init(args)
  local dir = args[1] or error("usage: wrk ... -s replay.lua URL -- DIR [count]")
  if args[2] == "count" then
    response = function(status, headers, body)
      if status ~= 200 then not_ok = not_ok + 1 end
      if not body or not body:find("<Message", 1, true) then empty = empty + 1 end
      if body and body:find("text again", 1, true) then fallbacks = fallbacks + 1 end
    end
  end
  local path = dir .. "/requests-" .. tostring(tonumber(_G.thread_id) or 0) .. ".bin"
  local file = assert(io.open(path, "rb"))
  local data = file:read("*a")
  file:close()
  local at, n = 1, #data
  while at <= n do
    local length = tonumber(data:sub(at, at + 7))
    count = count + 1
    requests[count] = data:sub(at + 8, at + 7 + length)
    at = at + 8 + length
  end
  if count == 0 then error(path .. " holds no request") end
end

function request()
  index = index + 1
  if index > count then
    index = 1
    wrapped = wrapped + 1
  end
  return requests[index]
end

function done(summary, latency, requests_done)
  local e, f, n, w = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    e = e + (thread:get("empty") or 0)
    f = f + (thread:get("fallbacks") or 0)
    n = n + (thread:get("not_ok") or 0)
    w = math.max(w, thread:get("wrapped") or 0)
  end
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.0f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d empty=%d fallback_replies=%d not200=%d wrapped=%d\n",
    summary.requests, summary.duration, summary.requests / summary.duration * 1e6,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    e, f, n, w))
end
