#!/usr/bin/env bash
# The cluster scenario of docs/cluster.md: one redis-server, two replicas of the relay (rate limit off),
# and the load generator spreading its clients over both (--ports), on this machine.
# Usage: scripts/bench-cluster.sh [S6-across|S6-together|bench options...]   (build first: ./mvnw -B -DskipTests package)
# Default: 100 clients, 10 senders, --ladder=1000,3000,10000 (the first step also warms the
# replicas' JIT, as in the single relay's S1). SERVER_JAVA picks the replicas' JVM.
# S6-across / S6-together: the rooms scenario S6 of docs/benchmark.md (2,000 clients in 200 rooms of 10,
# 1 line/s each) with each room's members on both replicas, or all of a room on one replica. Either
# way the script prints the bytes each replica read from Redis during the run (its open connections,
# from ss), so that with together one sees that a replica gets none of the other's room traffic.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/chat-relay.jar
SERVER_JAVA=${SERVER_JAVA:-java}
SERVER_JVM=${SERVER_JVM:--Xms256m -Xmx1g -XX:+UseG1GC}
REDIS_PORT=${REDIS_PORT:-16379}
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 2; }

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >/tmp/chat-relay-bench-redis.log 2>&1 &
REDIS_PID=$!
for _ in $(seq 1 50); do # listening, and not a previous run's Redis still exiting on the port
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && kill -0 "$REDIS_PID" 2>/dev/null && break
  kill -0 "$REDIS_PID" 2>/dev/null || { echo "redis-server did not start; see /tmp/chat-relay-bench-redis.log" >&2; exit 1; }
  sleep 0.1
done
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  kill "$REDIS_PID" 2>/dev/null || true
  wait "$REDIS_PID" 2>/dev/null || true
}
trap cleanup EXIT

replica() { # id chat-port management-port
  # shellcheck disable=SC2086
  "$SERVER_JAVA" $SERVER_JVM -jar "$JAR" --chat.rate-limit.enabled=false --chat.cluster.enabled=true \
    --chat.cluster.replica-id="$1" --spring.data.redis.port="$REDIS_PORT" --chat.tcp.port="$2" \
    --server.port=0 --management.server.port="$3" >"/tmp/chat-relay-bench-$1.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do
    curl -sf "localhost:$3/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "replica $1 did not become ready; see /tmp/chat-relay-bench-$1.log" >&2
  exit 1
}

replica a 15555 18081
replica b 15556 18082
sleep 3 # both subscribed and known to each other (a heartbeat)
S6=(--clients=2000 --senders=2000 --rate=2000 --rooms=200 --payload=64 --duration=10s --warmup=3s --max-p99-ms=50)
case "${1:-}" in
  "") set -- --clients=100 --senders=10 --payload=64 --ladder=1000,3000,10000 --duration=10s --warmup=3s ;;
  S6-across) set -- "${S6[@]}" --room-spread=across ;;
  S6-together) set -- "${S6[@]}" --room-spread=together ;;
esac

# Bytes replica $1 (a pid) has read from Redis over its open connections (bytes_received in ss -i).
redis_bytes_in() {
  ss -tnpi "dport = :$REDIS_PORT" | awk -v pid="pid=$1," '
    /^ESTAB/ { mine = index($0, pid) > 0; next }
    mine && match($0, /bytes_received:[0-9]+/) { sum += substr($0, RSTART + 15, RLENGTH - 15); mine = 0 }
    END { print sum + 0 }'
}
REDIS_IN_BEFORE=()
for pid in "${PIDS[@]}"; do REDIS_IN_BEFORE+=("$(redis_bytes_in "$pid")"); done
java -jar "$JAR" bench --ports=15555,15556 "$@" || true
i=0
for id in a b; do
  echo "--- replica $id read from Redis during the run: $(( $(redis_bytes_in "${PIDS[$i]}") - REDIS_IN_BEFORE[i] )) bytes"
  i=$((i + 1))
done
for port in 18081 18082; do
  echo "--- replica on management port $port: drops and closes that are not zero"
  curl -s "localhost:$port/actuator/prometheus" | grep -E '^chat_(messages_dropped|connections_closed)_total' \
    | grep -v -e ' 0.0$' -e 'reason="client"' || true
done
