#!/usr/bin/env bash
# Load benchmark of the SpendOps proxy, usage capture on, against a direct call to the same fake provider, a plain
# nginx proxy_pass hop, the bare Kestrel + YARP forwarder and (when npm is there) Portkey's gateway, all in one run;
# then the same app as a proxy-only instance (Portal:Enabled=false), for reference.
# Prints (and writes to bench/results/latest.md): requests/s, added latency p50/p99, streaming first-event delay, the
# proxy's peak memory, and whether the usage writer kept up during the full-load run (no spill, queue bounded).
#
# Placement on the 2-core machine: the load generator (wrk) and the fake provider share core 0; the proxy under test
# (the nginx hop, SpendOps, the bare YARP forwarder, Portkey, one at a time) runs alone on core 1.
#
# Both .NET proxies are measured warm, as a server that has been up for a while: they first serve WARMUP seconds
# (default 40) at one connection, which leaves the CPU room for tiered compilation to finish (on a saturated single
# core it starves, and a 15 s run would measure code that is still being compiled), then 5 s at full load.
#
# Needs: nginx and wrk (apt-get install -y nginx wrk), the .NET SDK; npm for the Portkey comparison (skipped without it).
# Usage: bench/run.sh [seconds of each full-load run, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${1:-60}
LATENCY_SECONDS=${LATENCY_SECONDS:-15}
PORTKEY_VERSION=${PORTKEY_VERSION:-1.15.2}
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
export Usage__SpillDirectory="$WORK/spill" Usage__JournalDirectory="$WORK/journal" Bootstrap__AdminPassword="Bench-Password-1"
export Keys__HashSecretFile="$WORK/key-hash-secret" DataProtection__KeySecretFile="$WORK/data-protection.secret"
# wrk is one address: the per-address flood guard would measure itself, not the proxy.
export Logging__LogLevel__Default=Warning Limits__RequestsPerClient=0
for p in openai; do export "Proxy__Providers__${p}__BaseUrl=http://127.0.0.1:$UP"; done
start_spendops() { # [setting=value ...]: starts the published app alone on core 1 and waits until it answers
  # With the Docker image's MALLOC_ARENA_MAX (README, Performance): the app as shipped.
  (cd "$WORK/app" && export MALLOC_ARENA_MAX=2 && for setting in "$@"; do export "$setting"; done && exec taskset -c 1 dotnet SpendOps.Web.dll >>"$WORK/proxy.log" 2>&1) &
  PIDS+=($!)
  PROXY_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PROXY/healthz" >/dev/null && break; sleep 0.2; done
}
start_spendops
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
# The usage writer's state, from the app's own Prometheus endpoint (loopback is allowed to scrape it).
metric() { # name → value (0 when absent)
  curl -sf "http://127.0.0.1:$PROXY/metrics" | awk -v m="$1" '$1 == m || index($1, m "{") == 1 {v = $2} END {print v + 0}'
}
cpu_seconds() { # pid → CPU time it has used, user and system (fields 14 and 15 of /proc/PID/stat, counted after the name)
  sed 's/^.*) //' "/proc/$1/stat" | awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($12 + $13) / hz}'
}
cpu_since() { # pid seconds → the CPU seconds the process has used since cpu_seconds gave that
  python3 -c "print(round($(cpu_seconds "$1") - $2, 2))"
}
rollup_runs() { # how many times the rollup job has run (any outcome); it shares the proxy's core while it runs
  curl -sf "http://127.0.0.1:$PROXY/metrics" | awk '/^spendops_jobs_duration_seconds_count/ && /job="usage-rollups"/ {s += $2} END {print s + 0}'
}
watch_queue() { # samples the queue length every second until killed; prints the largest seen
  local max=0 q
  trap 'echo "$max"; exit 0' TERM
  while true; do
    q=$(metric spendops_usage_queue_length); q=${q%.*}
    (( q > max )) && max=$q
    sleep 1
  done
}

