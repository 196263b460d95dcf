#!/usr/bin/env bash
# Throughput with two replicas and with one (needs `./tmcp up --replicas 2`), side by side in one
# run: the P2P throughput part of bench/p2p.sh (SENDERS users in parallel, PER_SENDER
# initiate+confirm pairs each, the sum of all balances checked) through a bench gateway that
# balances over every replica; then the second instances of every service are stopped and the same
# load runs through a bench gateway that knows only the first ones; then the second instances are
# started again. A short warm-up pass on every replica comes first. This machine has two cores, so the point is that nothing breaks, not a speed-up.
#   bench/replicas.sh [SENDERS] [PER_SENDER] [DEADLINE_SECONDS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# svc_export_replica_urls: the replica lists `./tmcp up --replicas N` gives the services and the gateway
source "$root/deploy/scripts/services.sh"

SENDERS=${1:-12}
PER_SENDER=${2:-8}
DEADLINE=${3:-150}
PORT=${BENCH_REPLICAS_PORT:-18480}
replicas=$(cat "$stack_dir/replicas" 2>/dev/null || echo 1)
(( replicas >= 2 )) || die "start the stack with ./tmcp up --replicas 2"
LIBS=$(mktemp -d)
trap 'kill ${BENCH_GW_PID:-} 2>/dev/null || true; rm -rf "$LIBS"' EXIT
port_open 127.0.0.1 "$PORT" && die "port $PORT is taken (set BENCH_REPLICAS_PORT)"
cp "$(stack_app gateway)"/lib/jackson-* "$LIBS"

# measure LABEL [SENDERS PER_SENDER] -> "LABEL rate p50 p99 done invariant" from one throughput run through a fresh bench gateway
measure() {
  local label=$1 senders=${2:-$SENDERS} per=${3:-$PER_SENDER} out
  start_bench_gateway "$PORT" $((PORT + 10))
  log "$label: $senders senders x $per transfers"
  out=$(bench_java P2pBench "$LIBS" "http://127.0.0.1:$PORT" 0 "$senders" "$per" "$DEADLINE")
  kill "$BENCH_GW_PID"; wait "$BENCH_GW_PID" 2>/dev/null || true; BENCH_GW_PID=
  awk -v label="$label" '
    $1 == "throughput_transfers" { done = $2 "/" $2 + $4 }
    $1 == "throughput_rate" { rate = $2 } $1 == "throughput_confirm_p50" { p50 = $2 }
    $1 == "throughput_confirm_p99" { p99 = $2 } $1 == "invariant" { inv = $2 }
    END { printf "%s %s %s %s %s %s\n", label, rate, p50, p99, done, inv }' <<<"$out"
}

second_instances() { for f in "$stack_dir"/pids/*-2.pid; do [ -e "$f" ] && basename "$f" .pid; done; }

svc_export_replica_urls "$replicas"
# Every replica serves a few transfers first, so neither setup runs on colder JVMs than the other.
measure warm-up 6 4 >/dev/null
two=$(measure "$replicas-replicas")
stopped=$(second_instances)
log "stopping$(printf ' %s' $stopped)"
for m in $stopped; do kill -TERM "$(cat "$stack_dir/pids/$m.pid")" 2>/dev/null || true; done
for m in $stopped; do
  pid=$(cat "$stack_dir/pids/$m.pid"); while kill -0 "$pid" 2>/dev/null; do sleep 1; done
done
svc_export_replica_urls 1
one=$(measure "1-replica")
log "starting the stopped instances again"
"$root/tmcp" up --replicas "$replicas" >&2

echo
printf '%-12s %14s %14s %14s %10s %s\n' setup "transfers/s" "confirm p50" "confirm p99" completed invariant
for row in "$one" "$two"; do
  read -r label rate p50 p99 done inv <<<"$row"
  printf '%-12s %14s %11s ms %11s ms %10s %s\n' "$label" "$rate" "$p50" "$p99" "$done" "$inv"
done
awk -v a="$(cut -d' ' -f2 <<<"$two")" -v b="$(cut -d' ' -f2 <<<"$one")" \
  'BEGIN { if (b > 0) printf "throughput ratio %d replicas / 1 replica: %.2f (2 cores: both share the same CPUs)\n", '"$replicas"', a / b }'
