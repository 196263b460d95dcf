#!/usr/bin/env bash
# Memory of each service (needs `./tmcp up`): resident set size at idle, then its peak while a
# benchmark runs (bench/p2p.sh by default: transfers through gateway, payment-service,
# wallet-adapter, Kafka and matrix-bridge), sampled every 0.5 s from /proc. The figures behind the
# charts' memory requests and limits.
#   bench/rss.sh [BENCHMARK ARGS...]     e.g. bench/rss.sh bench/p2p.sh 20 16 10
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -gt 0 ] || set -- "$root/bench/p2p.sh" 20 16 10
pids=$(mktemp -d)
trap 'rss_sampler_stop; rm -rf "$pids"' EXIT

rss_sampler_start "$pids"

log "load: $*"
"$@" >"$bench_logs/rss-load.log" 2>&1 || warn "the load ended with an error, see $bench_logs/rss-load.log"
rss_sampler_stop

printf '\n%-20s %10s %10s %8s\n' service "idle MB" "peak MB" ratio
for n in "${rss_names[@]}"; do
  idle=$(cat "$pids/$n.idle"); peak=$(cat "$pids/$n.peak")
  awk -v n="$n" -v i="$idle" -v p="$peak" 'BEGIN { printf "%-20s %10d %10d %8.2f\n", n, i, p, (i > 0 ? p / i : 0) }'
done
echo
tail -n 12 "$bench_logs/rss-load.log"
