#!/usr/bin/env bash
# Benchmark harness (needs `./tmcp up`): in one run, GET /wallet/v1/balance through a gateway (TEP
# verification, revocation check and rate limiting all on, the rows scaled up so that they count
# but do not refuse), the same call straight to wallet-adapter, and a trivial hello endpoint on the
# same server stack.
# Prints requests/s, p50 and p99 for each, and the ratios. Loopback only, bounded in time.
#   bench/run.sh [DURATION_SECONDS] [CONNECTIONS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DURATION=${1:-20}
CONNECTIONS=${2:-16}
HELLO_PORT=8099
HELLO_JAR="$root/bench/hello-server/target/hello-server.jar"

[ -f "$HELLO_JAR" ] || (cd "$root" && ./mvnw -B -q -DskipTests -pl bench/hello-server -am install) >&2
"$JAVA" -Xms64m -Xmx384m -XX:+UseSerialGC -jar "$HELLO_JAR" --server.port=$HELLO_PORT >"$root/.tmcp/logs/hello-server.log" 2>&1 &
HELLO_PID=$!
trap 'kill $HELLO_PID ${BENCH_GW_PID:-} 2>/dev/null || true' EXIT
start_bench_gateway 18080 18090
wait_until "hello-server" 60 http_ok "http://127.0.0.1:$HELLO_PORT/hello"

LUA="$root/.tmcp/bench-balance.lua"
balance_lua "$LUA" "$CONNECTIONS"

log "each target: ${DURATION}s, $CONNECTIONS connections, 2 wrk threads, after a 10 s warm-up"
results=$(
  run_wrk gateway "http://127.0.0.1:18080/wallet/v1/balance" "$CONNECTIONS" "$DURATION" "$LUA"
  run_wrk direct "$WALLET_ADAPTER_URL/wallet/v1/balance" "$CONNECTIONS" "$DURATION" "$LUA"
  run_wrk hello "http://127.0.0.1:$HELLO_PORT/hello" "$CONNECTIONS" "$DURATION"
)
echo
printf '%-32s %12s %10s %10s\n' target requests/s p50_ms p99_ms
awk '{ label = ($1 == "gateway" ? "balance via gateway" : $1 == "direct" ? "balance direct (wallet-adapter)" : "hello (same server stack)");
       printf "%-32s %12s %10s %10s\n", label, $2, $3, $4 }' <<<"$results"
echo
awk '{ rps[$1] = $2; p99[$1] = $4 }
  END {
    printf "throughput ratio gateway/direct: %.2f   direct/hello: %.2f\n", rps["gateway"] / rps["direct"], rps["direct"] / rps["hello"]
    printf "p99 ratio        gateway/direct: %.2f   direct/hello: %.2f\n", p99["gateway"] / p99["direct"], p99["direct"] / p99["hello"]
  }' <<<"$results"
