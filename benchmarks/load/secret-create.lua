-- wrk script: POST place.wisp.v2.secret.create with a unique name per request, as one DID per wrk thread.
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "DevDid did:plc:bench" .. id .. os.time()
end

function request()
  counter = counter + 1
  return wrk.format(nil, "/xrpc/place.wisp.v2.secret.create", nil, '{"name":"n' .. counter .. '"}')
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("RESULT requests=%d duration_us=%d non2xx=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, non2xx, latency:percentile(50), latency:percentile(99)))
end
