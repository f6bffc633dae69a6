-- wrk script: the cheapest possible generator, for comparison only. The first request of a file written by
-- bench/SignedRequests, sent again and again as wrk's static request: no Lua runs per request.
--   wrk -t2 -c32 -d10s -s bench/load/static.lua http://127.0.0.1:PORT/sms -- DIR
-- Only for a server that ignores what it is sent (the bare endpoint): the line would answer every repeat of one
-- MessageSid from its record.
local function first_request(dir)
  local file = assert(io.open(dir .. "/requests-0.bin", "rb"))
  local length = tonumber(file:read(8))
  local raw = file:read(length)
  file:close()
  return raw
end

-- wrk formats its static request once, after init.
function init(args)
  local raw = first_request(args[1] or error("usage: wrk ... -s static.lua URL -- DIR"))
  local head, body = raw:match("^(.-)\r\n\r\n(.*)$")
  local method, path = head:match("^(%S+) (%S+)")
  wrk.method, wrk.path, wrk.body = method, path, body
  for name, value in head:gmatch("\r\n([^:\r\n]+): ([^\r\n]*)") do
    if name ~= "Content-Length" then wrk.headers[name] = value end
  end
end

function done(summary, latency, requests)
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.0f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, summary.requests / summary.duration * 1e6,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
