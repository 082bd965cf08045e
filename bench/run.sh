#!/usr/bin/env bash
# Load benchmark of the SpendOps proxy, usage capture on, against a direct call to the same fake provider and
# against a plain nginx proxy_pass hop, all in one run. Prints (and writes to bench/results/latest.md):
# requests/s, added latency p50/p99, streaming first-event delay and the proxy's peak memory.
#
# Placement on the 2-core machine: the load generator (wrk) and the fake provider share core 0; the proxy under test
# (the nginx hop, SpendOps, the bare YARP forwarder, one at a time) runs alone on core 1.
#
# Both .NET proxies are measured warm, as a server that has been up for a while: they first serve WARMUP seconds
# (default 40) at one connection, which leaves the CPU room for tiered compilation to finish (on a saturated single
# core it starves, and a 15 s run would measure code that is still being compiled), then 5 s at full load.
#
# Needs: nginx and wrk (apt-get install -y nginx wrk), the .NET SDK. Usage: bench/run.sh [seconds per run]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${1:-15}
WARMUP=${WARMUP:-40}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
UP=18081 HOP=18082 PROXY=18083
WORK=$(mktemp -d /tmp/spendops-bench.XXXXXX)
mkdir -p "$ROOT/bench/results"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

for tool in nginx wrk taskset; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install -y nginx wrk)" >&2; exit 1; }
done

echo "bench: publishing SpendOps and the bare YARP forwarder (Release)"
dotnet publish SpendOps.Web/SpendOps.Web.csproj -c Release -o "$WORK/app" --nologo -v quiet >/dev/null
dotnet publish bench/YarpBaseline/YarpBaseline.csproj -c Release -o "$WORK/yarp" --nologo -v quiet >/dev/null

# The fake provider answers with the repository's OpenAI fixtures, byte for byte.
JSON=$(tr -d '\n' < SpendOps.Tests/Fixtures/providers/openai-chat.json | sed 's/  */ /g')
SSE=$(cat SpendOps.Tests/Fixtures/providers/openai-chat.sse)
mkdir -p "$WORK/nginx"
python3 - "$WORK" "$UP" "$HOP" "$JSON" "$SSE" <<'PY'
import sys
work, up, hop, json, sse = sys.argv[1:]
for name in ("provider", "hop"):
    t = open(f"bench/nginx-{name}.conf.template").read()
    t = t.replace("__DIR__", work + "/nginx").replace("__UP__", up).replace("__HOP__", hop)
    t = t.replace("__JSON__", json).replace("__SSE__", sse + "\n")
    open(f"{work}/nginx-{name}.conf", "w").write(t)
PY
taskset -c 0 nginx -c "$WORK/nginx-provider.conf" -p "$WORK/nginx" &
PIDS+=($!)
taskset -c 1 nginx -c "$WORK/nginx-hop.conf" -p "$WORK/nginx" &
PIDS+=($!)

