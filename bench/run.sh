#!/usr/bin/env bash
# Benchmark harness (needs `./tmcp up`): in one run, GET /wallet/v1/balance through the gateway,
# the same call straight to wallet-adapter, and a trivial hello endpoint on the same server stack.
# Prints requests/s, p50 and p99 for each, and the ratios. Loopback only, bounded in time.
#   bench/run.sh [DURATION_SECONDS] [CONNECTIONS]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/deploy/scripts/lib.sh"
apt_ensure wrk wrk
apt_ensure jq jq
find_jdk
[ -f "$root/.tmcp/stack.env" ] || die "start the stack first: ./tmcp up"
set -a; source "$root/.tmcp/stack.env"; set +a

DURATION=${1:-20}
CONNECTIONS=${2:-16}
HELLO_PORT=8099
HELLO_JAR="$root/bench/hello-server/target/hello-server.jar"

[ -f "$HELLO_JAR" ] || (cd "$root" && ./mvnw -B -q -DskipTests -pl bench/hello-server -am install) >&2
"$JAVA" -Xms64m -Xmx384m -XX:+UseSerialGC -jar "$HELLO_JAR" --server.port=$HELLO_PORT >"$root/.tmcp/logs/hello-server.log" 2>&1 &
HELLO_PID=$!
trap 'kill $HELLO_PID 2>/dev/null || true' EXIT
wait_until "hello-server" 60 http_ok "http://127.0.0.1:$HELLO_PORT/hello"

# One TEP per connection (fresh homeserver users, as the demo gets them), so the gateway's per-user
# rate limit (100/s by default) measures capacity rather than refusing the load.
tep_for() {
  local user=$1 nonce mac matrix_token
  nonce=$(curl -sf "$SYNAPSE_URL/_synapse/admin/v1/register" | jq -r .nonce)
  mac=$(printf '%s\0%s\0%s\0%s' "$nonce" "$user" "pw-$user" notadmin | openssl dgst -sha1 -hmac "$SYNAPSE_REGISTRATION_SECRET" | awk '{print $NF}')
  matrix_token=$(curl -sf -X POST "$SYNAPSE_URL/_synapse/admin/v1/register" -H 'Content-Type: application/json' \
    -d "$(jq -nc --arg n "$nonce" --arg u "$user" --arg p "pw-$user" --arg m "$mac" '{nonce:$n,username:$u,password:$p,admin:false,mac:$m}')" \
    | jq -r .access_token)
  curl -sf -X POST "$GATEWAY_URL/oauth2/token" \
    --data-urlencode 'grant_type=urn:ietf:params:oauth:grant-type:token-exchange' \
    --data-urlencode "subject_token=$matrix_token" \
    --data-urlencode 'subject_token_type=urn:ietf:params:oauth:token-type:access_token' \
    --data-urlencode "client_id=$DEMO_MINIAPP_CLIENT_ID" --data-urlencode 'scope=wallet:balance' | jq -r .access_token
}
run_id=$(date +%s)
TOKENS_LUA="$root/.tmcp/bench-tokens.lua"
{
  echo "tokens = {"
  for i in $(seq 1 "$CONNECTIONS"); do
    tep=$(tep_for "bench_${run_id}_$i"); [ -n "$tep" ] && [ "$tep" != null ] || die "could not obtain a TEP"
    echo "  \"$tep\","
  done
  echo "}"
  cat <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  wrk.headers["Authorization"] = "Bearer " .. tokens[(counter % #tokens) + 1]
  return wrk.format()
end
LUA
} >"$TOKENS_LUA"
TEP=$(sed -n '2p' "$TOKENS_LUA" | tr -d ' ",')

# run NAME URL [AUTH] -> "NAME rps p50_ms p99_ms"
run() {
  local name=$1 url=$2 auth=${3:-} out
  local args=(-t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 5s)
  [ -n "$auth" ] && args+=(-s "$TOKENS_LUA")
  curl -sf -o /dev/null ${auth:+-H "Authorization: Bearer $auth"} "$url" || die "$name: $url does not answer 200"
  wrk "${args[@]}" -d10s "$url" >/dev/null   # warm-up (JIT, connection pools, JWKS cache)
  out=$(wrk "${args[@]}" "$url")
  grep -q 'Non-2xx' <<<"$out" && warn "$name: some responses were not 2xx: $(grep Non-2xx <<<"$out")"
  awk -v name="$name" '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Requests/sec:" { rps = $2 }
    END { printf "%s %.0f %.2f %.2f\n", name, rps, p50, p99 }' <<<"$out"
}

log "each target: ${DURATION}s, $CONNECTIONS connections, 2 wrk threads, after a 10 s warm-up"
results=$(
  run gateway "$GATEWAY_URL/wallet/v1/balance" "$TEP"
  run direct "$WALLET_ADAPTER_URL/wallet/v1/balance" "$TEP"
  run hello "http://127.0.0.1:$HELLO_PORT/hello"
)
echo
printf '%-28s %12s %10s %10s\n' target requests/s p50_ms p99_ms
awk '{ label = ($1 == "gateway" ? "balance via gateway" : $1 == "direct" ? "balance direct (wallet-adapter)" : "hello (same server stack)");
       printf "%-28s %12s %10s %10s\n", label, $2, $3, $4 }' <<<"$results"
echo
awk '{ rps[$1] = $2; p99[$1] = $4 }
  END {
    printf "throughput ratio gateway/direct: %.2f   direct/hello: %.2f\n", rps["gateway"] / rps["direct"], rps["direct"] / rps["hello"]
    printf "p99 ratio        gateway/direct: %.2f   direct/hello: %.2f\n", p99["gateway"] / p99["direct"], p99["direct"] / p99["hello"]
  }' <<<"$results"
