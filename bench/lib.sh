#!/usr/bin/env bash
# Shared by the benchmark scripts: stack environment, TEPs for fresh users, and one wrk run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/deploy/scripts/lib.sh"
source "$root/deploy/scripts/services.sh"
apt_ensure wrk wrk
apt_ensure jq jq
find_jdk
# A git worktree benchmarks the stack of another checkout: TMCP_STACK_DIR=/path/to/checkout/.tmcp
stack_dir=${TMCP_STACK_DIR:-$root/.tmcp}
bench_logs=${BENCH_LOG_DIR:-$stack_dir/logs}
mkdir -p "$bench_logs"
[ -f "$stack_dir/stack.env" ] || die "start the stack first: ./tmcp up"
set -a; source "$stack_dir/stack.env"; set +a

# matrix_token_for USER -> a homeserver access token for a freshly registered user
matrix_token_for() {
  local user=$1 nonce mac
  nonce=$(curl -sf "$SYNAPSE_URL/_synapse/admin/v1/register" | jq -r .nonce)
  mac=$(printf '%s\0%s\0%s\0%s' "$nonce" "$user" "pw-$user" notadmin | openssl dgst -sha1 -hmac "$SYNAPSE_REGISTRATION_SECRET" | awk '{print $NF}')
  curl -sf -X POST "$SYNAPSE_URL/_synapse/admin/v1/register" -H 'Content-Type: application/json' \
    -d "$(jq -nc --arg n "$nonce" --arg u "$user" --arg p "pw-$user" --arg m "$mac" '{nonce:$n,username:$u,password:$p,admin:false,mac:$m}')" \
    | jq -r .access_token
}

# tep_of MATRIX_TOKEN CLIENT_ID SCOPE -> a TEP from the gateway's token exchange
tep_of() {
  curl -sf -X POST "$GATEWAY_URL/oauth2/token" \
    --data-urlencode 'grant_type=urn:ietf:params:oauth:grant-type:token-exchange' \
    --data-urlencode "subject_token=$1" \
    --data-urlencode 'subject_token_type=urn:ietf:params:oauth:token-type:access_token' \
    --data-urlencode "client_id=$2" --data-urlencode "scope=$3" | jq -r .access_token
}

# tep_for USER SCOPE -> a TEP of the demo app for a freshly registered homeserver user (as the demo gets one)
tep_for() {
  tep_of "$(matrix_token_for "$1")" "$DEMO_MINIAPP_CLIENT_ID" "$2"
}

# tokens_lua FILE SCOPE COUNT -> a wrk script table `tokens` with one TEP per connection, so the
# gateway's per-user rate limits measure capacity instead of refusing the load
tokens_lua() {
  local file=$1 scope=$2 count=$3 run tep i
  run=$(date +%s)
  {
    echo "tokens = {"
    for i in $(seq 1 "$count"); do
      tep=$(tep_for "bench_${run}_$i" "$scope"); [ -n "$tep" ] && [ "$tep" != null ] || die "could not obtain a TEP"
      echo "  \"$tep\","
    done
    echo "}"
  } >"$file"
}

