-- HMAC-SHA1 and base64 for LuaJIT (wrk's Lua), with the `bit` library: wrk has no crypto of its own.
-- sha1.selfcheck() checks it against Twilio's published signature vector and FIPS 180 / RFC 2202 vectors.
local bit = require("bit")
local band, bor, bxor, bnot = bit.band, bit.bor, bit.bxor, bit.bnot
local rol, lshift, rshift, tobit = bit.rol, bit.lshift, bit.rshift, bit.tobit
local byte, char, rep, sub, concat = string.byte, string.char, string.rep, string.sub, table.concat

local M = {}
-- The message schedule, reused (one Lua state per wrk thread). An FFI int32 array keeps the JIT on integers;
-- a plain table works too, three times slower.
local has_ffi, ffi = pcall(require, "ffi")
local w = has_ffi and ffi.new("int32_t[80]") or {}

-- One 64-byte block of s at offset i (1-based) into the state h[1..5].
local function compress(h, s, i)
  for j = 0, 15 do
    local a, b, c, d = byte(s, i + j * 4, i + j * 4 + 3)
    w[j] = bor(lshift(a, 24), lshift(b, 16), lshift(c, 8), d)
  end
  for j = 16, 79 do
    w[j] = rol(bxor(w[j - 3], w[j - 8], w[j - 14], w[j - 16]), 1)
  end
  local a, b, c, d, e = h[1], h[2], h[3], h[4], h[5]
  for j = 0, 19 do
    local t = tobit(rol(a, 5) + bxor(d, band(b, bxor(c, d))) + e + 0x5A827999 + w[j])
    e, d, c, b, a = d, c, rol(b, 30), a, t
  end
  for j = 20, 39 do
    local t = tobit(rol(a, 5) + bxor(b, c, d) + e + 0x6ED9EBA1 + w[j])
    e, d, c, b, a = d, c, rol(b, 30), a, t
  end
  for j = 40, 59 do
    -- 0x8F1BBCDC as a signed 32-bit number
    local t = tobit(rol(a, 5) + bor(band(b, c), band(d, bor(b, c))) + e - 0x70E44324 + w[j])
    e, d, c, b, a = d, c, rol(b, 30), a, t
  end
  for j = 60, 79 do
    -- 0xCA62C1D6 as a signed 32-bit number
    local t = tobit(rol(a, 5) + bxor(b, c, d) + e - 0x359D3E2A + w[j])
    e, d, c, b, a = d, c, rol(b, 30), a, t
  end
  h[1], h[2], h[3], h[4], h[5] = tobit(h[1] + a), tobit(h[2] + b), tobit(h[3] + c), tobit(h[4] + d), tobit(h[5] + e)
end

local function be32(x)
  return char(band(rshift(x, 24), 255), band(rshift(x, 16), 255), band(rshift(x, 8), 255), band(x, 255))
end

-- A hashing state: h after `done` bytes (a multiple of 64) have been compressed.
local function initial()
  return { h = { 0x67452301, -0x10325477, -0x67452302, 0x10325476, -0x3C2D1E10 }, done = 0 }
end

-- A new state that has absorbed the whole 64-byte blocks of `data` after `state`; the tail is returned.
local function absorb(state, data)
  local h = { state.h[1], state.h[2], state.h[3], state.h[4], state.h[5] }
  local whole = #data - #data % 64
  for i = 1, whole, 64 do compress(h, data, i) end
  return { h = h, done = state.done + whole }, sub(data, whole + 1)
end

-- Finishes the hash of everything absorbed into `state` followed by `tail`: 20 raw bytes.
local function finish(state, tail)
  local h = { state.h[1], state.h[2], state.h[3], state.h[4], state.h[5] }
  local bits = (state.done + #tail) * 8
  local padded = tail .. "\128" .. rep("\0", (55 - #tail) % 64) .. be32(math.floor(bits / 4294967296)) .. be32(bits % 4294967296)
  for i = 1, #padded, 64 do compress(h, padded, i) end
  return be32(h[1]) .. be32(h[2]) .. be32(h[3]) .. be32(h[4]) .. be32(h[5])
end

function M.sha1(data)
  local state, tail = absorb(initial(), data)
  return finish(state, tail)
end

-- A keyed HMAC-SHA1 whose inner and outer pads are hashed once. prefix (optional) is a constant start of every
-- message, hashed once as well: only the varying rest is hashed per message.
function M.hmac(key, prefix)
  if #key > 64 then key = M.sha1(key) end
  key = key .. rep("\0", 64 - #key)
  local ipad, opad = {}, {}
  for i = 1, 64 do
    local k = byte(key, i)
    ipad[i], opad[i] = char(bxor(k, 0x36)), char(bxor(k, 0x5c))
  end
  local inner0 = absorb(initial(), concat(ipad))
  local outer0 = absorb(initial(), concat(opad))
  local inner, head = absorb(inner0, prefix or "")
  return function(message)
    local state, tail = absorb(inner, head .. message)
    return finish(outer0, finish(state, tail))
  end
end

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local b64 = {}
for i = 1, 64 do b64[i - 1] = sub(alphabet, i, i) end

function M.base64(s)
  local out, n = {}, 0
  for i = 1, #s, 3 do
    local a, b, c = byte(s, i, i + 2)
    local v = a * 65536 + (b or 0) * 256 + (c or 0)
    n = n + 1
    out[n] = b64[rshift(v, 18)] .. b64[band(rshift(v, 12), 63)]
      .. (b and b64[band(rshift(v, 6), 63)] or "=") .. (c and b64[band(v, 63)] or "=")
  end
  return concat(out)
end

local function hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", byte(c)) end))
end

-- Twilio's signing text: the URL, then every key and its value, keys sorted (one value per key here).
function M.signing_text(url, fields)
  local keys = {}
  for k in pairs(fields) do keys[#keys + 1] = k end
  table.sort(keys)
  local parts = { url }
  for _, k in ipairs(keys) do parts[#parts + 1] = k .. fields[k] end
  return concat(parts)
end

-- Returns nil when every vector matches, else a description of the first mismatch.
function M.selfcheck()
  local checks = {
    { "sha1('abc')", hex(M.sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d" },
    { "sha1('')", hex(M.sha1("")), "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
    { "sha1(56 bytes)", hex(M.sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
      "84983e441c3bd26ebaae4aa1f95129e5e54670f1" },
    { "sha1(a x 1000)", hex(M.sha1(rep("a", 1000))), "291e9a6c66994949b57ba5e650361e98fc36b1ba" },
    { "RFC 2202 case 2", hex(M.hmac("Jefe")("what do ya want for nothing?")),
      "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79" },
    { "RFC 2202 case 6", hex(M.hmac(rep("\170", 80))("Test Using Larger Than Block-Size Key - Hash Key First")),
      "aa4ae5e15272d00e95705637ce8a3b55ed402112" },
  }
  local url = "https://mycompany.com/myapp.php?foo=1&bar=2"
  local fields = { CallSid = "CA1234567890ABCDE", Caller = "+14158675309", Digits = "1234",
    From = "+14158675309", To = "+18005551212" }
  local text = M.signing_text(url, fields)
  checks[#checks + 1] = { "Twilio vector", M.base64(M.hmac("12345")(text)), "RSOYDt4T1cUTdK1PDd93/VVr8B8=" }
  -- The same vector with the URL and the first field hashed ahead, as the load script does.
  local prefix = url .. "CallSidCA1234567890ABCDE"
  checks[#checks + 1] = { "Twilio vector, prefix hashed ahead",
    M.base64(M.hmac("12345", prefix)(sub(text, #prefix + 1))), "RSOYDt4T1cUTdK1PDd93/VVr8B8=" }
  local port = M.signing_text("https://mycompany.com:443/myapp.php?foo=1&bar=2", fields)
  checks[#checks + 1] = { "Twilio vector with :443", M.base64(M.hmac("12345")(port)), "kvajT1Ptam85bY51eRf/AJRuM3w=" }
  for _, c in ipairs(checks) do
    if c[2] ~= c[3] then return c[1] .. ": got " .. c[2] .. ", expected " .. c[3] end
  end
  return nil
end

return M
