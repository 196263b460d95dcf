#!/usr/bin/env bash
# P2P benchmark (needs `./tmcp up`), through a bench gateway (the stack's jar, rate rows scaled up
# so they count but do not refuse; the P2P row alone allows 13 transfers a user an hour):
#  (a) settlement: N transfers, from the confirm request to the m.tween.wallet.p2p event readable
#      in the room through the recipient's /sync (spec goal: under 3 s); sequential, or with
#      P2P_SETTLE_RATE=R (transfers/s) one started every 1/R s, round-robin over
#      P2P_SETTLE_SENDERS (default 5) senders, each with its own recipient and room;
#  (b) throughput: SENDERS users in parallel, each with its own recipient and room, PER_SENDER
#      initiate+confirm pairs each: transfers/s, confirm latency, and the sum of all their
#      balances before and after. Confirms prove with the hashed PIN, or with P2P_PROOF=device
#      with an ES256 signature by a device key each sender registered at activation.
# Real homeserver users with activated, funded (sandbox) wallets; 1.00 USD transfers, below the
# acceptance threshold. Bounded by count and by DEADLINE_SECONDS.
#   [P2P_PROOF=pin|device] [P2P_SETTLE_RATE=0] bench/p2p.sh [N] [SENDERS] [PER_SENDER] [DEADLINE_SECONDS]
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
cp "$(stack_app gateway)"/lib/jackson-* "$LIBS"

log "settlement: $N transfers (${P2P_SETTLE_RATE:-0}/s, 0 = sequential); throughput: $SENDERS senders x $PER_SENDER transfers, ${P2P_PROOF:-pin} proofs; at most ${DEADLINE}s"
out=$(bench_java P2pBench "$LIBS" "http://127.0.0.1:$PORT" "$N" "$SENDERS" "$PER_SENDER" "$DEADLINE")
echo
echo "$out" | awk '{ name = $1; $1 = ""; printf "%-26s %s\n", name, substr($0, 2) }'
