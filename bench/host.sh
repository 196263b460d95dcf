#!/usr/bin/env bash
# The browser path of issue 14 (needs `./tmcp up`): time from clicking "Send" in the demo shop to
# the transfer's card in the other user's host view, p50/p99 over PAYMENTS payments in headless
# Chromium, side by side with the same transfer through the API read with /sync; and the SDK
# bundle's size (min+gzip). One user sends them all, so the run goes through a bench gateway
# (rate rows scaled, still charged); the stack's host is stopped meanwhile and a host on the same
# origins, pointed at the bench gateway, serves the run; the stack's host is started again after.
#   bench/host.sh [PAYMENTS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$root/deploy/scripts/host.sh"

PAYMENTS=${1:-50}
PORT=${BENCH_HOST_GW_PORT:-18690}
apt_ensure chromium chromium
host_npm_ci "$root/host"
sdk_build

restore_host() {
  kill ${BENCH_GW_PID:-} ${BENCH_HOST_PID:-} 2>/dev/null || true
  (cd "$root" && ./tmcp up >/dev/null 2>&1) || warn "could not start the stack's host again: ./tmcp up"
}
trap restore_host EXIT

TMCP_CORS_ALLOWED_ORIGINS=$HOST_URL start_bench_gateway "$PORT" $((PORT + 1))
host_stop
GATEWAY_URL=http://127.0.0.1:$PORT node "$root/host/server.mjs" >"$bench_logs/bench-host.log" 2>&1 &
BENCH_HOST_PID=$!
wait_until "bench host" 20 http_ok "$HOST_URL/health"

(cd "$root/sdk" && node scripts/size.mjs)
GATEWAY_URL=http://127.0.0.1:$PORT node "$root/bench/host-pay-to-card.mjs" "$PAYMENTS"
