-- wrk script: an independent check of `bench`. Prints every status with its count when done.
--
--   wrk -t2 -c32 -d30s -s bench/wrk/bench.lua http://127.0.0.1:8080 -- orders SESSION_ID
--     POST /api/v1/orders as `bench steady`/`rush` send it: a new buyer per request (a distinct valid
--     ID number) with a fresh Idempotency-Key. SESSION_ID from `java -jar bench/target/bench.jar session`.
--   wrk -t1 -c16 -d30s -s bench/wrk/bench.lua http://127.0.0.1:8080/api/v1/ticket-types
--     the URL as given (the trivial GET of `bench gateway`).

local threads = {}
local next_thread = 0

function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

local weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
local checks = "10X98765432"
local session
local first_birth
local n = 0
statuses = {}

function init(args)
  math.randomseed(os.time() * 1000 + tid)
  if args[1] == "orders" then
    session = assert(tonumber(args[2]), "usage: -- orders SESSION_ID")
    -- Each thread has its own 1,000 days of birth dates (1,000 buyers a day) after a random start in
    -- the 1950s, as bench's IdNumbers does: no two buyers of a run share an ID number.
    first_birth = os.time({year = 1950 + math.random(0, 9), month = 1, day = 1, hour = 12}) + tid * 1000 * 86400
  end
end

-- Region 110105, birth date, sequence, then the ISO 7064 MOD 11-2 check character.
local function id_number(i)
  local birth = os.date("!%Y%m%d", first_birth + math.floor(i / 1000) * 86400)
  local body = "110105" .. birth .. string.format("%03d", i % 1000)
  local sum = 0
  for k = 1, 17 do
    sum = sum + (string.byte(body, k) - 48) * weights[k]
  end
  local c = sum % 11 + 1
  return body .. string.sub(checks, c, c)
end

local function idempotency_key()
  return string.format("%08x-%04x-4%03x-%04x-%04x%04x%04x", tid * 65536 + math.random(0, 65535),
    math.random(0, 65535), math.random(0, 4095), math.random(32768, 49151),
    math.random(0, 65535), math.random(0, 65535), math.random(0, 65535))
end

function request()
  if not session then
    return wrk.format()
  end
  n = n + 1
  local body = '{"sessionId":' .. session .. ',"contactPhone":"13800138000","visitors":[{"name":"游客",'
    .. '"idType":"ID_CARD","idNo":"' .. id_number(n) .. '","ticketType":"ADULT"}]}'
  return wrk.format("POST", "/api/v1/orders",
    {["Content-Type"] = "application/json", ["Idempotency-Key"] = idempotency_key()}, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("%d requests in %.1f s = %.0f/s; p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  for status, count in pairs(total) do
    io.write(string.format("  status %d: %d (%.0f/s)\n", status, count, count / seconds))
  end
  io.write(string.format("  socket errors: connect %d, read %d, write %d, timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
