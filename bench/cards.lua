-- wrk script for GET /api/v1/clients/{id}: random ids from $IDS (one per line), the
-- bearer token from $TOKEN. Used by bench/api.sh when wrk is installed.
local ids = {}
for line in io.lines(os.getenv("IDS")) do ids[#ids + 1] = line end
local auth = "Bearer " .. os.getenv("TOKEN")
math.randomseed(os.time())

request = function()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/api/v1/clients/" .. id, { ["Authorization"] = auth })
end

done = function(summary, latency, requests)
  io.write(string.format("wrk cards: %d ok in %.1fs: %.0f req/s; latency p50 %.2fms p99 %.2fms max %.2fms; non-2xx %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status))
end
