#!/usr/bin/env bash
# Throughput and latency of our gateway against Envoy, HAProxy and nginx, with the same fake backend behind
# each and the same load generator (wrk, keep-alive) in front, all on 127.0.0.1. Each proxy gets 2 worker
# threads: ours 2 I/O threads (its JVM is told it has 2 processors), Envoy --concurrency 2, HAProxy
# nbthread 2, nginx worker_processes 2.
#
#   bench/gateway-bench.sh [--seconds N] [--connections C] [--warmup N] [--rounds R]
#
# Normally started by `./run.sh bench gateway`, which installs haproxy, nginx, wrk and Envoy
# (tools/install-envoy.sh) and builds the jars first. For each round, in the order ours, envoy, haproxy,
# nginx (interleaved, so the noise of a shared machine falls on all alike), and once per round for the backend alone as the ceiling:
#
#   one fake backend ◄── proxy on 127.0.0.1 (fresh process) ◄── wrk -t2 -c<C> --latency
#   (started once, warmed up)    warm-up <warmup> s (discarded), then <seconds> s measured
#
# The warm-up is long enough for our gateway's JIT to compile the hot path on a busy 2-core machine
# (about 15 s of load); Envoy, HAProxy and nginx get the same warm-up though they need none.
# Each row of the table is the median over the rounds. Every proxy balances round robin over the one
# backend, keeps upstream connections alive, logs nothing, adds X-Forwarded-For, and (except nginx OSS,
# which has no active checks) health-checks GET /health every 1 s. "cpu ms/kreq" is the proxy's own
# CPU time (all its threads / workers) per 1,000 requests, from /proc/<pid>/stat: on a 2-core machine
# shared with wrk and the backend, that is what decides throughput. The last line reads
#   gateway-bench: ours/haproxy=<x> ours/nginx=<y> p99_ms ours=<a> haproxy=<b> nginx=<c> ours/envoy=<z> envoy_p99_ms=<d>
# (Envoy is measured beside the others; the goals below are unchanged and do not involve it.)
# Exit: 0 goals met (ours ≥ 1.0× haproxy and ≥ 1.2× nginx in req/s, p99 no worse than theirs),
# 1 a goal missed, 2 bad usage, 3 a process could not be started.
# To profile our gateway during its runs: GATEWAY_EXTRA_JVM='-XX:StartFlightRecording=filename=/tmp/gw.jfr'.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENVOY="${ENVOY:-$ROOT/.tools/bin/envoy}"
GATEWAY_JAR="$ROOT/gateway-under-test/target/gateway.jar"
BACKEND_JAR="$ROOT/fake-backends/target/fake-backend.jar"
# The harness's gateway flags (harness/.../runtime/JvmOptions.java), without the run id.
GATEWAY_JVM=(-XX:ActiveProcessorCount=2 -Xms32m -Xmx128m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=96m)
BACKEND_JVM=(-Xmx64m -XX:+UseSerialGC)
SECONDS_MEASURED=15
CONNECTIONS=64
WARMUP=15
ROUNDS=3
THREADS=2
WORKERS=2 # each proxy's worker threads (wrk's own threads are THREADS)
PROXIES=(ours envoy haproxy nginx)

die() { local code=$1; shift; echo "gateway-bench: $*" >&2; exit "$code"; }

positive() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || die 2 "$1: $2 (expected: a whole number >= 1)"; }

while (($#)); do
  case "$1" in
    --seconds) positive "$1" "${2:-}"; SECONDS_MEASURED=$2; shift 2 ;;
    --connections) positive "$1" "${2:-}"; CONNECTIONS=$2; shift 2 ;;
    --warmup) positive "$1" "${2:-}"; WARMUP=$2; shift 2 ;;
    --rounds) positive "$1" "${2:-}"; ROUNDS=$2; shift 2 ;;
    *) die 2 "unknown option $1 (expected: --seconds N, --connections C, --warmup N, --rounds R)" ;;
  esac
done
((CONNECTIONS >= THREADS)) || die 2 "--connections: $CONNECTIONS (expected: >= $THREADS, one per wrk thread)"
for tool in java wrk haproxy nginx curl ss; do
  command -v "$tool" >/dev/null || die 3 "$tool not found (./run.sh bench gateway installs it)"
