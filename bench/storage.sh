#!/usr/bin/env bash
# Storage benchmark (needs `./tmcp up`): PUT and GET of 1 KB values through the gateway, in one
# run. The storage rate rows (100 a minute per user) are policy, not capacity: this runs a second
# gateway on 18080 with those limits lifted, beside the stack's own, and measures through it.
#   bench/storage.sh [DURATION_SECONDS] [CONNECTIONS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DURATION=${1:-20}
CONNECTIONS=${2:-16}
PORT=18080

trap 'kill ${BENCH_GW_PID:-} 2>/dev/null || true' EXIT
start_bench_gateway $PORT 18090

LUA="$root/.tmcp/bench-storage.lua"
storage_lua "$LUA" "$CONNECTIONS"

URL="http://127.0.0.1:$PORT/api/v1/storage/"
log "each: ${DURATION}s, $CONNECTIONS connections (one user each), 1 KB values, after a 10 s warm-up"
results=$(
  BENCH_METHOD=PUT run_wrk put "$URL" "$CONNECTIONS" "$DURATION" "$LUA"
  BENCH_METHOD=GET run_wrk get "$URL" "$CONNECTIONS" "$DURATION" "$LUA"
)
echo
printf '%-28s %12s %10s %10s\n' operation requests/s p50_ms p99_ms
awk '{ printf "%-28s %12s %10s %10s\n", ($1 == "put" ? "PUT 1 KB via gateway" : "GET 1 KB via gateway"), $2, $3, $4 }' <<<"$results"
