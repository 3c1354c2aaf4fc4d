-- wrk script (one thread): stop after N responses (env N, default 1000) and print one machine-readable line.
local limit = tonumber(os.getenv("N") or "1000")
local count = 0
local bad = 0

response = function(status, headers, body)
  count = count + 1
  if status ~= 200 then bad = bad + 1 end
  if count == limit then
    wrk.thread:stop()
    -- wrk's main thread sleeps for the whole -d duration; SIGINT (from a shell whose parent is wrk) ends it now.
    os.execute("(sleep 0.1; kill -INT $PPID) &")
  end
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %.2f %.2f %.2f %d\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    bad + summary.errors.status))
end
