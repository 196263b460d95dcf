#!/usr/bin/env bash
# Token-exchange benchmark (needs `./tmcp up`): in one run, N exchanges whose Matrix token the
# introspection cache has not seen (cold: homeserver whoami on the path) and N whose token it has
# (warm: verified moments before, as when a user opens a second mini-app). Every token is fresh, so
# the one-time rule of spec 4.9.3 holds and each exchange issues a real TEP. Calls go straight to
# auth-service: the gateway's per-address ceiling on /oauth2/token would otherwise be measured.
#   bench/identity.sh [EXCHANGES_PER_GROUP] [PARALLEL]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
apt_ensure bc bc

N=${1:-150}
P=${2:-8}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run=$(date +%s)

export -f matrix_token_for
export SYNAPSE_URL SYNAPSE_REGISTRATION_SECRET

log "registering $((2 * N)) homeserver users (one token each; the token rows allow 13 exchanges a user)"
seq 1 "$N" | xargs -P "$P" -I{} bash -c "matrix_token_for idc_${run}_{}" >"$work/cold.tokens"
seq 1 "$N" | xargs -P "$P" -I{} bash -c "matrix_token_for idw_${run}_{}" >"$work/warm.tokens"

# Warm the introspection cache: the user-facing revocation door verifies the token (and finds
# nothing to revoke for a mini-app the user never opened).
xargs -P "$P" -I{} curl -sf -o /dev/null -X DELETE -H "Authorization: Bearer {}" \
  "$AUTH_SERVICE_URL/api/v1/auth/authorizations/ma_bench_not_opened" <"$work/warm.tokens"

exchange_all() { # TOKENS_FILE OUT_FILE -> prints wall seconds
  local start end
  start=$(date +%s.%N)
  xargs -P "$P" -I{} curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$AUTH_SERVICE_URL/oauth2/token" \
    --data-urlencode 'grant_type=urn:ietf:params:oauth:grant-type:token-exchange' \
    --data-urlencode 'subject_token={}' \
    --data-urlencode 'subject_token_type=urn:ietf:params:oauth:token-type:access_token' \
    --data-urlencode "client_id=$DEMO_MINIAPP_CLIENT_ID" --data-urlencode 'scope=user:read' <"$1" >"$2"
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

log "exchanging: $N cold, then $N warm, $P in parallel"
cold_wall=$(exchange_all "$work/cold.tokens" "$work/cold.out")
warm_wall=$(exchange_all "$work/warm.tokens" "$work/warm.out")

summary() { # LABEL OUT WALL
  local ok p50 p99
  ok=$(awk '$1 == 200' "$2" | wc -l)
  p50=$(awk '{print $2 * 1000}' "$2" | sort -n | awk '{a[NR]=$1} END {print a[int(NR*0.5)+(NR*0.5>int(NR*0.5))]}')
  p99=$(awk '{print $2 * 1000}' "$2" | sort -n | awk '{a[NR]=$1} END {i=int(NR*0.99); if (i < NR*0.99) i++; print a[i]}')
  printf '%-34s %6s/%-6s %12.1f %10.1f %10.1f\n' "$1" "$ok" "$(wc -l <"$2")" "$(echo "$(wc -l <"$2") / $3" | bc -l)" "$p50" "$p99"
}
echo
printf '%-34s %13s %12s %10s %10s\n' target ok/total exchanges/s p50_ms p99_ms
summary "token exchange, cold cache" "$work/cold.out" "$cold_wall"
summary "token exchange, warm cache" "$work/warm.out" "$warm_wall"
awk -v c="$cold_wall" -v w="$warm_wall" 'BEGIN { printf "throughput ratio warm/cold: %.2f\n", c / w }'