# balance_lua FILE COUNT -> a wrk script: GET with the next of COUNT users' wallet:balance TEPs
balance_lua() {
  tokens_lua "$1" wallet:balance "$2"
  cat >>"$1" <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  wrk.headers["Authorization"] = "Bearer " .. tokens[(counter % #tokens) + 1]
  return wrk.format()
end
LUA
}

# storage_lua FILE COUNT -> a wrk script: GET, or PUT of a 1 KB value when BENCH_METHOD=PUT, of one
# of 50 keys under /api/v1/storage/, with the next of COUNT users' storage TEPs
storage_lua() {
  local value
  tokens_lua "$1" "storage:read storage:write" "$2"
  value=$(head -c 1024 /dev/zero | tr '\0' 'v')
  cat >>"$1" <<LUA
counter = 0
body = '{"value":"$value"}'
request = function()
  counter = counter + 1
  local token = tokens[(counter % #tokens) + 1]
  local path = "/api/v1/storage/bench_" .. (counter % 50)
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  if os.getenv("BENCH_METHOD") == "PUT" then
    return wrk.format("PUT", path, headers, body)
  end
  return wrk.format("GET", path, headers)
end
LUA
}

# lua_tokens LUA OUT -> the TEPs of a tokens_lua script, one per line (for bench/RateLoad.java)
lua_tokens() {
  grep -o '"tep\.[^"]*"' "$1" | tr -d '"' >"$2"
}

# run_wrk NAME URL CONNECTIONS DURATION [LUA] -> "NAME rps p50_ms p99_ms" (after a warm-up of
# BENCH_WARMUP seconds, 10 by default)
run_wrk() {
  local name=$1 url=$2 connections=$3 duration=$4 lua=${5:-} out
  local args=(-t2 -c"$connections" --latency --timeout 5s)
  [ -n "$lua" ] && args+=(-s "$lua")
  wrk "${args[@]}" -d"${BENCH_WARMUP:-10}s" "$url" >/dev/null
  out=$(wrk "${args[@]}" -d"${duration}s" "$url")
  grep -q 'Non-2xx' <<<"$out" && warn "$name: some responses were not 2xx: $(grep Non-2xx <<<"$out")"
  awk -v name="$name" '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Requests/sec:" { rps = $2 }
    END { printf "%s %.0f %.2f %.2f\n", name, rps, p50, p99 }' <<<"$out"
}

# stack_app NAME -> the folder the stack runs service NAME from (its jar extracted: NAME.jar, lib/).
stack_app() {
  local dir
  dir=$(cat "$stack_dir/run/$1.dir" 2>/dev/null) && [ -d "$dir/app" ] || {
    warn "$1 has not run from $stack_dir since its folders were introduced: ./tmcp restart $1"; kill -TERM $$; exit 1; }
  echo "$dir/app"
}

# start_bench_gateway PORT MANAGEMENT_PORT -> a second gateway beside the stack's, same jar and
# configuration, with every rate row scaled up a million times: the rows are policy, not capacity,
# and a benchmark measures capacity (the buckets are still charged on every request).
start_bench_gateway() {
  local port=$1 mgmt=$2
  local memory=()
  mapfile -t memory < <(service_jvm_memory)
  SERVER_PORT=$port MANAGEMENT_PORT=$mgmt TMCP_RATE_LIMIT_SCALE=1000000 MALLOC_ARENA_MAX=2 \
    "$JAVA" "${memory[@]}" -jar "$(stack_app gateway)/gateway.jar" >"$bench_logs/bench-gateway.log" 2>&1 &
  BENCH_GW_PID=$!
  wait_until "bench gateway" 90 http_ok "http://127.0.0.1:$mgmt/actuator/health/readiness"
}

# bench_java CLASS LIBS ARGS... -> compiles bench/CLASS.java with bench/BenchApi.java against the
# jars in LIBS (into LIBS/classes, which the caller removes with LIBS) and runs bench.CLASS
bench_java() {
  local class=$1 libs=$2
  shift 2
  "$(dirname "$JAVA")/javac" -nowarn -d "$libs/classes" -cp "$libs/*" "$root/bench/BenchApi.java" "$root/bench/$class.java" >&2
  "$JAVA" -cp "$libs/classes:$libs/*" "bench.$class" "$@"
}

# rss_sampler_start DIR -> samples every service's RSS each 0.5 s into DIR (NAME.idle, NAME.peak)
rss_sampler_start() {
  local dir=$1 f name pid
  rss_names=()
  for f in "$stack_dir"/pids/*.pid; do
    name=$(basename "$f" .pid)
    case "$name" in gateway*|auth-service*|wallet-adapter*|payment-service*|storage-service*|appstore-service*|matrix-bridge*) ;; *) continue ;; esac
    pid=$(cat "$f"); kill -0 "$pid" 2>/dev/null || continue
    rss_names+=("$name"); echo "$pid" >"$dir/$name"
  done
  [ ${#rss_names[@]} -gt 0 ] || die "no running service found under $stack_dir/pids"
  for name in "${rss_names[@]}"; do rss_mb "$(cat "$dir/$name")" >"$dir/$name.idle"; cp "$dir/$name.idle" "$dir/$name.peak"; done
  (
    while :; do
      for name in "${rss_names[@]}"; do
        now=$(rss_mb "$(cat "$dir/$name")"); peak=$(cat "$dir/$name.peak")
        [ "$now" -gt "$peak" ] && echo "$now" >"$dir/$name.peak"
      done
      sleep 0.5
    done
  ) &
  RSS_SAMPLER=$!
}

rss_sampler_stop() {
  kill "${RSS_SAMPLER:-}" 2>/dev/null || true
  wait "${RSS_SAMPLER:-}" 2>/dev/null || true
}

rss_mb() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }
