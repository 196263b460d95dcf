#!/usr/bin/env bash
# Chaos run for issue 18 (needs `./tmcp up` for Synapse, auth-service, matrix-bridge, PostgreSQL and
# Redis, and this checkout's jars: ./mvnw -o -q -pl payment-service,wallet-adapter -am package
# -Dmaven.test.skip=true). Starts its OWN payment-service and wallet-adapter from target/ on free
# ports and fresh databases (the stack's services and databases are never touched; the outbox relay
# is off, so nothing reaches the stack's Kafka), then runs OPERATIONS P2P operations (initiate +
# confirm; one in ten initiated and abandoned; an initiate turned away with 503 is sent again) between USERS funded users, PARALLEL at a time,
# while SIGKILLing one of its two services at seeded random moments (about every KILL_EVERY
# operations) and restarting it. No client ever retries. Then it waits for the recovery jobs and
# reports: operations, kills, transfers by final state, stuck items (both services'
# /internal/v1/stuck), and invariant violations:
#   - the ledger sums to zero, no wallet or hold account is negative, every hold is empty;
#   - a transfer is `completed` exactly when the ledger holds its movement (reference p2p:{id});
#   - every completed transfer has exactly one p2p.completed event, every expired one exactly one
#     p2p.status_changed and no card; nothing is left in an intermediate state.
#   bench/chaos.sh [OPERATIONS] [SEED] [USERS] [PARALLEL] [KILL_EVERY]
# CHAOS_KEEP_DB=1 keeps the two databases for inspection.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OPS=${1:-10000}
SEED=${2:-18}
USERS=${3:-20}
PAR=${4:-8}
KILL_EVERY=${5:-250}
# the SIGKILL comes this many seconds (plus up to the spread) into a batch, while requests are in flight
CHAOS_KILL_AFTER_MIN=${CHAOS_KILL_AFTER_MIN:-8}
CHAOS_KILL_AFTER_SPREAD=${CHAOS_KILL_AFTER_SPREAD:-15}
CHAOS_BREAKER_WAIT=${CHAOS_BREAKER_WAIT:-62}
RANDOM=$SEED
PAY_JAR="$root/payment-service/target/payment-service.jar"
WAL_JAR="$root/wallet-adapter/target/wallet-adapter.jar"
[ -f "$PAY_JAR" ] && [ -f "$WAL_JAR" ] || die "build the jars first (see the header)"

run=$(date +%s)
WPORT=${CHAOS_WALLET_PORT:-18782}
PPORT=${CHAOS_PAYMENT_PORT:-18783}
PDB="chaos_pay_$run"
WDB="chaos_wal_$run"
work=$(mktemp -d)
port_open 127.0.0.1 "$WPORT" && die "port $WPORT is taken (set CHAOS_WALLET_PORT)"
port_open 127.0.0.1 "$PPORT" && die "port $PPORT is taken (set CHAOS_PAYMENT_PORT)"

psql_on() { PGPASSWORD="$TMCP_DB_PASSWORD" psql -qtA -h "$TMCP_DB_HOST" -p "$TMCP_DB_PORT" -U "$TMCP_DB_USER" -d "$1" -c "$2"; }
cleanup() {
  kill -9 "${WPID:-}" "${PPID_:-}" 2>/dev/null || true
  wait "${WPID:-}" "${PPID_:-}" 2>/dev/null || true
  if [ -z "${CHAOS_KEEP_DB:-}" ]; then
    psql_on postgres "drop database if exists $PDB" >/dev/null 2>&1 || true
    psql_on postgres "drop database if exists $WDB" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
psql_on postgres "create database $PDB" >/dev/null
psql_on postgres "create database $WDB" >/dev/null

starts=0
start_wallet() {
  starts=$((starts + 1))
  SERVER_PORT=$WPORT MANAGEMENT_SERVER_PORT=$WPORT SERVER_ADDRESS=127.0.0.1 TMCP_DB_NAME=$WDB TMCP_SANDBOX_ENABLED=true \
    TMCP_WALLET_WITHDRAWALJOBINTERVAL=5s \
    "$JAVA" -Xms64m -Xmx384m -XX:+UseSerialGC -jar "$WAL_JAR" >"$bench_logs/chaos-wallet-$starts.log" 2>&1 &
  WPID=$!
}
start_payments() {
  starts=$((starts + 1))
  SERVER_PORT=$PPORT MANAGEMENT_SERVER_PORT=$PPORT SERVER_ADDRESS=127.0.0.1 TMCP_DB_NAME=$PDB \
    WALLET_ADAPTER_URL="http://127.0.0.1:$WPORT" TMCP_OUTBOX_RELAY_ENABLED=false \
    TMCP_PAYMENT_P2P_AUTHORIZATIONDEADLINE=20s TMCP_PAYMENT_P2P_RECOVERYGRACE=10s TMCP_P2P_SETTLEMENT_INTERVAL=2s \
    TMCP_PAYMENT_RECOVERYINTERVAL=2s TMCP_PAYMENT_RECOVERAFTER=20s TMCP_PAYMENT_REFUNDRECOVERAFTER=20s \
    TMCP_PAYMENT_STUCKMARGIN=30s \
    "$JAVA" -Xms64m -Xmx384m -XX:+UseSerialGC -jar "$PAY_JAR" >"$bench_logs/chaos-payment-$starts.log" 2>&1 &
  PPID_=$!
}
ready() { wait_until "$1" "${CHAOS_START_TIMEOUT:-600}" http_ok "http://127.0.0.1:$2/actuator/health/readiness"; }

log "own wallet-adapter :$WPORT ($WDB), payment-service :$PPORT ($PDB); seed $SEED"
start_wallet; ready wallet-adapter "$WPORT"
start_payments; ready payment-service "$PPORT"
W="http://127.0.0.1:$WPORT"
P="http://127.0.0.1:$PPORT"

log "$USERS users: homeserver accounts, TEPs, wallets activated and funded with 1000.00 on our ledger"
hashed_pin=$(printf '%s' 482913 | sha256sum | awk '{print $1}')
for i in $(seq 1 "$USERS"); do
  matrix_token=$(matrix_token_for "chaos_${run}_$i")
  tep=$(tep_of "$matrix_token" "$DEMO_MINIAPP_CLIENT_ID" "wallet:balance wallet:pay")
  # activation is a first-party operation: the official wallet app's wallet:admin TEP (decision 0027)
  admin_tep=$(tep_of "$matrix_token" "${OFFICIAL_MINIAPP_CLIENT_ID:-ma_tween_wallet}" "wallet:admin")
  curl -sf -o /dev/null -X POST "$W/wallet/v1/activate" -H "Authorization: Bearer $admin_tep" -H 'Content-Type: application/json' \
    -d '{"verification_data":{"pin":"482913","terms_accepted":true,"terms_version":"1.5.0"}}' || die "activation failed"
  source_id=$(curl -sf -X POST "$W/wallet/v1/external/link" -H "Authorization: Bearer $tep" -H 'Content-Type: application/json' \
    -d '{"type":"sandbox"}' | jq -r .external_account_id)
  curl -sf -o /dev/null -X POST "$W/wallet/v1/external/fund" -H "Authorization: Bearer $tep" -H 'Content-Type: application/json' \
    -d "{\"source_account_id\":\"$source_id\",\"amount\":1000.00,\"currency\":\"USD\",\"idempotency_key\":\"fund-$run-$i\"}" \
    || die "funding failed"
  user_id=$(curl -sf "$W/wallet/v1/balance" -H "Authorization: Bearer $tep" | jq -r .user_id)
  echo "$user_id $tep" >>"$work/users"
done
mapfile -t users <"$work/users"

# one operation: P2P initiate, then (unless abandoned) confirm with the PIN. Confirm answers are never
# retried. An initiate turned away with 503 (the breaker open after a wallet crash, a service
# restarting) is sent again with the same idempotency key, as a client that has not confirmed
# anything yet would, up to CHAOS_INITIATE_ATTEMPTS times, so that most operations reach the wallet.
cat >"$work/op.sh" <<'OP'
#!/usr/bin/env bash
read -r P hashed from_tep to_user amount key abandon <<<"$*"
t=
for _ in $(seq 1 "${CHAOS_INITIATE_ATTEMPTS:-12}"); do
  answer=$(curl -s -m ${CHAOS_REQUEST_TIMEOUT:-60} -w '\n%{http_code}' -X POST "$P/wallet/v1/p2p/initiate" -H "Authorization: Bearer $from_tep" \
    -H 'Content-Type: application/json' \
    -d "{\"recipient\":\"$to_user\",\"amount\":$amount,\"currency\":\"USD\",\"idempotency_key\":\"$key\"}")
  status=${answer##*$'\n'}
  t=$(printf '%s' "${answer%$'\n'*}" | jq -r '.transfer_id // empty' 2>/dev/null)
  [ -n "$t" ] && break
  case $status in 503|000) sleep 10 ;; *) break ;; esac
