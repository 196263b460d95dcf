#!/usr/bin/env bash
# P2P benchmark (needs `./tmcp up`), through a bench gateway (the stack's jar, rate rows scaled up
# so they count but do not refuse; the P2P row alone allows 13 transfers a user an hour):
#  (a) settlement: N sequential transfers, from the confirm request to the m.tween.wallet.p2p
#      event readable in the room through the recipient's /sync (spec goal: under 3 s);
#  (b) throughput: SENDERS users in parallel, each with its own recipient and room, PER_SENDER
#      initiate+confirm pairs each: transfers/s, confirm latency, and the sum of all their
#      balances before and after.
# Real homeserver users with activated, funded (sandbox) wallets; 1.00 USD transfers, below the
# acceptance threshold. Bounded by count and by DEADLINE_SECONDS.
#   bench/p2p.sh [N] [SENDERS] [PER_SENDER] [DEADLINE_SECONDS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

N=${1:-50}
SENDERS=${2:-16}
PER_SENDER=${3:-10}
DEADLINE=${4:-150}
PORT=${BENCH_P2P_PORT:-18380}
LIBS=$(mktemp -d)
trap 'kill ${BENCH_GW_PID:-} 2>/dev/null || true; rm -rf "$LIBS"' EXIT

port_open 127.0.0.1 "$PORT" && die "port $PORT is taken (set BENCH_P2P_PORT)"
start_bench_gateway "$PORT" $((PORT + 10))
(cd "$LIBS" && unzip -q -j "$stack_dir/run/gateway.jar" 'BOOT-INF/lib/jackson-*')

log "settlement: $N transfers; throughput: $SENDERS senders x $PER_SENDER transfers; at most ${DEADLINE}s"
out=$(bench_java P2pBench "$LIBS" "http://127.0.0.1:$PORT" "$N" "$SENDERS" "$PER_SENDER" "$DEADLINE")
echo
echo "$out" | awk '{ name = $1; $1 = ""; printf "%-26s %s\n", name, substr($0, 2) }'
