-- wrk script for POST /api/v1/sales: a new two-line document for a random client from
-- $IDS (one per line) each time, the bearer token from $TOKEN. Document ids carry the
-- thread, the run's start and a counter, so that every request is a new document (a
-- repeated id and version is a duplicate delivery, answered without writing).
local ids = {}
for line in io.lines(os.getenv("IDS")) do ids[#ids + 1] = line end
local auth = "Bearer " .. os.getenv("TOKEN")
local started = os.time()
local threads = 0

setup = function(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

init = function(args)
  math.randomseed(os.time() + (tid or 0))
end

local n = 0
request = function()
  n = n + 1
  local id = ids[math.random(#ids)]
  local doc = string.format("%08x-%04x-11f1-8000-%012x", n, tid or 0, started)
  local body = string.format(
    '{"client_id":"%s","document_id":"%s","document_type":"Document_РеализацияТоваровУслуг","date":"%s","posted":true,"version":%d,"lines":[{"amount":"1234.50","quantity":1},{"amount":"99.90","quantity":2}]}',
    id, doc, os.date("%Y-%m-%dT%H:%M:%S"), n)
  return wrk.format("POST", "/api/v1/sales", { ["Authorization"] = auth, ["Content-Type"] = "application/json" }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("wrk sales: %d answered in %.1fs: %.0f req/s; latency p50 %.2fms p99 %.2fms max %.2fms; non-2xx %d, timeouts %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.timeout))
end
