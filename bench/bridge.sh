#!/usr/bin/env bash
# matrix-bridge benchmark (needs `./tmcp up` and a built matrix-bridge jar): events per second from
# Kafka into Synapse, against its ceiling measured in the same run (a plain Matrix client sending as
# many events of the card's size straight to Synapse over the same rooms, 10 in flight), and latency
# from the Kafka record to the event readable in the room (/sync).
# Runs its own bridge from a copy of matrix-bridge/target/matrix-bridge.jar (or BRIDGE_JAR) on a free
# port, a fresh database and its own copies of the topics, so the stack's bridge and other tests are
# untouched.
# Before the burst, a warm-up of BRIDGE_WARMUP events (default 50 per room) through the bridge.
#   [BRIDGE_WARMUP=N] bench/bridge.sh [ROOMS] [BURST_EVENTS] [PACED_PER_SECOND] [PACED_SECONDS]
# From a git worktree: TMCP_STACK_DIR=/path/to/checkout/.tmcp BRIDGE_JAR=/path/to/checkout/matrix-bridge/target/matrix-bridge.jar
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROOMS=${1:-10}
BURST=${2:-2000}
RATE=${3:-20}
SECONDS_PACED=${4:-15}
JAR=${BRIDGE_JAR:-$root/matrix-bridge/target/matrix-bridge.jar}
[ -f "$JAR" ] || die "build the bridge first: ./mvnw -pl matrix-bridge -am -DskipTests package"

run=$(date +%s)
PORT=18186
DB="bench_bridge_$run"
PREFIX="bench-$run."
LIBS=$(mktemp -d)
LOG="$bench_logs/bench-bridge.log"
cleanup() {
  kill "${BRIDGE_PID:-}" 2>/dev/null || true
  wait "${BRIDGE_PID:-}" 2>/dev/null || true
  # BENCH_KEEP_DB=1 keeps the bridge database, to look at room_outbox timings afterwards
  [ -n "${BENCH_KEEP_DB:-}" ] || PGPASSWORD="$TMCP_DB_PASSWORD" psql -q -h "$TMCP_DB_HOST" -p "$TMCP_DB_PORT" \
    -U "$TMCP_DB_USER" -d postgres -c "drop database if exists $DB" >/dev/null 2>&1 || true
  rm -rf "$LIBS"
}
trap cleanup EXIT

# a copy, so a build replacing the jar during the run does not pull it from under the bridge
mkdir "$LIBS/bridge" && cp "$JAR" "$LIBS/bridge/matrix-bridge.jar"
JAR="$LIBS/bridge/matrix-bridge.jar"
PGPASSWORD="$TMCP_DB_PASSWORD" psql -q -h "$TMCP_DB_HOST" -p "$TMCP_DB_PORT" -U "$TMCP_DB_USER" -d postgres \
  -c "create database $DB" >/dev/null
log "bridge on :$PORT, database $DB, topics $PREFIX*"
SERVER_PORT=$PORT TMCP_DB_NAME=$DB TMCP_BRIDGE_TOPIC_PREFIX=$PREFIX TMCP_BRIDGE_GROUP_ID="bench-bridge-$run" \
  TMCP_BRIDGE_POLL_INTERVAL=100ms MATRIX_BRIDGE_URL="http://127.0.0.1:$PORT" \
  "$JAVA" -Xmx512m -jar "$JAR" >"$LOG" 2>&1 &
BRIDGE_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break
  kill -0 $BRIDGE_PID 2>/dev/null || die "the bridge exited, see $LOG"
  sleep 1
done

(cd "$LIBS" && unzip -q -j "$JAR" 'BOOT-INF/lib/tmcp-core-*' 'BOOT-INF/lib/jackson-*' 'BOOT-INF/lib/kafka-clients-*' \
  'BOOT-INF/lib/slf4j-api-*' 'BOOT-INF/lib/lz4-*' 'BOOT-INF/lib/snappy-*' 'BOOT-INF/lib/zstd-*')
log "warm-up, then a burst of $BURST events over $ROOMS rooms, as many sent by a plain client, then $RATE events/s for ${SECONDS_PACED}s"
out=$("$JAVA" ${BRIDGE_WARMUP:+-Dwarmup=$BRIDGE_WARMUP} -cp "$LIBS/*" "$root/bench/BridgeBench.java" "$SYNAPSE_URL" "$SYNAPSE_SERVER_NAME" \
  "$SYNAPSE_REGISTRATION_SECRET" "$KAFKA_BOOTSTRAP_SERVERS" "$PREFIX" "$ROOMS" "$BURST" "$RATE" "$SECONDS_PACED" 2>"$bench_logs/bench-bridge-client.log")
echo
echo "$out" | awk '{ printf "%-31s %s\n", $1, $2 ($3 ? " " $3 " " $4 : "") }'
