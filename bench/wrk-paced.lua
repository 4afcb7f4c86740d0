-- A precisely paced peer for bench/load-runner.mjs, for the wrk that Debian
-- packages (wrk2 is not packaged). Run with one thread and one connection:
--   RATE=2000 wrk -t1 -c1 -d10s -s bench/wrk-paced.lua http://127.0.0.1:PORT
-- Request k is due at start + k/RATE. wrk's delay() holds each request until
-- its slot (rounded up to wrk's 1 ms timer, never early), and its latency is
-- taken from the slot, not from when it was sent, so a slow response that
-- delays the next request is counted against it (no coordinated omission),
-- as wrk2 does. Prints one line: PACED n=… p50=… p90=… p99=… p999=… max=… (ms).
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } rg_timespec;
int clock_gettime(int clk, rg_timespec *ts);
]]
local ts = ffi.new("rg_timespec")
local CLOCK_MONOTONIC = 1
local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local rate = tonumber(os.getenv("RATE") or "2000")
local start, k, slot = nil, 0, 0
-- Global, so that done() in wrk's main Lua state can fetch it from the thread.
latencies = {}

function delay()
  local t = now_ms()
  if not start then start = t end
  slot = start + k * 1000 / rate
  k = k + 1
  local wait = slot - t
  if wait <= 0 then return 0 end
  return math.ceil(wait)
end

function response(status, headers, body)
  latencies[#latencies + 1] = now_ms() - slot
end

local threads = {}
function setup(thread) threads[#threads + 1] = thread end

function done(summary, latency, requests)
  local lat = threads[1]:get("latencies")
  table.sort(lat)
  local n = #lat
  local function p(q) return lat[math.max(1, math.ceil(q * n))] end
  io.write(string.format("PACED n=%d p50=%.3f p90=%.3f p99=%.3f p999=%.3f max=%.3f\n", n, p(0.5), p(0.9), p(0.99), p(0.999), lat[n]))
end