# A full-load run of the SpendOps instance on $PROXY with its writer watched: sets FULL_LOAD (wrk's line),
# FULL_LOAD_SPILLED (records spilled meanwhile), FULL_LOAD_QUEUE_MAX (the longest queue seen) and FULL_LOAD_ROLLUPS
# (rollup runs that fell inside the run: the job runs every 5 minutes on the clock, so one may or may not land there)
# and FULL_LOAD_CPU (the process's CPU seconds over the run: its threads, the writer's included).
full_load() { # name
  local spilled_before rollups_before watch_pid cpu_before
  spilled_before=$(metric spendops_usage_spilled_total)
  cpu_before=$(cpu_seconds "$PROXY_PID")
  rollups_before=$(rollup_runs)
  watch_queue >"$WORK/queue-max" &
  watch_pid=$!
  FULL_LOAD=$(run "$1" "$VIA_SPENDOPS" "$CONNECTIONS" "$DURATION")
  FULL_LOAD_CPU=$(cpu_since "$PROXY_PID" "$cpu_before")
  kill -TERM "$watch_pid"; wait "$watch_pid" 2>/dev/null || true
  FULL_LOAD_SPILLED=$(( $(metric spendops_usage_spilled_total | cut -d. -f1) - ${spilled_before%.*} ))
  FULL_LOAD_QUEUE_MAX=$(cat "$WORK/queue-max")
  FULL_LOAD_ROLLUPS=$(( $(rollup_runs) - rollups_before ))
}

echo "bench: warming up SpendOps (${WARMUP}s)"
warm "$VIA_SPENDOPS"

echo "bench: throughput ($CONNECTIONS connections, ${DURATION}s each)"
T_DIRECT=$(run direct "$DIRECT" "$CONNECTIONS" "$DURATION")
T_NGINX=$(run nginx "$VIA_NGINX" "$CONNECTIONS" "$DURATION")
ALLOCATED_BEFORE=$(metric dotnet_gc_heap_total_allocated_bytes_total)
full_load spendops
ALLOCATED=$(python3 -c "print(int(float('$(metric dotnet_gc_heap_total_allocated_bytes_total)') - float('$ALLOCATED_BEFORE')))")
T_SPENDOPS=$FULL_LOAD SPILLED=$FULL_LOAD_SPILLED QUEUE_MAX=$FULL_LOAD_QUEUE_MAX ROLLUPS=$FULL_LOAD_ROLLUPS CPU_SPENDOPS=$FULL_LOAD_CPU
echo "bench: latency (1 connection, ${LATENCY_SECONDS}s each)"
L_DIRECT=$(run direct "$DIRECT" 1 "$LATENCY_SECONDS")
L_SPENDOPS=$(run spendops "$VIA_SPENDOPS" 1 "$LATENCY_SECONDS")
S_DIRECT=$(run direct-stream "$DIRECT?bench_stream=1" 1 "$LATENCY_SECONDS" true)
S_SPENDOPS=$(run spendops-stream "$VIA_SPENDOPS?bench_stream=1" 1 "$LATENCY_SECONDS" true)

PEAK_KB=$(awk '/VmHWM/ {print $2}' "/proc/$PROXY_PID/status")
sleep 5 # the writer stores what is still queued
RECORDS=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from UsageRecords').fetchone()[0])" "$WORK/spendops.db")
kill "$PROXY_PID"; wait "$PROXY_PID" 2>/dev/null || true

