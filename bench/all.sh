#!/usr/bin/env bash
# Every benchmark of the suite in one run, each figure against its ceiling measured in the same
# run, each the median of BENCH_REPS repetitions. Prints one table: figure, ceiling, ratio, target.
# Needs `./tmcp up`; with --up it first stops the stack and times `./tmcp up`.
#   bench/all.sh [--up]
#   BENCH_REPS (3), BENCH_SECONDS (10, each measured run), BENCH_WARMUP_FIRST (30, once per target),
#   BENCH_WARMUP (5, before each run),
#   BENCH_CONNECTIONS (16), BENCH_P2P_SENDERS (4), BENCH_SKIP ("" or words of: p2p bridge)
# The gateway under test is a second one beside the stack's, its rate rows scaled up a million
# times: every row is still charged on every request, none refuses (a benchmark measures capacity).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
up_seconds=""
if [ "${1:-}" = --up ]; then
  (cd "$here/.." && ./tmcp down) >/dev/null 2>&1 || true
  t0=$(date +%s%N)
  (cd "$here/.." && ./tmcp up) >/tmp/bench-up.log 2>&1 || { echo "./tmcp up failed, see /tmp/bench-up.log" >&2; exit 1; }
  up_seconds=$(( ($(date +%s%N) - t0) / 1000000000 ))
fi
source "$here/lib.sh"
apt_ensure pgbench postgresql-client