done
[[ -x "$ENVOY" ]] || die 3 "envoy not found at $ENVOY (./run.sh bench gateway installs it with tools/install-envoy.sh)"
[[ -f "$GATEWAY_JAR" && -f "$BACKEND_JAR" ]] || die 3 "jars missing: build first (./run.sh bench gateway does)"

WORK="$(mktemp -d /tmp/gateway-bench.XXXXXX)"
chmod 755 "$WORK" # nginx workers run as nobody and must reach their temp dirs under the prefix
BACKEND_PID=""
PROXY_PID=""

stop() {
  local pid=$1
  [[ -n "$pid" ]] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in {1..50}; do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
trap 'stop "$PROXY_PID"; stop "$BACKEND_PID"; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    [[ -z "$(ss -Htan "sport = :$p")" ]] && { echo "$p"; return; }
  done
}

# Waits for a JSON ready line in $1 and prints the value of key $2.
ready_value() {
  local file=$1 key=$2 pid=$3
  for _ in {1..300}; do
    if grep -q '"event":"ready"' "$file" 2>/dev/null; then
      sed -n "s/.*\"$key\":\([0-9]*\).*/\1/p" "$file" | head -1
      return
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  return 1
}

await_http() {
  local url=$1 pid=$2
  for _ in {1..300}; do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" == 200 ]] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

start_backend() {
  local dir=$1
  java "${BACKEND_JVM[@]}" -jar "$BACKEND_JAR" --id b0 --port 0 --control-port 0 \
    --behaviour '{"latency":{"fixed":"0ms"}}' >"$dir/backend.out" 2>"$dir/backend.err" &
  BACKEND_PID=$!
  BACKEND_PORT="$(ready_value "$dir/backend.out" port "$BACKEND_PID")" \
    || { cat "$dir/backend.err" >&2; die 3 "fake backend did not become ready"; }
}

start_ours() {
  local dir=$1
  cat >"$dir/gateway.yaml" <<EOF
listen: { host: 127.0.0.1, port: 0 }
admin: { host: 127.0.0.1, port: 0 }
accessLog: { enabled: false }
clusters:
  - name: bench
    loadBalancing: round_robin
    endpoints: [ { name: b0, address: "127.0.0.1:$BACKEND_PORT" } ]
    healthCheck: { path: /health, interval: 1s }
EOF
  java "${GATEWAY_JVM[@]}" ${GATEWAY_EXTRA_JVM:-} -jar "$GATEWAY_JAR" --config "$dir/gateway.yaml" \
    >"$dir/proxy.out" 2>"$dir/proxy.err" &
  PROXY_PID=$!
  PROXY_PORT="$(ready_value "$dir/proxy.out" port "$PROXY_PID")" \
    || { cat "$dir/proxy.err" >&2; die 3 "our gateway did not become ready"; }
}

start_envoy() {
  local dir=$1 admin
  PROXY_PORT="$(free_port)"
  admin="$(free_port)"
  # The shape of the envoy gateway kind's bootstrap (harness/.../kind/envoy/EnvoyBootstrap.java) without its
  # event logs and flag headers: round robin, upstream keep-alive (Envoy's default), X-Forwarded-For appended
  # (use_remote_address), GET /health every 1 s, no access log, breakers as wide as ours.
  cat >"$dir/envoy.yaml" <<EOF
admin: { address: { socket_address: { address: 127.0.0.1, port_value: $admin } } }
static_resources:
  listeners:
  - name: bench
    address: { socket_address: { address: 127.0.0.1, port_value: $PROXY_PORT } }
    filter_chains:
    - filters:
      - name: envoy.filters.network.http_connection_manager
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
          stat_prefix: bench
          use_remote_address: true
          route_config:
            virtual_hosts: [ { name: all, domains: ["*"], routes: [ { match: { prefix: / }, route: { cluster: be } } ] } ]
          http_filters:
          - name: envoy.filters.http.router
            typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router }
  clusters:
  - name: be
    type: STATIC
    lb_policy: ROUND_ROBIN
    connect_timeout: 5s
    circuit_breakers: { thresholds: [ { max_connections: 4096, max_pending_requests: 4096, max_requests: 4096 } ] }
    load_assignment:
      cluster_name: be
      endpoints: [ { lb_endpoints: [ { endpoint: { address: { socket_address: { address: 127.0.0.1, port_value: $BACKEND_PORT } } } } ] } ]
    health_checks:
    - { timeout: 1s, interval: 1s, no_traffic_interval: 1s, unhealthy_threshold: 3, healthy_threshold: 1,
        http_health_check: { path: /health } }
EOF
  "$ENVOY" -c "$dir/envoy.yaml" --concurrency "$WORKERS" --disable-hot-restart --log-level warn \
    >"$dir/proxy.out" 2>"$dir/proxy.err" &
  PROXY_PID=$!
}