# The same app as a proxy-only instance (Portal:Enabled=false, README's Deployment), on the same database and key:
# what an instance that only faces developers costs.
start_spendops Portal__Enabled=false
echo "bench: warming up a proxy-only SpendOps instance (${WARMUP}s)"
warm "$VIA_SPENDOPS"
full_load proxy-only
T_PROXY_ONLY=$FULL_LOAD PROXY_ONLY_SPILLED=$FULL_LOAD_SPILLED PROXY_ONLY_QUEUE_MAX=$FULL_LOAD_QUEUE_MAX PROXY_ONLY_ROLLUPS=$FULL_LOAD_ROLLUPS CPU_PROXY_ONLY=$FULL_LOAD_CPU
PROXY_ONLY_PEAK_KB=$(awk '/VmHWM/ {print $2}' "/proc/$PROXY_PID/status")
kill "$PROXY_PID"; wait "$PROXY_PID" 2>/dev/null || true

# The same machine slot for the smallest possible forwarder on the same stack: what Kestrel + YARP cost alone.
YARP_PORT=18084
(cd "$WORK/yarp" && exec taskset -c 1 dotnet YarpBaseline.dll "http://127.0.0.1:$UP" "http://127.0.0.1:$YARP_PORT" >"$WORK/yarp.log" 2>&1) &
PIDS+=($!)
YARP_PID=${PIDS[-1]}
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$YARP_PORT/v1/openai/v1/chat/completions" && break; sleep 0.2; done
VIA_YARP="http://127.0.0.1:$YARP_PORT/v1/openai/v1/chat/completions"
echo "bench: warming up the bare YARP forwarder (${WARMUP}s)"
warm "$VIA_YARP"
CPU_BEFORE=$(cpu_seconds "$YARP_PID")
T_YARP=$(run yarp "$VIA_YARP" "$CONNECTIONS" "$DURATION")
CPU_YARP=$(cpu_since "$YARP_PID" "$CPU_BEFORE")
L_YARP=$(run yarp "$VIA_YARP" 1 "$LATENCY_SECONDS")
YARP_PEAK_KB=$(awk '/VmHWM/ {print $2}' "/proc/$YARP_PID/status")
kill "$YARP_PID"; wait "$YARP_PID" 2>/dev/null || true

# Portkey's open-source gateway (Node), the same slot, pointed at the same fake provider through its custom-host header.
T_PORTKEY="skipped" PORTKEY_PEAK_KB=0 CPU_PORTKEY=0
if command -v npm >/dev/null && command -v node >/dev/null; then
  PORTKEY_DIR=${BENCH_CACHE:-$HOME/.cache/spendops-bench}/portkey-$PORTKEY_VERSION
  [ -d "$PORTKEY_DIR/node_modules/@portkey-ai/gateway" ] || npm install --silent --prefix "$PORTKEY_DIR" "@portkey-ai/gateway@$PORTKEY_VERSION" >/dev/null 2>&1 || true
  if [ -f "$PORTKEY_DIR/node_modules/@portkey-ai/gateway/build/start-server.js" ]; then
    PORTKEY_PORT=18085
    (NODE_ENV=production exec taskset -c 1 node "$PORTKEY_DIR/node_modules/@portkey-ai/gateway/build/start-server.js" --port=$PORTKEY_PORT --headless >"$WORK/portkey.log" 2>&1) &
    PIDS+=($!)
    for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$PORTKEY_PORT/" && break; sleep 0.2; done
    export BENCH_PORTKEY_HOST="http://127.0.0.1:$UP/v1"
    VIA_PORTKEY="http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions"
    echo "bench: warming up Portkey's gateway (${WARMUP}s)"
    run warmup "$VIA_PORTKEY" 1 "$WARMUP" >/dev/null
    run warmup "$VIA_PORTKEY" "$CONNECTIONS" 5 >/dev/null
    CPU_BEFORE=$(cpu_seconds "${PIDS[-1]}")
    T_PORTKEY=$(run portkey "$VIA_PORTKEY" "$CONNECTIONS" "$DURATION")
    CPU_PORTKEY=$(cpu_since "${PIDS[-1]}" "$CPU_BEFORE")
    PORTKEY_PEAK_KB=$(awk '/VmHWM/ {print $2}' "/proc/${PIDS[-1]}/status")
  fi
fi

