#!/usr/bin/env bash
# Runs the benchmark scenarios of docs/benchmark.md against a freshly started relay on this machine.
# Usage: scripts/bench.sh [S1|S2|S3|S3-loud|S4|S5|S6|H1|H2|H3|H4|B1|all]   (build first: ./mvnw -B -DskipTests package)
# Each scenario starts the relay with the same flags (rate limit off, nothing else special), runs the
# load generator from the same jar, prints its table and JSON line, and stops the relay.
# H1 to H3 put hostile clients (flooders, stallers, churners) beside ordinary traffic. H1 and H2 keep
# the rate limit on, as deployed: it is the relay's defence against them. Its per-user default
# (20 lines/s) also holds back their 100 lines/s sender; RATE_LIMIT_FLAGS changes it for them, e.g.
#   RATE_LIMIT_FLAGS="--chat.rate-limit.lines-per-second=100 --chat.rate-limit.burst=200" scripts/bench.sh H2
# S6 needs a relay with rooms (SPEC §9): before them the load generator stops at once with the relay's
# answer to /join. S6 over two replicas is scripts/bench-cluster.sh S6-across / S6-together.
# TLS=1 runs the S scenarios over TLS: the relay presents the test certificate of src/test/resources/tls
# and the load generator speaks TLS (--tls), e.g. TLS=1 scripts/bench.sh S5
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/chat-relay.jar
SERVER_JVM=${SERVER_JVM:--Xms256m -Xmx1g -XX:+UseG1GC}
PORT=${PORT:-15555}
MGMT=${MGMT:-18081}
RATE_LIMIT_FLAGS=${RATE_LIMIT_FLAGS:-}
TLS=${TLS:-}
TLS_SERVER_FLAGS=()
TLS_BENCH_FLAGS=()
if [ -n "$TLS" ]; then
  TLS_SERVER_FLAGS=(--chat.tcp.ssl.bundle=bench
    "--spring.ssl.bundle.pem.bench.keystore.certificate=file:$PWD/src/test/resources/tls/server1.crt"
    "--spring.ssl.bundle.pem.bench.keystore.private-key=file:$PWD/src/test/resources/tls/server1.key"
    --chat.tcp.ssl.handshake-rate-per-address=0)  # every load-generator client comes from this one address
  TLS_BENCH_FLAGS=(--tls)
fi
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 2; }

start_server() {
  launch_server --chat.rate-limit.enabled=false "$@"
}

# The relay with its rate limit on, for the hostile scenarios.
start_server_limited() {
  # shellcheck disable=SC2086
  launch_server $RATE_LIMIT_FLAGS "$@"
}

launch_server() {
  # the load generator is one address that opens thousands of connections: no connection rate per address
  # shellcheck disable=SC2086
  java $SERVER_JVM -jar "$JAR" --chat.tcp.port=$PORT --server.port=0 --management.server.port=$MGMT \
    --chat.tcp.connection-rate.enabled=false \
    ${TLS_SERVER_FLAGS[@]+"${TLS_SERVER_FLAGS[@]}"} "$@" >/tmp/chat-relay-bench-server.log 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "localhost:$MGMT/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "the relay did not become ready; see /tmp/chat-relay-bench-server.log" >&2
  exit 1
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}

bench() {
  java -jar "$JAR" bench --port=$PORT --server-pid=$SERVER_PID ${TLS_BENCH_FLAGS[@]+"${TLS_BENCH_FLAGS[@]}"} "$@" || true
}

# What the relay itself counted: the drops and disconnects that are not zero.
relay_counts() {
  curl -s "localhost:$MGMT/actuator/prometheus" | grep -E '^chat_(messages_dropped|connections_closed)_total' \
    | grep -v -e ' 0.0$' -e 'reason="client"' || true
}

scenario() {
  echo "=== $1"
  case "$1" in
    S1) start_server; bench --clients=100 --senders=10 --payload=64 --ladder=1000,3000,5000,10000,15000 --duration=10s --warmup=3s ;;
    S2) start_server; bench --clients=1000 --senders=5 --payload=64 --ladder=250,500,1000,1500 --duration=10s --warmup=3s ;;
    S3) start_server; bench --idle --clients=10000 --duration=5s ;;
    S3-loud) start_server --chat.presence.quiet-above=1000000; bench --idle --clients=10000 --duration=5s ;;
    S4) start_server; bench --clients=20 --senders=4 --rate=2000 --payload=1024 --stuck=1 --duration=15s --warmup=2s
        curl -s "localhost:$MGMT/actuator/prometheus" | grep 'chat_connections_closed_total{reason="slow_consumer"}' ;;
    S5) start_server; bench --clients=2 --senders=1 --rate=100 --duration=10s --warmup=2s ;;
    # rooms: 2,000 clients in 200 rooms of 10 (#r0..#r199, each client parts #lobby), every client sends
    # 1 line/s: 2,000 lines/s in, 18,000 deliveries/s; the issue's mark is p99 under 5 ms
    S6) start_server; bench --clients=2000 --senders=2000 --rate=2000 --rooms=200 --payload=64 --duration=10s \
          --warmup=3s --max-p99-ms=5 ;;
    H1) start_server_limited; bench --clients=2 --senders=1 --rate=10 --flooders=300 --duration=20s --warmup=2s
        relay_counts ;;
    H2) start_server_limited; bench --clients=2 --senders=1 --rate=10 --stallers=1500 --duration=20s --warmup=2s
        relay_counts ;;
    H3) start_server; bench --clients=60 --senders=1 --rate=100 --churn=400 --duration=20s --warmup=2s
        relay_counts ;;
    # 300 flooders that read what they get (yes a | nc host 5555) at the default rate limit, and a probe
    # pair exchanging a line every 100 ms each way: the room asks more than two cores can deliver
    H4) start_server_limited; bench --clients=2 --senders=2 --rate=20 --flooders=300 --flooders-read --threads=2 \
          --duration=20s --warmup=2s
        relay_counts ;;
    # a burst past a 64 KB outbound buffer: 10 readers send 10 lines of 1,000 bytes at once, one client
    # never reads; only that one may be dropped as a slow consumer
    B1) start_server --chat.tcp.outbound-buffer=65536
        bench --clients=11 --senders=10 --stuck=1 --payload=1000 --rate=10000 --duration=10ms --warmup=0s
        relay_counts ;;
    *) echo "unknown scenario $1" >&2; exit 2 ;;
  esac
  stop_server
}

trap stop_server EXIT
if [ "${1:-all}" = all ]; then
  for s in S1 S2 S3 S4 S5 S6 H1 H2 H3 H4 B1; do scenario "$s"; done
else
  scenario "$1"
fi
