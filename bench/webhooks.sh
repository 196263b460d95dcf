#!/usr/bin/env bash
# Webhook benchmark (needs `./tmcp up`, whose TMCP_WEBHOOKS_LOCAL=true lets webhooks go to loopback
# http): APPS new hybrid mini-apps (verified, registered with the platform credentials through a bench
# gateway, the stack's jar with its rate rows scaled up: the registration row allows 5 a day per
# address; approved at appstore-service), their webhook_url on a receiver this benchmark runs on
# 127.0.0.1; EVENTS payment.completed events for them produced straight onto tmcp.payment, all at
# once (or BENCH_WEBHOOKS_RATE a second). The receiver verifies every signature and timestamp with
# its own HMAC and answers 200. Prints events sent, delivered, duplicates, bad signatures,
# deliveries/s from the first event to the last delivery, and the delay from each event's time to
# the receiver's 200; then appstore-service's own record of those deliveries (webhook_delivery).
# Waits for the deliveries at most DEADLINE_SECONDS (default: 60 + EVENTS / 20).
# kafka-clients comes from the stack's Kafka jars (~/.cache/tmcp/kafka-*/libs), else from ~/.m2.
# Each run leaves its APPS apps registered (named "Bench Webhooks <run> <n>").
#   bench/webhooks.sh [EVENTS] [APPS] [DEADLINE_SECONDS]
# From a git worktree: TMCP_STACK_DIR=/path/to/checkout/.tmcp bench/webhooks.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

EVENTS=${1:-2000}
APPS=${2:-10}
DEADLINE=${3:-$((60 + EVENTS / 20))}
RATE=${BENCH_WEBHOOKS_RATE:-0}
RUN=$(date +%s)
PORT=${BENCH_WEBHOOKS_PORT:-18580}
LIBS=$(mktemp -d)
trap 'kill ${BENCH_GW_PID:-} 2>/dev/null || true; rm -rf "$LIBS"' EXIT

kafka_clients=$(ls "${TMCP_CACHE:-$HOME/.cache/tmcp}"/kafka-*/libs/kafka-clients-*.jar 2>/dev/null | tail -n1)
[ -n "$kafka_clients" ] || kafka_clients=$(ls "$HOME"/.m2/repository/org/apache/kafka/kafka-clients/*/kafka-clients-*.jar 2>/dev/null \
  | grep -v -- '-test' | tail -n1)
[ -n "$kafka_clients" ] || die "no kafka-clients jar in ~/.cache/tmcp/kafka-*/libs or ~/.m2 (./tmcp up downloads it)"
cp "$kafka_clients" "$LIBS/"
cp "$(stack_app gateway)"/lib/jackson-* "$(stack_app gateway)"/lib/slf4j-api-* "$LIBS"
port_open 127.0.0.1 "$PORT" && die "port $PORT is taken (set BENCH_WEBHOOKS_PORT)"
start_bench_gateway "$PORT" $((PORT + 10))

log "$EVENTS payment.completed events for $APPS hybrid apps (run $RUN), rate ${RATE:-0}/s (0: all at once); at most ${DEADLINE}s"
out=$(bench_java WebhookBench "$LIBS" "http://127.0.0.1:$PORT" "$APPSTORE_SERVICE_URL" "$EVENTS" "$APPS" "$RATE" "$DEADLINE" "$RUN" \
  2> >(grep -v '^SLF4J' >&2))
echo
echo "$out" | awk '{ name = $1; $1 = ""; printf "%-22s %s\n", name, substr($0, 2) }'

# appstore-service's side: the deliveries to these apps by event and status, and their attempts
echo
PGPASSWORD="$TMCP_DB_PASSWORD" psql -q -h "$TMCP_DB_HOST" -p "$TMCP_DB_PORT" -U "$TMCP_DB_USER" -d tmcp_appstore -P footer=off -c "
  select d.event_type, d.status, count(*) as deliveries, sum(d.attempts) as attempts, max(d.attempts) as max_attempts,
         count(*) filter (where d.last_status_code is distinct from 200) as last_not_200
  from webhook_delivery d join mini_app m on m.client_id = d.miniapp_id
  where m.name like 'Bench Webhooks $RUN %' group by 1, 2 order by 1, 2"
# where the delay was spent: queued (the listener's insert) to delivered, and the receiver's answer
PGPASSWORD="$TMCP_DB_PASSWORD" psql -q -h "$TMCP_DB_HOST" -p "$TMCP_DB_PORT" -U "$TMCP_DB_USER" -d tmcp_appstore -P footer=off -c "
  select percentile_disc(0.5) within group (order by q.ms) as queued_to_delivered_p50_ms,
         percentile_disc(0.99) within group (order by q.ms) as p99_ms,
         percentile_disc(0.5) within group (order by q.latency_ms) as receiver_answer_p50_ms,
         max(q.latency_ms) as max_ms
  from (select round(extract(epoch from d.finished_at - d.created_at) * 1000) as ms, a.latency_ms
        from webhook_delivery d join mini_app m on m.client_id = d.miniapp_id
        join webhook_attempt a on a.delivery_id = d.delivery_id and a.attempt = d.attempts
        where m.name like 'Bench Webhooks $RUN %' and d.event_type = 'payment.completed') q"