python3 - "$T_DIRECT" "$T_NGINX" "$T_SPENDOPS" "$L_DIRECT" "$L_SPENDOPS" "$S_DIRECT" "$S_SPENDOPS" "$PEAK_KB" "$RECORDS" "$CONNECTIONS" "$DURATION" "$T_YARP" "$L_YARP" "$WARMUP" "$T_PORTKEY" "$SPILLED" "$QUEUE_MAX" "$(uptime)" "$ALLOCATED" "$YARP_PEAK_KB" "$PORTKEY_PEAK_KB" "$T_PROXY_ONLY" "$PROXY_ONLY_PEAK_KB" "$PROXY_ONLY_SPILLED" "$PROXY_ONLY_QUEUE_MAX" "$ROLLUPS" "$PROXY_ONLY_ROLLUPS" "$CPU_SPENDOPS" "$CPU_PROXY_ONLY" "$CPU_YARP" "$CPU_PORTKEY" <<'PY' | tee bench/results/latest.md
import sys, re, datetime, platform
def parse(line):
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}
td, tn, ts, ld, ls, sd, ss = (parse(a) for a in sys.argv[1:8])
peak_mb, records, conns, dur, warmup = int(sys.argv[8]) / 1024, sys.argv[9], sys.argv[10], sys.argv[11], sys.argv[14]
ty, ly = parse(sys.argv[12]), parse(sys.argv[13])
tp = parse(sys.argv[15]) if sys.argv[15] != "skipped" else None
spilled, queue_max, load = int(sys.argv[16]), int(sys.argv[17]), sys.argv[18].strip()
# Managed bytes allocated per call during the full-load run (the app's own runtime metric; writer and journal included).
allocated_per_call = int(sys.argv[19]) / (ts["rps"] * float(dur))
yarp_peak_mb, portkey_peak_mb = int(sys.argv[20]) / 1024, int(sys.argv[21]) / 1024
to, proxy_only_peak_mb = parse(sys.argv[22]), int(sys.argv[23]) / 1024
proxy_only_kept_up = int(sys.argv[24]) == 0 and int(sys.argv[25]) <= to["rps"]
rollups, proxy_only_rollups = int(sys.argv[26]), int(sys.argv[27])
# CPU time per call over each full-load run: on one core, what a proxy's requests/s is the inverse of.
def cpu_per_call_us(cpu_seconds, r): return float(cpu_seconds) * 1e6 / (r["rps"] * float(dur))
cpu_spendops, cpu_proxy_only, cpu_yarp = cpu_per_call_us(sys.argv[28], ts), cpu_per_call_us(sys.argv[29], to), cpu_per_call_us(sys.argv[30], ty)
vs_yarp = ts["rps"] / ty["rps"]
add50 = (ls["p50_us"] - ld["p50_us"]) / 1000
add99 = (ls["p99_us"] - ld["p99_us"]) / 1000
first = (ss["p50_us"] - sd["p50_us"]) / 1000
# The writer keeps up when nothing went to the spill file and the queue never held more than a second of traffic.
kept_up = spilled == 0 and queue_max <= ts["rps"]
def check(ok): return "yes" if ok else "**no**"
print(f"# SpendOps proxy benchmark, {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC\n")
print(f"Machine: {platform.machine()}, wrk + fake provider on core 0, the proxy under test (nginx hop, SpendOps, bare YARP, Portkey) alone on core 1; "
      f"{conns} connections for throughput ({dur} s each), 1 for latency; the .NET and Node proxies measured warm ({warmup} s warm-up). "
      f"Usage capture, keys, policy, pricing, the journal and the usage writer on. Load before the summary: `{load}`.\n")