start_haproxy() {
  local dir=$1
  PROXY_PORT="$(free_port)"
  cat >"$dir/haproxy.cfg" <<EOF
global
    maxconn 4096
    nbthread 2
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    option http-keep-alive
    http-reuse always
frontend fe
    bind 127.0.0.1:$PROXY_PORT
    default_backend be
backend be
    balance roundrobin
    option forwardfor
    option httpchk GET /health
    server b0 127.0.0.1:$BACKEND_PORT check inter 1s
EOF
  haproxy -db -f "$dir/haproxy.cfg" >"$dir/proxy.out" 2>"$dir/proxy.err" &
  PROXY_PID=$!
}

start_nginx() {
  local dir=$1
  PROXY_PORT="$(free_port)"
  # nginx OSS has no active health checks (only passive max_fails), so it checks nothing here.
  cat >"$dir/nginx.conf" <<EOF
daemon off;
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    upstream be {
        server 127.0.0.1:$BACKEND_PORT;
        keepalive 64;
        keepalive_requests 1000000;
    }
    server {
        listen 127.0.0.1:$PROXY_PORT;
        location / {
            proxy_pass http://be;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        }
    }
}
EOF
  nginx -p "$dir" -e "$dir/nginx-error.log" -c "$dir/nginx.conf" >"$dir/proxy.out" 2>"$dir/proxy.err" &
  PROXY_PID=$!
}

# CPU time (ms) of a process and its children (nginx workers), from /proc/<pid>/stat.
cpu_ms() {
  local total=0 pid ticks
  ticks=$(getconf CLK_TCK)
  for pid in "$1" $(pgrep -P "$1" || true); do
    [[ -r /proc/$pid/stat ]] || continue
    # Fields after the ")" of the command name: utime is the 12th, stime the 13th.
    read -r -a f <<<"$(sed 's/.*) //' "/proc/$pid/stat")"
    total=$((total + f[11] + f[12]))
  done
  echo $((total * 1000 / ticks))
}

# wrk latency like 812.00us / 1.23ms / 1.02s → milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.3f", n }'
}

# One measurement: <name> <round>. Appends "name rps p50 p99 cpu_ms_per_kreq errors rss_kib hwm_kib".
measure() {
  local name=$1 round=$2 dir="$WORK/$1-$2"
  mkdir -p "$dir"
  case "$name" in
    direct) PROXY_PID=$BACKEND_PID; PROXY_PORT=$BACKEND_PORT ;;
    *) "start_$name" "$dir" ;;
  esac
  local url="http://127.0.0.1:$PROXY_PORT/bench"
  await_http "$url" "$PROXY_PID" || { cat "$dir/proxy.err" >&2; die 3 "$name did not answer 200 on $url"; }
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$url" >"$dir/warmup.txt"
  local cpu0 cpu1
  cpu0=$(cpu_ms "$PROXY_PID")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_MEASURED}s" --latency "$url" >"$dir/wrk.txt"
  cpu1=$(cpu_ms "$PROXY_PID")
  local rss=0 hwm=0
  if [[ "$name" == ours ]]; then
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$PROXY_PID/status")
    hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$PROXY_PID/status")
  fi
  [[ "$name" == direct ]] || stop "$PROXY_PID"
  PROXY_PID=""
  local rps p50 p99 total errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$dir/wrk.txt")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$dir/wrk.txt")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$dir/wrk.txt")")
  total=$(awk '/requests in/ {print $1}' "$dir/wrk.txt")
  errors=$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {
      for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i } END {print n + 0}' "$dir/wrk.txt")
  [[ -n "$rps" && -n "$total" ]] || { cat "$dir/wrk.txt" >&2; die 3 "could not read wrk's output for $name"; }
  local per_k
  per_k=$(awk -v c=$((cpu1 - cpu0)) -v n="$total" 'BEGIN {printf "%.1f", (n > 0) ? c * 1000 / n : 0}')
  echo "$name $rps $p50 $p99 $per_k $errors $rss $hwm" >>"$WORK/results"
  printf '  round %d %-8s %10.0f req/s  p50 %7.3f ms  p99 %7.3f ms  cpu %5s ms/kreq  errors %s%s\n' \
    "$round" "$name" "$rps" "$p50" "$p99" "$per_k" "$errors" \
    "$([[ "$name" == ours ]] && echo "  rss $((rss / 1024)) MiB")" >&2
}