export ASPNETCORE_ENVIRONMENT=Production
export Urls="http://127.0.0.1:$PROXY"
export Database__Provider=Sqlite ConnectionStrings__SpendOps="Data Source=$WORK/spendops.db"
export Usage__SpillDirectory="$WORK/spill" Bootstrap__AdminPassword="Bench-Password-1"
export Logging__LogLevel__Default=Warning
for p in openai; do export "Proxy__Providers__${p}__BaseUrl=http://127.0.0.1:$UP"; done
(cd "$WORK/app" && exec taskset -c 1 dotnet SpendOps.Web.dll >"$WORK/proxy.log" 2>&1) &
PIDS+=($!)
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PROXY/healthz" >/dev/null && break; sleep 0.2; done
PROXY_PID=${PIDS[-1]}
export BENCH_KEY=$(cd "$WORK/app" && dotnet SpendOps.Web.dll keys create --tenant default --name bench --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')

run() { # name url connections seconds [stream]
  BENCH_STREAM=${5:-false} taskset -c 0 wrk -t1 -c"$3" -d"$4"s -s bench/post.lua "$2" | grep RESULT | sed "s/^RESULT/$1/"
}
DIRECT="http://127.0.0.1:$UP/v1/chat/completions"
VIA_NGINX="http://127.0.0.1:$HOP/v1/chat/completions"
VIA_SPENDOPS="http://127.0.0.1:$PROXY/v1/openai/v1/chat/completions"

warm() { # url
  run warmup "$1" 1 "$WARMUP" >/dev/null
  run warmup "$1" "$CONNECTIONS" 5 >/dev/null
  run warmup "$1?bench_stream=1" 1 3 true >/dev/null
  sleep 5 # the usage writer catches up before anything else is measured on its core
}
echo "bench: warming up SpendOps (${WARMUP}s)"
warm "$VIA_SPENDOPS"

echo "bench: throughput ($CONNECTIONS connections, ${DURATION}s each)"
T_DIRECT=$(run direct "$DIRECT" "$CONNECTIONS" "$DURATION")
T_NGINX=$(run nginx "$VIA_NGINX" "$CONNECTIONS" "$DURATION")
T_SPENDOPS=$(run spendops "$VIA_SPENDOPS" "$CONNECTIONS" "$DURATION")
echo "bench: latency (1 connection)"
L_DIRECT=$(run direct "$DIRECT" 1 "$DURATION")
L_SPENDOPS=$(run spendops "$VIA_SPENDOPS" 1 "$DURATION")
S_DIRECT=$(run direct-stream "$DIRECT?bench_stream=1" 1 "$DURATION" true)
S_SPENDOPS=$(run spendops-stream "$VIA_SPENDOPS?bench_stream=1" 1 "$DURATION" true)

PEAK_KB=$(awk '/VmHWM/ {print $2}' "/proc/$PROXY_PID/status")
sleep 2
RECORDS=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from UsageRecords').fetchone()[0])" "$WORK/spendops.db")
kill "$PROXY_PID"; wait "$PROXY_PID" 2>/dev/null || true

# The same machine slot for the smallest possible forwarder on the same stack: what Kestrel + YARP cost alone.
YARP_PORT=18084
(cd "$WORK/yarp" && exec taskset -c 1 dotnet YarpBaseline.dll "http://127.0.0.1:$UP" "http://127.0.0.1:$YARP_PORT" >"$WORK/yarp.log" 2>&1) &
PIDS+=($!)
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$YARP_PORT/v1/openai/v1/chat/completions" && break; sleep 0.2; done
VIA_YARP="http://127.0.0.1:$YARP_PORT/v1/openai/v1/chat/completions"
echo "bench: warming up the bare YARP forwarder (${WARMUP}s)"
warm "$VIA_YARP"
T_YARP=$(run yarp "$VIA_YARP" "$CONNECTIONS" "$DURATION")
L_YARP=$(run yarp "$VIA_YARP" 1 "$DURATION")

python3 - "$T_DIRECT" "$T_NGINX" "$T_SPENDOPS" "$L_DIRECT" "$L_SPENDOPS" "$S_DIRECT" "$S_SPENDOPS" "$PEAK_KB" "$RECORDS" "$CONNECTIONS" "$DURATION" "$T_YARP" "$L_YARP" "$WARMUP" <<'PY' | tee bench/results/latest.md
import sys, re, datetime, platform
def parse(line):
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}
td, tn, ts, ld, ls, sd, ss = (parse(a) for a in sys.argv[1:8])
peak_mb, records, conns, dur, warmup = int(sys.argv[8]) / 1024, sys.argv[9], sys.argv[10], sys.argv[11], sys.argv[14]
ty, ly = parse(sys.argv[12]), parse(sys.argv[13])
ratio = ts["rps"] / tn["rps"]
add50 = (ls["p50_us"] - ld["p50_us"]) / 1000
add99 = (ls["p99_us"] - ld["p99_us"]) / 1000
first = (ss["p50_us"] - sd["p50_us"]) / 1000
def check(ok): return "yes" if ok else "**no**"
print(f"# SpendOps proxy benchmark, {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC\n")
print(f"Machine: {platform.machine()}, wrk + fake provider on core 0, the proxy under test (nginx hop, SpendOps, bare YARP) alone on core 1; {conns} connections for throughput, 1 for latency, {dur} s per run; the .NET proxies measured warm ({warmup} s warm-up). Usage capture on.\n")
print("| target | requests/s | p50 ms | p99 ms | errors |")
print("|---|---|---|---|---|")
for name, r in (("direct to fake provider", td), ("nginx proxy_pass hop", tn), ("bare YARP forwarder (reference)", ty), ("SpendOps proxy", ts)):
    print(f"| {name} ({conns} conn) | {r['rps']:.0f} | {r['p50_us']/1000:.3f} | {r['p99_us']/1000:.3f} | {r['errors']:.0f} |")
for name, r in (("direct, 1 conn", ld), ("bare YARP, 1 conn", ly), ("SpendOps, 1 conn", ls), ("direct stream, 1 conn", sd), ("SpendOps stream, 1 conn", ss)):
    print(f"| {name} | {r['rps']:.0f} | {r['p50_us']/1000:.3f} | {r['p99_us']/1000:.3f} | {r['errors']:.0f} |")
print()
print("| measure | value | bar | met |")
print("|---|---|---|---|")
print(f"| SpendOps requests/s ÷ nginx hop requests/s | {ratio:.2f} | ≥ 0.5 | {check(ratio >= 0.5)} |")
print(f"| added latency p50 | {add50:.3f} ms | ≤ 0.3 ms | {check(add50 <= 0.3)} |")
print(f"| added latency p99 | {add99:.3f} ms | ≤ 2 ms | {check(add99 <= 2)} |")
print(f"| streaming first-event delay (p50 added) | {first:.3f} ms | ≤ 0.5 ms | {check(first <= 0.5)} |")
print(f"| peak memory (VmHWM) | {peak_mb:.0f} MB | ≤ 250 MB | {check(peak_mb <= 250)} |")
print(f"| usage records written | {records} | every call | |")
print()
print(f"For reference, the bare YARP forwarder on the same core: {ty['rps']:.0f} requests/s ({ty['rps'] / tn['rps']:.2f} of nginx), "
      f"p50 added {(ly['p50_us'] - ld['p50_us']) / 1000:.3f} ms, p99 added {(ly['p99_us'] - ld['p99_us']) / 1000:.3f} ms; "
      f"SpendOps does {ts['rps'] / ty['rps']:.2f} of its throughput with keys, policy, capture, pricing and the usage writer on top.")
PY