print("| target | requests/s | p50 ms | p99 ms | errors |")
print("|---|---|---|---|---|")
rows = [("direct to fake provider", td), ("nginx proxy_pass hop", tn), ("bare YARP forwarder", ty)]
if tp: rows.append(("Portkey gateway", tp))
rows.append(("SpendOps proxy", ts))
rows.append(("SpendOps proxy-only instance", to))
for name, r in rows:
    print(f"| {name} ({conns} conn) | {r['rps']:.0f} | {r['p50_us']/1000:.3f} | {r['p99_us']/1000:.3f} | {r['errors']:.0f} |")
for name, r in (("direct, 1 conn", ld), ("bare YARP, 1 conn", ly), ("SpendOps, 1 conn", ls), ("direct stream, 1 conn", sd), ("SpendOps stream, 1 conn", ss)):
    print(f"| {name} | {r['rps']:.0f} | {r['p50_us']/1000:.3f} | {r['p99_us']/1000:.3f} | {r['errors']:.0f} |")
print()
print("| measure | value | bar | met |")
print("|---|---|---|---|")
print(f"| usage writer kept up at full load (spilled, largest queue) | {spilled} spilled, queue ≤ {queue_max} | no spill, queue ≤ 1 s of calls | {check(kept_up)} |")
print(f"| SpendOps requests/s ÷ bare YARP requests/s | {vs_yarp:.2f} | ≥ 0.8 | {check(vs_yarp >= 0.8 and kept_up)} |")
if tp:
    print(f"| SpendOps requests/s ÷ Portkey requests/s | {ts['rps'] / tp['rps']:.1f} | ≥ 8 | {check(ts['rps'] / tp['rps'] >= 8 and kept_up)} |")
else:
    print("| SpendOps requests/s ÷ Portkey requests/s | not measured (no npm) | ≥ 8 | |")
print(f"| added latency p50, 1 conn | {add50:.3f} ms | | |")
print(f"| added latency p99, 1 conn | {add99:.3f} ms | ≤ 2 ms | {check(add99 <= 2)} |")
print(f"| streaming first-event delay (p50 added) | {first:.3f} ms | ≤ 0.3 ms | {check(first <= 0.3)} |")
print(f"| peak memory (VmHWM) | {peak_mb:.0f} MB | ≤ 200 MB | {check(peak_mb <= 200)} |")
others = f"bare YARP forwarder {yarp_peak_mb:.0f} MB" + (f", Portkey {portkey_peak_mb:.0f} MB" if tp else "")
print(f"| peak memory of the others, same runs (reference) | {others} | | |")
print(f"| managed bytes allocated per call, full load (capture, journal and writer included) | {allocated_per_call:,.0f} | | |")
cpu_others = f"bare YARP forwarder {cpu_yarp:.0f} µs" + (f", Portkey {cpu_per_call_us(sys.argv[31], tp):.0f} µs" if tp else "")
print(f"| CPU per call at full load (all threads, the writer's included) | {cpu_spendops:.0f} µs (proxy-only {cpu_proxy_only:.0f} µs); {cpu_others} | "
      f"0.8 of the bare forwarder's requests/s leaves {cpu_yarp / 0.8:.0f} µs | |")
print(f"| usage records stored | {records} | every call | |")
print(f"| rollup job runs inside the full-load run (every 5 min on the clock, on the proxy's core) | {rollups} | | |")
print(f"| proxy-only instance (reference): requests/s ÷ bare YARP, peak memory, writer kept up | "
      f"{to['rps'] / ty['rps']:.2f}, {proxy_only_peak_mb:.0f} MB, {'yes' if proxy_only_kept_up else 'no'} (queue ≤ {sys.argv[25]}, "
      f"rollup runs inside: {proxy_only_rollups}) | | |")
print()
print(f"For reference: SpendOps does {ts['rps'] / tn['rps']:.2f} of the nginx hop's requests/s; the bare YARP forwarder adds "
      f"{(ly['p50_us'] - ld['p50_us']) / 1000:.3f} ms at p50 and {(ly['p99_us'] - ld['p99_us']) / 1000:.3f} ms at p99.")
PY
