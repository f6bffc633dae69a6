-- wrk script for bench/run-senders.sh (through distinct-senders.lua): correctly signed Twilio SMS webhooks (POST /sms), signed in Lua.
--   wrk -t2 -c32 -d10s -s bench/load/twilio-sms.lua http://127.0.0.1:PORT/sms -- AUTH_TOKEN RUN_ID THREADS [unique]
-- With a fifth argument "unique", every request comes from a new sender (a first "Hi" each): for memory bounds.
-- AUTH_TOKEN signs the requests (the line's Twilio__AuthToken); RUN_ID (up to 8 characters) keeps MessageSids unique
-- across runs against the same database; THREADS is wrk's -t (default 2), so that the threads share out the senders.
-- The URL signed is the one wrk calls (scheme, host, port, path), so the line must see that Host.
-- Each sender walks through BODIES in order (one text every 1,000 requests), like a texter using the menu.
-- Before any request, every Lua state runs sha1.selfcheck() (Twilio's published vector among others) and exits on
-- a mismatch. done() prints one machine-readable RESULT line for bench/run-load.sh.

local script_dir = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./")
package.path = script_dir .. "?.lua;" .. package.path
local sha1 = require("sha1")

do
  local problem = sha1.selfcheck()
  if problem then
    io.stderr:write("twilio-sms.lua: HMAC-SHA1 self-check failed: ", problem, "\n")
    os.exit(2)
  end
end

local SENDERS = 1000
local ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef"
local LINE_NUMBER = "+16305551234"
-- Digits, MENU, BACK, keywords, topic words and one text the line does not understand; no STOP or FORGET, which
-- would opt the sender out or delete the session and make the rest of the run cheaper than real traffic.
local BODIES = {
  "Hi", "1", "2", "BACK", "3", "1", "MENU", "clinic", "2", "hiv test", "BACK", "4", "1", "0", "lawyer",
  "food", "5", "what is this", "HELP", "6", "2", "MENU", "safe", "7", "1", "BACK", "BACK", "shelter near me",
}

local function form_encode(s)
  return (s:gsub("[^%w%-%._~]", function(c)
    if c == " " then return "+" end
    return string.format("%%%02X", string.byte(c))
  end))
end

local token, run_id = "", "0"
local thread_id, threads, counter = 0, 1, 0
local url, sign
local encoded_bodies = {}
local senders, encoded_senders = {}, {}

-- The main Lua state numbers the threads. wrk runs setup() and init() for one thread and starts it before it sets up
-- the next, so setup() must touch only the thread it is given: writing into a running thread's Lua state from here
-- is a data race (it crashed wrk). The thread count comes as a script argument instead.
local next_thread = 0
function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end

local unique = false

function init(args)
  token = args[1] or error("usage: wrk ... -s twilio-sms.lua URL -- AUTH_TOKEN RUN_ID THREADS [unique]")
  unique = args[4] == "unique"
  -- 8 characters: with "SM", the thread and the counter, a MessageSid is 34 characters like Twilio's.
  run_id = string.sub(string.format("%08s", args[2] or "0"):gsub(" ", "0"), 1, 8)
  thread_id = tonumber(_G.thread_id) or 0
  threads = tonumber(args[3]) or 2
  url = wrk.scheme .. "://" .. wrk.host .. ((wrk.port and wrk.port ~= "") and (":" .. wrk.port) or "") .. wrk.path
  -- Everything the signing text has before Body is the same for every request: hashed once.
  sign = sha1.hmac(token, url .. "AccountSid" .. ACCOUNT_SID .. "ApiVersion2010-04-01")
  for i, body in ipairs(BODIES) do encoded_bodies[i] = form_encode(body) end
  for s = 0, SENDERS - 1 do
    senders[s] = string.format("+1630555%04d", s)
    encoded_senders[s] = form_encode(senders[s])
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  -- The request built by hand below must sign the same as Twilio's rule applied to the parsed fields.
  local _, signature, body, from, sid = build(0, 0)
  local fields = {
    ToCountry = "US", ToState = "IL", SmsMessageSid = sid, NumMedia = "0", ToCity = "WESTMONT", FromZip = "60559",
    SmsSid = sid, FromState = "IL", SmsStatus = "received", FromCity = "WESTMONT", Body = body,
    FromCountry = "US", To = LINE_NUMBER, ToZip = "60559", NumSegments = "1", MessageSid = sid,
    AccountSid = ACCOUNT_SID, From = from, ApiVersion = "2010-04-01",
  }
  if sha1.base64(sha1.hmac(token)(sha1.signing_text(url, fields))) ~= signature then
    io.stderr:write("twilio-sms.lua: the fast signing path disagrees with Twilio's rule\n")
    os.exit(2)
  end
end

-- The request for global index g (the thread's n-th): sender g % 1000, its (g // 1000)-th text.
function build(g, n)
  local s = g % SENDERS
  local body_index = math.floor(g / SENDERS) % #BODIES + 1
  local body, from = BODIES[body_index], senders[s]
  local encoded_from = encoded_senders[s]
  if unique then
    -- The run id keeps senders of two runs against one database apart.
    body_index = 1
    body = BODIES[1]
    from = string.format("+1%d%07d", 200 + tonumber(run_id, 36) % 700, g)
    encoded_from = form_encode(from)
  end
  local sid = "SM" .. run_id .. string.format("%02x%022x", thread_id, n)
  -- Keys in ordinal order, as Twilio signs them; URL, AccountSid and ApiVersion are hashed ahead (see init).
  local signature = sha1.base64(sign(
    "Body" .. body .. "From" .. from .. "FromCityWESTMONTFromCountryUSFromStateILFromZip60559"
    .. "MessageSid" .. sid .. "NumMedia0NumSegments1SmsMessageSid" .. sid .. "SmsSid" .. sid
    .. "SmsStatusreceivedTo" .. LINE_NUMBER .. "ToCityWESTMONTToCountryUSToStateILToZip60559"))
  -- Fields in the order Twilio sends them.
  local form = "ToCountry=US&ToState=IL&SmsMessageSid=" .. sid .. "&NumMedia=0&ToCity=WESTMONT&FromZip=60559"
    .. "&SmsSid=" .. sid .. "&FromState=IL&SmsStatus=received&FromCity=WESTMONT&Body=" .. encoded_bodies[body_index]
    .. "&FromCountry=US&To=%2B16305551234&ToZip=60559&NumSegments=1&MessageSid=" .. sid
    .. "&AccountSid=" .. ACCOUNT_SID .. "&From=" .. encoded_from .. "&ApiVersion=2010-04-01"
  return form, signature, body, from, sid
end

function request()
  local g = counter * threads + thread_id
  local form, signature = build(g, counter)
  counter = counter + 1
  wrk.headers["X-Twilio-Signature"] = signature
  return wrk.format(nil, nil, nil, form)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.0f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, summary.requests / summary.duration * 1e6,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout))
end
