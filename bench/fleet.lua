-- wrk script for bench/fleet.sh: every request is a random phone's fetch.
--
--   [FLEET_PAUSE_MS=N] wrk ... -s bench/fleet.lua URL -- LIST [MIN-SIZE MAX-SIZE]
--
-- LIST: one phone a line, "<token> <mac, 12 hex digits>" (bench/fleet.py
-- create). Each request is GET /p/<token>/<mac>.cfg of a phone drawn at
-- random, with that phone's Yealink User-Agent, plus the headers given to
-- wrk with -H (e.g. 'Connection: close'). The URL's path is not used (a
-- server that ignores paths, like bench/soup-ceiling, answers all the same).
--
-- Every response is checked here, not only by wrk (which counts statuses
-- of 400 and above only): one whose status is not 200, or, with MIN-SIZE and
-- MAX-SIZE, whose body length is outside them, counts as bad. At the end it
-- prints one line:
--   fleet.lua: <responses> responses, <bad> bad (statuses: <status>x<count> ...; <n> wrong size)
-- and a run with a bad response is void.

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

local requests = {}
local n_phones = 0
local min_size, max_size

-- Counted per thread, read by done() through thread:get().
responses = 0
bad = 0
wrong_size = 0
by_status = {}    -- status → count, of the non-200 ones

function init(args)
  local list = args[1]
  if list == nil then
    error("fleet.lua: no phone list (wrk ... URL -- LIST)")
  end
  min_size = tonumber(args[2])
  max_size = tonumber(args[3])
  for line in io.lines(list) do
    local token, mac = line:match("^(%S+)%s+(%x+)$")
    if token then
      local ua = "Yealink SIP-T54W 96.86.0.100 " ..
        mac:lower():gsub("(%x%x)", "%1:"):sub(1, 17)
      local headers = {}
      for k, v in pairs(wrk.headers) do headers[k] = v end
      headers["User-Agent"] = ua
      n_phones = n_phones + 1
      requests[n_phones] = wrk.format("GET", "/p/" .. token .. "/" .. mac .. ".cfg", headers)
    end
  end
  if n_phones == 0 then
    error("fleet.lua: no phone in " .. list)
  end
  math.randomseed(os.time() * 1000 + (id or 0) * 7919)
end

-- FLEET_PAUSE_MS in the environment: each connection pauses that long
-- after each answer before it asks again (wrk's delay()), so the phones ask
-- at a steady rate instead of as fast as the server answers; the pause is
-- not in the latency wrk measures.
local pause_ms = tonumber(os.getenv("FLEET_PAUSE_MS") or "")

if pause_ms ~= nil and pause_ms > 0 then
  function delay()
    return pause_ms
  end
end

function request()
  return requests[math.random(n_phones)]
end

function response(status, headers, body)
  responses = responses + 1
  if status ~= 200 then
    bad = bad + 1
    by_status[status] = (by_status[status] or 0) + 1
  elseif min_size and (#body < min_size or #body > max_size) then
    bad = bad + 1
    wrong_size = wrong_size + 1
  end
end

function done(summary, latency, requests)
  local total, total_bad, total_size = 0, 0, 0
  local counts, parts = {}, {}
  for _, t in ipairs(threads) do
    total = total + t:get("responses")
    total_bad = total_bad + t:get("bad")
    total_size = total_size + t:get("wrong_size")
    for s, n in pairs(t:get("by_status")) do counts[s] = (counts[s] or 0) + n end
  end
  for s, n in pairs(counts) do parts[#parts + 1] = s .. "x" .. n end
  table.sort(parts)
  io.write(string.format("fleet.lua: %d responses, %d bad (statuses: %s; %d wrong size)\n",
                         total, total_bad, #parts > 0 and table.concat(parts, " ") or "-",
                         total_size))
end