done
[ -z "$t" ] && { echo "initiate_failed"; exit 0; }
[ "$abandon" = 1 ] && { echo "abandoned"; exit 0; }
code=$(curl -s -m ${CHAOS_REQUEST_TIMEOUT:-60} -o /dev/null -w '%{http_code}' -X POST "$P/wallet/v1/p2p/$t/confirm" -H "Authorization: Bearer $from_tep" \
  -H 'Content-Type: application/json' -d "{\"auth_proof\":{\"method\":\"pin\",\"proof\":{\"hashed_pin\":\"$hashed\"}}}")
echo "confirm_$code"
OP
chmod +x "$work/op.sh"

log "$OPS operations, $PAR in parallel, a seeded SIGKILL about every $KILL_EVERY"
kills=0
done_ops=0
batch=0
start_time=$(date +%s)
while [ "$done_ops" -lt "$OPS" ]; do
  n=$((KILL_EVERY / 2 + RANDOM % KILL_EVERY))
  [ $((done_ops + n)) -gt "$OPS" ] && n=$((OPS - done_ops))
  : >"$work/batch"
  for _ in $(seq 1 "$n"); do
    a=$((RANDOM % USERS)); b=$(((a + 1 + RANDOM % (USERS - 1)) % USERS))
    amount=$(printf '%d.%02d' $((RANDOM % 3)) $((1 + RANDOM % 99)))
    abandon=$([ $((RANDOM % 10)) -eq 0 ] && echo 1 || echo 0)
    echo "$P $hashed_pin ${users[$a]#* } ${users[$b]%% *} $amount chaos-$run-$batch-$RANDOM$RANDOM $abandon" >>"$work/batch"
  done
  victim=$((RANDOM % 2))
  delay=$((CHAOS_KILL_AFTER_MIN + RANDOM % CHAOS_KILL_AFTER_SPREAD))
  xargs -P "$PAR" -L 1 "$work/op.sh" <"$work/batch" >>"$work/results" &
  ops_pid=$!
  sleep "$delay"
  if [ "$victim" = 0 ]; then
    kill -9 "$PPID_" 2>/dev/null || true; wait "$PPID_" 2>/dev/null || true; start_payments
  else
    kill -9 "$WPID" 2>/dev/null || true; wait "$WPID" 2>/dev/null || true; start_wallet
  fi
  kills=$((kills + 1))
  wait "$ops_pid" || true
  ready payment-service "$PPORT"; ready wallet-adapter "$WPORT"
  done_ops=$((done_ops + n))
  batch=$((batch + 1))
  log "  $done_ops/$OPS operations, $kills kills"
  # payment-service's breaker towards the wallet stays open 60 s after a wallet crash (spec 7.7.2):
  # the next batch starts once it lets calls through again, so its operations can succeed
  [ "$victim" = 1 ] && [ "$done_ops" -lt "$OPS" ] && sleep "$CHAOS_BREAKER_WAIT"