REPS=${BENCH_REPS:-3}
SECONDS_EACH=${BENCH_SECONDS:-10}
export BENCH_WARMUP=${BENCH_WARMUP:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
SENDERS=${BENCH_P2P_SENDERS:-4}
SKIP=${BENCH_SKIP:-}
GW_PORT=18080
HELLO_PORT=8099
HELLO_JAR="$root/bench/hello-server/target/hello-server.jar"
work=$(mktemp -d)
mkdir -p "$work/rss" "$work/libs"

cleanup() {
  rss_sampler_stop
  kill ${HELLO_PID:-} ${BENCH_GW_PID:-} 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# median FILE COLUMN -> the median of a column of numbers
median() { awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
# field NAME < "name value ..." lines -> value
field() { awk -v n="$1" '$1 == n { print $2; exit }'; }
rate_load() { "$JAVA" -cp "$work/classes" bench.RateLoad "$@"; }

"$(dirname "$JAVA")/javac" -nowarn -d "$work/classes" "$root/bench/RateLoad.java"
rss_sampler_start "$work/rss"
[ -f "$HELLO_JAR" ] || (cd "$root" && ./mvnw -B -q -DskipTests -pl bench/hello-server -am install) >&2
"$JAVA" -Xms64m -Xmx384m -XX:+UseSerialGC -jar "$HELLO_JAR" --server.port=$HELLO_PORT >"$bench_logs/hello-server.log" 2>&1 &
HELLO_PID=$!
start_bench_gateway $GW_PORT 18090
wait_until "hello-server" 60 http_ok "http://127.0.0.1:$HELLO_PORT/hello"

balance="$work/balance.lua"; storage="$work/storage.lua"
balance_lua "$balance" "$CONNECTIONS"; lua_tokens "$balance" "$work/balance.tokens"
storage_lua "$storage" "$CONNECTIONS"
GW="http://127.0.0.1:$GW_PORT"

# --- request path: gateway, direct, hello, storage ------------------------------------------------
log "warming up every target for ${BENCH_WARMUP_FIRST:-30}s (the JIT compiles the hot paths)"
BENCH_WARMUP=1 run_wrk gateway "$GW/wallet/v1/balance" "$CONNECTIONS" "${BENCH_WARMUP_FIRST:-30}" "$balance" >/dev/null
BENCH_WARMUP=1 run_wrk direct "$WALLET_ADAPTER_URL/wallet/v1/balance" "$CONNECTIONS" "${BENCH_WARMUP_FIRST:-30}" "$balance" >/dev/null
BENCH_WARMUP=1 run_wrk hello "http://127.0.0.1:$HELLO_PORT/hello" "$CONNECTIONS" "${BENCH_WARMUP_FIRST:-30}" >/dev/null
log "request path: $REPS repetitions of ${SECONDS_EACH}s runs after ${BENCH_WARMUP}s warm-ups, $CONNECTIONS connections"
for rep in $(seq 1 "$REPS"); do
  read -r _ gw_rps _ _ < <(run_wrk gateway "$GW/wallet/v1/balance" "$CONNECTIONS" "$SECONDS_EACH" "$balance")
  read -r _ direct_rps _ _ < <(run_wrk direct "$WALLET_ADAPTER_URL/wallet/v1/balance" "$CONNECTIONS" "$SECONDS_EACH" "$balance")
  read -r _ hello_rps _ _ < <(run_wrk hello "http://127.0.0.1:$HELLO_PORT/hello" "$CONNECTIONS" "$SECONDS_EACH")
  half=$(( direct_rps / 2 ))
  direct_p99=$(rate_load "$WALLET_ADAPTER_URL/wallet/v1/balance" "$half" "$SECONDS_EACH" "$work/balance.tokens" "$CONNECTIONS" | awk '{ print $10 }')
  gw_p99=$(rate_load "$GW/wallet/v1/balance" "$half" "$SECONDS_EACH" "$work/balance.tokens" "$CONNECTIONS" | awk '{ print $10 }')
  # PUT first: the keys GET reads exist from then on.
  read -r _ put_rps _ _ < <(BENCH_METHOD=PUT run_wrk put "$GW/api/v1/storage/" "$CONNECTIONS" "$SECONDS_EACH" "$storage")
  read -r _ get_rps _ _ < <(BENCH_METHOD=GET run_wrk get "$GW/api/v1/storage/" "$CONNECTIONS" "$SECONDS_EACH" "$storage")
  echo "$gw_rps $direct_rps $hello_rps $half $gw_p99 $direct_p99 $get_rps $put_rps" | tee -a "$work/path" >&2
done

rows="$work/rows"
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$rows"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
meets() { awk -v r="$1" -v op="$2" -v t="$3" 'BEGIN { print ((op == ">=" ? r >= t : r <= t) ? "yes" : "NO") }'; }
add() { # NAME FIGURE CEILING OP TARGET
  local r; r=$(ratio "$2" "$3")
  row "$1" "$2" "$3" "$r" "$4 $5" "$(meets "$r" "$4" "$5")"
}
gw=$(median "$work/path" 1); direct=$(median "$work/path" 2); hello=$(median "$work/path" 3)
add "gateway max req/s / direct max" "$gw" "$direct" ">=" 0.6
add "gateway p99 ms / direct p99, at $(median "$work/path" 4)/s" "$(median "$work/path" 5)" "$(median "$work/path" 6)" "<=" 1.5
add "balance direct req/s / hello" "$direct" "$hello" ">=" 0.15
add "storage GET 1 KB via gateway / hello" "$(median "$work/path" 7)" "$hello" ">=" 0.1
add "storage PUT 1 KB via gateway / hello" "$(median "$work/path" 8)" "$hello" ">=" 0.1

# --- P2P: transfers against PostgreSQL's and argon2's ceilings ---------------------------------
if [[ " $SKIP " != *" p2p "* ]]; then
  cp "$(stack_app gateway)"/lib/jackson-* "$work/libs"
  mkdir -p "$work/argon2"
  wallet_libs="$(stack_app wallet-adapter)/lib"
  cp "$wallet_libs"/spring-security-crypto-* "$wallet_libs"/bcprov-* "$wallet_libs"/spring-core-* \
    "$wallet_libs"/commons-logging-* "$work/argon2"
  "$(dirname "$JAVA")/javac" -nowarn -d "$work/argon2/classes" -cp "$work/argon2/*" "$root/bench/Argon2Ceiling.java"
  pgdb="bench_pgbench_$(date +%s)"
  export PGPASSWORD="$TMCP_DB_PASSWORD"
  pg=(-h "$TMCP_DB_HOST" -p "$TMCP_DB_PORT" -U "$TMCP_DB_USER")
  psql -q "${pg[@]}" -d postgres -c "create database $pgdb" >/dev/null
  pgbench -q -i -s 1 "${pg[@]}" "$pgdb" >/dev/null 2>&1
  log "P2P: $REPS repetitions; $SENDERS senders in parallel, PIN proofs then device signatures; settlement at 5/s"
  for rep in $(seq 1 "$REPS"); do
    tps=$(pgbench -c "$SENDERS" -j 2 -T "$SECONDS_EACH" "${pg[@]}" "$pgdb" 2>/dev/null | awk '/^tps/ { print int($3); exit }')
    argon=$("$JAVA" -cp "$work/argon2/classes:$work/argon2/*" bench.Argon2Ceiling "$(nproc)" "$SECONDS_EACH" \
      | field argon2_verifications_per_s)
    pin=$(P2P_PROOF=pin P2P_SETTLE_RATE=5 bench_java P2pBench "$work/libs" "$GW" 50 "$SENDERS" 10 300 2>>"$bench_logs/bench-p2p.log")
    device=$(P2P_PROOF=device bench_java P2pBench "$work/libs" "$GW" 0 "$SENDERS" 10 300 2>>"$bench_logs/bench-p2p.log")
    echo "$tps $argon $(field throughput_rate <<<"$pin") $(field throughput_rate <<<"$device") $(field settlement_event_p99 <<<"$pin")" \
      | tee -a "$work/p2p" >&2
  done
  psql -q "${pg[@]}" -d postgres -c "drop database if exists $pgdb" >/dev/null
  add "P2P device-signed transfers/s / pgbench TPC-B tps ($SENDERS clients)" "$(median "$work/p2p" 4)" "$(median "$work/p2p" 1)" ">=" 0.1
  add "P2P PIN transfers/s / argon2id verifications/s" "$(median "$work/p2p" 3)" "$(median "$work/p2p" 2)" ">=" 0.8
  row "settlement p99 ms at 5/s (confirm -> recipient's /sync)" "$(median "$work/p2p" 5)" "-" "-" "<= 300 ms" \
    "$(meets "$(median "$work/p2p" 5)" "<=" 300)"
fi

# --- matrix-bridge against a plain client of the same homeserver --------------------------------
if [[ " $SKIP " != *" bridge "* ]]; then
  log "matrix-bridge: $REPS repetitions of a 1,000-event burst over 10 rooms, then paced at half its rate"
  for rep in $(seq 1 "$REPS"); do
    burst=$("$root/bench/bridge.sh" 10 1000 1 1 2>>"$bench_logs/bench-bridge-all.log")
    max=$(field events_per_second <<<"$burst"); plain=$(field plain_client_events_per_second <<<"$burst")
    paced=$("$root/bench/bridge.sh" 10 100 "$(awk -v m="$max" 'BEGIN { printf "%d", (m / 2 < 1 ? 1 : m / 2) }')" 15 \
      2>>"$bench_logs/bench-bridge-all.log")
    echo "$max ${plain:-0} $(field latency_p99_ms <<<"$paced")" | tee -a "$work/bridge" >&2
  done
  add "bridge events/s / plain client events/s" "$(median "$work/bridge" 1)" "$(median "$work/bridge" 2)" ">=" 0.8
  row "bridge delay p99 ms at half its rate" "$(median "$work/bridge" 3)" "-" "-" "<= 500 ms" \
    "$(meets "$(median "$work/bridge" 3)" "<=" 500)"
fi

rss_sampler_stop
peak=0; worst=""
for n in "${rss_names[@]}"; do
  p=$(cat "$work/rss/$n.peak"); [ "$p" -gt "$peak" ] && { peak=$p; worst=$n; }
done
idle_peak=$(for n in "${rss_names[@]}"; do echo "$(cat "$work/rss/$n.idle")"; done | sort -n | tail -1)
row "largest RSS MB at idle" "$idle_peak" "-" "-" "<= 350" "$(meets "$idle_peak" "<=" 350)"
row "largest RSS MB under load ($worst)" "$peak" "-" "-" "<= 350" "$(meets "$peak" "<=" 350)"
[ -n "$up_seconds" ] && row "./tmcp up on a stopped stack, s" "$up_seconds" "-" "-" "<= 60" "$(meets "$up_seconds" "<=" 60)"

echo
printf '%-62s %10s %10s %8s %10s %5s\n' figure value ceiling ratio target met
awk -F'\t' '{ printf "%-62s %10s %10s %8s %10s %5s\n", $1, $2, $3, $4, $5, $6 }' "$rows"
echo
echo "medians of $REPS; per repetition:"
echo "  request path (gw_rps direct_rps hello_rps half_rate gw_p99 direct_p99 get_rps put_rps):"
sed 's/^/    /' "$work/path"
[ -f "$work/p2p" ] && { echo "  p2p (pgbench_tps argon2_per_s pin_rate device_rate settle_p99):"; sed 's/^/    /' "$work/p2p"; }
[ -f "$work/bridge" ] && { echo "  bridge (events_per_s plain_per_s paced_p99):"; sed 's/^/    /' "$work/bridge"; }
echo "  RSS MB (idle peak):"
for n in "${rss_names[@]}"; do printf '    %-20s %6s %6s\n' "$n" "$(cat "$work/rss/$n.idle")" "$(cat "$work/rss/$n.peak")"; done