# Median of column $2 over the rows of proxy $1.
median() {
  awk -v n="$1" -v c="$2" '$1 == n {print $c}' "$WORK/results" | sort -g \
    | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

echo "gateway-bench: $ROUNDS round(s) of ours, envoy, haproxy, nginx, direct; wrk -t$THREADS -c$CONNECTIONS," \
  "${WARMUP}s warm-up + ${SECONDS_MEASURED}s measured each; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
: >"$WORK/results"
start_backend "$WORK"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$BACKEND_PORT/bench" >"$WORK/backend-warmup.txt"
for ((r = 1; r <= ROUNDS; r++)); do
  for name in "${PROXIES[@]}" direct; do measure "$name" "$r"; done
done

declare -A RPS P50 P99 CPU ERR
for name in "${PROXIES[@]}" direct; do
  RPS[$name]=$(median "$name" 2); P50[$name]=$(median "$name" 3); P99[$name]=$(median "$name" 4)
  CPU[$name]=$(median "$name" 5); ERR[$name]=$(awk -v n="$name" '$1 == n {s += $6} END {print s + 0}' "$WORK/results")
done
rss_mib=$(awk '$1 == "ours" {v = $7} END {printf "%.0f", v / 1024}' "$WORK/results")
hwm_mib=$(awk '$1 == "ours" && $8 > m {m = $8} END {printf "%.0f", m / 1024}' "$WORK/results")

echo
printf '%-22s %12s %10s %10s %14s %8s\n' proxy req/s p50_ms p99_ms "cpu ms/kreq" errors
for name in "${PROXIES[@]}" direct; do
  case "$name" in
    ours) label="ours (gateway)" ;;
    envoy) label="envoy $("$ENVOY" --version | sed -n 's|.*/\([0-9][0-9.]*\)/.*|\1|p')" ;;
    haproxy) label="haproxy $(haproxy -v | awk 'NR == 1 {print $3}' | cut -d- -f1)" ;;
    nginx) label="nginx $(nginx -v 2>&1 | sed 's|.*/||')" ;;
    direct) label="backend direct" ;;
  esac
  printf '%-22s %12.0f %10.3f %10.3f %14.1f %8d\n' "$label" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" \
    "${CPU[$name]}" "${ERR[$name]}"
done
echo "(medians over $ROUNDS round(s); cpu = the proxy's own CPU time per 1,000 requests; nginx OSS runs no active health checks)"
echo "ours: resident memory at the end of its last run ${rss_mib} MiB (peak ${hwm_mib} MiB; goal <= 256 MiB)"

x=$(awk -v a="${RPS[ours]}" -v b="${RPS[haproxy]}" 'BEGIN {printf "%.2f", a / b}')
y=$(awk -v a="${RPS[ours]}" -v b="${RPS[nginx]}" 'BEGIN {printf "%.2f", a / b}')
met=$(awk -v x="$x" -v y="$y" -v a="${P99[ours]}" -v b="${P99[haproxy]}" -v c="${P99[nginx]}" -v m="$rss_mib" \
  'BEGIN {print (x >= 1.0 && y >= 1.2 && a <= b && a <= c && m <= 256) ? "met" : "missed"}')
echo "goals (ours/haproxy >= 1.00, ours/nginx >= 1.20, p99 no worse than either, rss <= 256 MiB): $met"
z=$(awk -v a="${RPS[ours]}" -v b="${RPS[envoy]}" 'BEGIN {printf "%.2f", a / b}')
printf 'gateway-bench: ours/haproxy=%s ours/nginx=%s p99_ms ours=%.2f haproxy=%.2f nginx=%.2f ours/envoy=%s envoy_p99_ms=%.2f\n' \
  "$x" "$y" "${P99[ours]}" "${P99[haproxy]}" "${P99[nginx]}" "$z" "${P99[envoy]}"
[[ "$met" == met ]]
