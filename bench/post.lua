-- wrk script: a chat completion POST carrying SpendOps' headers (ignored by the direct, nginx and YARP targets).
wrk.method = "POST"
wrk.body = '{"model":"gpt-4.1","messages":[{"role":"user","content":"Hello"}],"stream":' .. (os.getenv("BENCH_STREAM") or "false") .. '}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sk-bench"
wrk.headers["X-ASO-API-Key"] = os.getenv("BENCH_KEY") or ""
wrk.headers["X-ASO-Dims"] = "team=bench,app=wrk"
-- Portkey's gateway takes the provider and its base URL from headers; set only for that target.
if os.getenv("BENCH_PORTKEY_HOST") then
  wrk.headers["x-portkey-provider"] = "openai"
  wrk.headers["x-portkey-custom-host"] = os.getenv("BENCH_PORTKEY_HOST")
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_us=%d p90_us=%d p99_us=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(90), latency:percentile(99),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