done
run_seconds=$(( $(date +%s) - start_time ))

log "no client retries; waiting for the recovery jobs (deadline 20s + grace 10s + rounds)"
open_sql="select count(*) from p2p_transfer where status in ('pending_authorization','accepting','rejecting','expiring')"
for _ in $(seq 1 90); do
  [ "$(psql_on "$PDB" "$open_sql")" = 0 ] && break
  sleep 2
done
sleep 35 # past the stuck margin, so the listing says what is really stuck

basic="Authorization: Basic $(printf 'payment-service:%s' "$TMCP_PAYMENT_SERVICE_SECRET" | base64 -w0)"
stuck_pay=$(curl -sf "$P/internal/v1/stuck" -H "$basic" | jq '.stuck | length')
stuck_wal=$(curl -sf "$W/internal/v1/stuck" -H "$basic" | jq '.stuck | length')

violations=0
check() { # NAME COUNT
  if [ "$2" != 0 ]; then violations=$((violations + $2)); echo "VIOLATION $1: $2"; fi
}
check "ledger does not sum to zero" "$(psql_on "$WDB" "select case when coalesce(sum(balance_minor),0) = 0 then 0 else 1 end from ledger_account")"
check "negative wallet or hold accounts" "$(psql_on "$WDB" "select count(*) from ledger_account where kind <> 'system' and balance_minor < 0")"
check "holds with money left" "$(psql_on "$WDB" "select count(*) from ledger_account where kind = 'hold' and balance_minor <> 0")"
check "transfers left in an intermediate state" "$(psql_on "$PDB" "$open_sql")"
psql_on "$PDB" "select transfer_id from p2p_transfer where status = 'completed' order by 1" >"$work/completed"
psql_on "$WDB" "select substr(reference, 5) from ledger_transaction where kind = 'p2p' and reference like 'p2p:%' order by 1" >"$work/moved"
check "completed without a ledger movement" "$(comm -23 "$work/completed" "$work/moved" | wc -l)"
check "ledger movement without a completed transfer" "$(comm -13 "$work/completed" "$work/moved" | wc -l)"
check "completed transfers without exactly one card" "$(psql_on "$PDB" "select count(*) from p2p_transfer t where t.status = 'completed' and (select count(*) from outbox_event e where e.event_key = t.transfer_id and e.payload like '%\"type\":\"p2p.completed\"%') <> 1")"
check "expired transfers without exactly one status event, or with a card" "$(psql_on "$PDB" "select count(*) from p2p_transfer t where t.status = 'expired' and ((select count(*) from outbox_event e where e.event_key = t.transfer_id and e.payload like '%\"type\":\"p2p.status_changed\"%') <> 1 or exists (select 1 from outbox_event e where e.event_key = t.transfer_id and e.payload like '%\"type\":\"p2p.completed\"%'))")"

echo
echo "operations           $OPS (seed $SEED, $USERS users, $PAR parallel) in ${run_seconds}s"
echo "kills                $kills (payment-service and wallet-adapter, SIGKILL)"
echo "client answers       $(sort "$work/results" | uniq -c | awk '{printf "%s=%s ", $2, $1}')"
echo "transfers            $(psql_on "$PDB" "select status || '=' || count(*) from p2p_transfer group by status order by status" | tr '\n' ' ')"
echo "stuck                $((stuck_pay + stuck_wal)) (payment-service $stuck_pay, wallet-adapter $stuck_wal)"
echo "invariant violations $violations"
[ "$violations" = 0 ] && [ $((stuck_pay + stuck_wal)) = 0 ]
