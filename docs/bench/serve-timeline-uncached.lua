-- wrk script for docs/bench/serve.md: every request a different dyad
-- and window start, so the response cache cannot answer it (the query
-- runs every time); prints percentiles like serve-p95.lua.
local countries = {"USA", "ISR", "RUS", "CHN", "UKR", "IRN", "PSE", "EGY", "GBR", "FRA",
  "DEU", "TUR", "SAU", "SYR", "IRQ", "JOR", "LBN", "IND", "PAK", "AFG"}
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
local n = 0
function init(args)
  n = (id or 0) * 36500
end
function request()
  n = n + 1
  local k = math.floor(n / 3650)
  local a = countries[(k % #countries) + 1]
  local b = countries[((k + 5) % #countries) + 1]
  local from = os.date("!%Y-%m-%d", 1420070400 + (n % 3650) * 86400)
  return wrk.format("GET", "/api/v1/timeline?source=" .. a .. "&target=" .. b .. "&from=" .. from)
end
dofile("docs/bench/serve-p95.lua")
