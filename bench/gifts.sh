#!/usr/bin/env bash
# Gift benchmark (needs `./tmcp up`), through a bench gateway (the stack's jar, rate rows scaled up
# so they count but do not refuse): OPENERS fresh users, a TEP each, race to open a group gift of
# COUNT shares of TOTAL USD (all requests released at once), repeated over GIFTS gifts after one
# warm-up gift; each gift from its own activated, sandbox-funded sender (a level-1 wallet sends at
# most 1000.00 a payment). Prints per gift: successful opens, 409s, opens/s (successful opens over
# the time to the last one) and requests/s, p50/p99 of successful opens and of the 409 answers, and
# the check that exactly COUNT opens succeeded and add up to TOTAL (GET /wallet/v1/gift/{id}); at the
# end, that every opener's wallet holds what they were answered. Bounded by count and DEADLINE_SECONDS.
#   bench/gifts.sh [GIFTS] [OPENERS] [COUNT] [TOTAL] [DISTRIBUTION] [DEADLINE_SECONDS]
# From a git worktree: TMCP_STACK_DIR=/path/to/checkout/.tmcp bench/gifts.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

GIFTS=${1:-4}
OPENERS=${2:-200}
COUNT=${3:-50}
TOTAL=${4:-500.00}
DISTRIBUTION=${5:-random}
DEADLINE=${6:-150}
PORT=${BENCH_GIFTS_PORT:-18480}
LIBS=$(mktemp -d)
trap 'kill ${BENCH_GW_PID:-} 2>/dev/null || true; rm -rf "$LIBS"' EXIT

port_open 127.0.0.1 "$PORT" && die "port $PORT is taken (set BENCH_GIFTS_PORT)"
start_bench_gateway "$PORT" $((PORT + 10))
cp "$(stack_app gateway)"/lib/jackson-* "$LIBS"

log "$GIFTS gifts of $COUNT shares ($TOTAL USD, $DISTRIBUTION), $OPENERS openers racing each; at most ${DEADLINE}s"
bench_java GiftBench "$LIBS" "http://127.0.0.1:$PORT" "$GIFTS" "$OPENERS" "$COUNT" "$TOTAL" \
  "$DISTRIBUTION" "$DEADLINE"
