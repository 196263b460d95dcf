#!/usr/bin/env bash
# Memory of each service (needs `./tmcp up`): resident set size at idle, then its peak while a
# benchmark runs (bench/p2p.sh by default: transfers through gateway, payment-service,
# wallet-adapter, Kafka and matrix-bridge), sampled every 0.5 s from /proc. The figures behind the
# charts' memory requests and limits.
#   bench/rss.sh [BENCHMARK ARGS...]     e.g. bench/rss.sh bench/p2p.sh 20 16 10
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -gt 0 ] || set -- "$root/bench/p2p.sh" 20 16 10
pids=$(mktemp -d)
trap 'kill ${sampler:-} 2>/dev/null || true; rm -rf "$pids"' EXIT

names=()
for f in "$stack_dir"/pids/*.pid; do
  name=$(basename "$f" .pid)
  case "$name" in gateway*|auth-service*|wallet-adapter*|payment-service*|storage-service*|appstore-service*|matrix-bridge*) ;; *) continue ;; esac
  # The recorded pid leads the process group; the JVM is that process (or its only child).
  pid=$(cat "$f"); kill -0 "$pid" 2>/dev/null || continue
  names+=("$name"); echo "$pid" >"$pids/$name"
done
[ ${#names[@]} -gt 0 ] || die "no running service found under $stack_dir/pids"

rss_mb() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }

for n in "${names[@]}"; do rss_mb "$(cat "$pids/$n")" >"$pids/$n.idle"; cp "$pids/$n.idle" "$pids/$n.peak"; done
(
  while :; do
    for n in "${names[@]}"; do
      now=$(rss_mb "$(cat "$pids/$n")"); peak=$(cat "$pids/$n.peak")
      [ "$now" -gt "$peak" ] && echo "$now" >"$pids/$n.peak"
    done
    sleep 0.5
  done
) &
sampler=$!

log "load: $*"
"$@" >"$bench_logs/rss-load.log" 2>&1 || warn "the load ended with an error, see $bench_logs/rss-load.log"
kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true

printf '\n%-20s %10s %10s %8s\n' service "idle MB" "peak MB" ratio
for n in "${names[@]}"; do
  idle=$(cat "$pids/$n.idle"); peak=$(cat "$pids/$n.peak")
  awk -v n="$n" -v i="$idle" -v p="$peak" 'BEGIN { printf "%-20s %10d %10d %8.2f\n", n, i, p, (i > 0 ? p / i : 0) }'
done
echo
tail -n 12 "$bench_logs/rss-load.log"
