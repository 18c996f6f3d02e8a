-- wrk script of the catalog benchmark: sends GET requests for the paths of one phase, round robin, and at the
-- end prints one line with the figures, which run-catalog-benchmark.sh turns into its table:
--
--   wrk -t2 -c50 -d20s -s catalog.lua http://127.0.0.1:8181 -- QUERIES_FILE PHASE
--
-- QUERIES_FILE has one "phase<TAB>path" per line (CatalogSeeder.java writes it). Every thread counts the
-- status codes it gets, so that errors (4xx, 5xx) show up in the result line and are not hidden in the
-- latencies.

local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

function init(args)
   local file, phase = args[1], args[2]
   paths = {}
   for line in io.lines(file) do
      local p, path = line:match("^([^\t]+)\t(.+)$")
      if p == phase then
         table.insert(paths, path)
      end
   end
   if #paths == 0 then
      error("no paths for phase '" .. tostring(phase) .. "' in " .. tostring(file))
   end
   -- the threads start at different paths
   counter = (id * 7) % #paths
   ok = 0
   client_errors = 0
   server_errors = 0
   other = 0
end

function request()
   counter = counter + 1
   if counter > #paths then
      counter = 1
   end
   return wrk.format("GET", paths[counter], { ["Accept"] = "application/json" })
end

function response(status, headers, body)
   if status >= 200 and status < 300 then
      ok = ok + 1
   elseif status >= 500 then
      server_errors = server_errors + 1
   elseif status >= 400 then
      client_errors = client_errors + 1
   else
      other = other + 1
   end
end

function done(summary, latency, requests)
   local ok_total, c4, c5, oth = 0, 0, 0, 0
   for _, thread in ipairs(threads) do
      ok_total = ok_total + (thread:get("ok") or 0)
      c4 = c4 + (thread:get("client_errors") or 0)
      c5 = c5 + (thread:get("server_errors") or 0)
      oth = oth + (thread:get("other") or 0)
   end
   local seconds = summary.duration / 1e6
   local e = summary.errors
   -- latencies are in microseconds; printed in milliseconds
   io.write(string.format(
      "RESULT requests=%d seconds=%.2f rps=%.1f p50=%.2f p90=%.2f p99=%.2f max=%.2f mean=%.2f "
         .. "ok=%d status4xx=%d status5xx=%d other=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, latency.mean / 1000,
      ok_total, c4, c5, oth, e.connect, e.read, e.write, e.timeout))
end
