-- wrk script of the API benchmark (backend/bench/api_bench.py): authenticated requests, each wrk
-- thread signing its requests with its own share of the bench users' tokens, in turn, so that no
-- two threads write as the same user.
--
-- wrk ... -s api_bench.lua URL -- METHOD PATH TOKENS_FILE THREADS [BODY]
--   TOKENS_FILE  one bearer token a line
--   THREADS      wrk's -t (each thread takes every THREADS-th token)
--   BODY         a JSON request body; "%d" in it becomes a number unique to the request
-- done() prints one line, "api-bench-result " and a JSON object: requests, duration, latency
-- percentiles in microseconds and wrk's error counts (status: responses >= 400).

local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  method = args[1]
  path = args[2]
  local threads = tonumber(args[4])
  body_template = args[5]
  local all = {}
  for line in io.lines(args[3]) do
    if #line > 0 then all[#all + 1] = line end
  end
  tokens = {}
  for i = id + 1, #all, threads do tokens[#tokens + 1] = "Bearer " .. all[i] end
  if #tokens == 0 then tokens[1] = "Bearer " .. all[(id % #all) + 1] end
  turn = 0
  sent = 0
end

function request()
  turn = turn % #tokens + 1
  sent = sent + 1
  local headers = {["Authorization"] = tokens[turn]}
  local body = nil
  if body_template ~= nil and #body_template > 0 then
    headers["Content-Type"] = "application/json"
    body = string.format(body_template, id * 100000000 + sent)
  end
  return wrk.format(method, path, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'api-bench-result {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%.1f,"p90_us":%.1f,' ..
    '"p95_us":%.1f,"p99_us":%.1f,"max_us":%.1f,"mean_us":%.1f,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
