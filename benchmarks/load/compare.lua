-- wrk script for compare.sh. Arguments: <path> <create|get>.
-- create: POST a new secret name per request, as one DID per thread; get: GET as did:plc:lister.
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  path = args[1]
  mode = args[2]
  if mode == "create" then
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    math.randomseed(os.time() + id)
    wrk.headers["Authorization"] = "DevDid did:plc:bench" .. id .. "x" .. math.random(1, 1000000000)
  else
    wrk.method = "GET"
    wrk.headers["Authorization"] = "DevDid did:plc:lister"
  end
end

function request()
  if mode == "create" then
    counter = counter + 1
    return wrk.format(nil, path, nil, '{"name":"n' .. counter .. '"}')
  end
  return wrk.format(nil, path)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d non2xx=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, summary.errors.status, latency:percentile(50), latency:percentile(99)))
end
