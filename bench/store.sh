#!/usr/bin/env bash
# Store browse benchmark (needs `./tmcp up`): GET /api/v1/store/apps by category sorted by
# popularity, by category sorted by rating, and searched by name (q=), over 1,000 seeded active apps
# with 100,000 ratings. Seeds tmcp_appstore directly and idempotently: apps ma_benchstore_0001..1000
# in eight categories, each rating with its user's installation, plus 20,000 installs without one,
# and the apps' rating_count, rating_sum and install_count from those rows; the popular sort uses
# the score appstore-service computes every minute, so the script waits for it. Measures with wrk
# through a bench gateway (the stack's jar, rate rows scaled up so they count but do not refuse),
# one TEP of the official app per connection, each run after a 10 s warm-up.
#   bench/store.sh [DURATION_SECONDS] [CONNECTIONS]
# From a git worktree: TMCP_STACK_DIR=/path/to/checkout/.tmcp bench/store.sh
# The seeded rows stay (the next run reuses them); BENCH_STORE_UNSEED=1 bench/store.sh deletes them.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DURATION=${1:-20}
CONNECTIONS=${2:-16}
PORT=${BENCH_STORE_PORT:-18680}
WORK=$(mktemp -d)
trap 'kill ${BENCH_GW_PID:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT

psql_store() {
  PGPASSWORD="$TMCP_DB_PASSWORD" psql -qtA -v ON_ERROR_STOP=1 -h "$TMCP_DB_HOST" -p "$TMCP_DB_PORT" -U "$TMCP_DB_USER" \
    -d tmcp_appstore "$@"
}

if [ -n "${BENCH_STORE_UNSEED:-}" ]; then
  # installations, ratings and app_stats go with their app (on delete cascade)
  psql_store -c "delete from mini_app where client_id like 'ma\_benchstore\_%'"
  log "removed the ma_benchstore_ apps, their installations and ratings"
  exit 0
fi

port_open 127.0.0.1 "$PORT" && die "port $PORT is taken (set BENCH_STORE_PORT)"
log "seeding 1,000 apps, 100,000 ratings (with their installations) and 20,000 more installations"
# App n gets ratings in proportion to about 1/sqrt(n/1000): a few popular apps and a long tail, as a
# store has. Users and assignments follow from g alone, so a second run inserts nothing new.
psql_store <<'SQL'
begin;
insert into mini_app (client_id, name, short_name, client_type, status, classification, category, version,
                      description, entry_url, approved_at, created_at)
select 'ma_benchstore_' || lpad(n::text, 4, '0'),
       'Bench ' || (array['Pay', 'Chat', 'Quest', 'Maps', 'Market', 'Notes', 'Radio', 'Fit', 'Cook', 'Trip'])[1 + n % 10]
         || ' ' || n,
       'B' || n, 'public', 'active', (array['verified', 'community'])[1 + n % 2],
       (array['shopping', 'finance', 'games', 'social', 'travel', 'food', 'utilities', 'entertainment'])[1 + n % 8],
       '1.0.0', 'Seeded by bench/store.sh', 'https://bench.tween.example/store/' || n,
       now() - n * interval '1 hour', now() - n * interval '1 hour'
from generate_series(1, 1000) n
on conflict (client_id) do nothing;

create temp table bench_pick on commit drop as
select g, 1 + floor(1000 * power(((g::bigint * 7919) % 100000) / 100000.0, 2))::int as n,
       '@benchstore_' || g || ':localhost' as user_id
from generate_series(1, 120000) g;

insert into installation (client_id, user_id, install_id, installed_at)
select 'ma_benchstore_' || lpad(n::text, 4, '0'), user_id, 'ins_benchstore_' || g, now() - (g % 20) * interval '1 day'
from bench_pick
on conflict do nothing;

insert into app_rating (client_id, user_id, rating, review, created_at, updated_at)
select 'ma_benchstore_' || lpad(n::text, 4, '0'), user_id, least(5, 1 + n % 5 + (g % 3 = 0)::int),
       case when g % 10 = 0 then 'Seeded review ' || g end, now() - (g % 20) * interval '1 day',
       now() - (g % 20) * interval '1 day'
from bench_pick where g <= 100000
on conflict do nothing;

update mini_app m set install_count = coalesce(i.n, 0), rating_count = coalesce(r.n, 0), rating_sum = coalesce(r.s, 0)
from (select client_id from mini_app where client_id like 'ma\_benchstore\_%') a
left join (select client_id, count(*) as n from installation where client_id like 'ma\_benchstore\_%' group by client_id) i
  using (client_id)
left join (select client_id, count(*) as n, sum(rating) as s from app_rating where client_id like 'ma\_benchstore\_%'
           group by client_id) r using (client_id)
where m.client_id = a.client_id;
commit;
SQL

counts=$(psql_store -F ' ' -c "
  select (select count(*) from mini_app where client_id like 'ma\_benchstore\_%' and status = 'active'),
         (select count(distinct category) from mini_app where client_id like 'ma\_benchstore\_%'),
         (select count(*) from app_rating where client_id like 'ma\_benchstore\_%'),
         (select count(*) from installation where client_id like 'ma\_benchstore\_%'),
         (select count(*) from mini_app where status = 'active'),
         (select count(*) from mini_app m where client_id like 'ma\_benchstore\_%' and (rating_count, rating_sum, install_count)
            is distinct from ((select count(*) from app_rating r where r.client_id = m.client_id),
                              (select coalesce(sum(rating), 0) from app_rating r where r.client_id = m.client_id),
                              (select count(*) from installation i where i.client_id = m.client_id))),
         (select count(*) from app_rating r where client_id like 'ma\_benchstore\_%' and not exists
            (select 1 from installation i where i.client_id = r.client_id and i.user_id = r.user_id))")
read -r apps categories ratings installs active mismatched orphans <<<"$counts"
[ "$mismatched" = 0 ] && [ "$orphans" = 0 ] ||
  die "seed inconsistent: $mismatched apps whose counters differ from their rows, $orphans ratings without installation"

scored() { [ "$(psql_store -c "select count(*) from app_stats where client_id like 'ma\_benchstore\_%'")" = 1000 ]; }
wait_until "store scores of the seeded apps" 90 scored

start_bench_gateway "$PORT" $((PORT + 10))

LUA="$WORK/store.lua"
run=$(date +%s)
{
  echo "tokens = {"
  for i in $(seq 1 "$CONNECTIONS"); do
    tep=$(tep_of "$(matrix_token_for "benchstore_${run}_$i")" "$OFFICIAL_MINIAPP_CLIENT_ID" "user:read")
    [ -n "$tep" ] && [ "$tep" != null ] || die "could not obtain a TEP of $OFFICIAL_MINIAPP_CLIENT_ID"
    echo "  \"$tep\","
  done
  echo "}"
} >"$LUA"
cat >>"$LUA" <<'LUA'
categories = { "shopping", "finance", "games", "social", "travel", "food", "utilities", "entertainment" }
words = { "pay", "chat", "quest", "maps", "market", "notes", "radio", "fit", "cook", "trip" }
counter = 0
request = function()
  counter = counter + 1
  local headers = { ["Authorization"] = "Bearer " .. tokens[(counter % #tokens) + 1] }
  local mode = os.getenv("BENCH_MODE")
  local path
  if mode == "search" then
    path = "/api/v1/store/apps?q=bench%20" .. words[(counter % #words) + 1] .. "&limit=20"
  else
    path = "/api/v1/store/apps?category=" .. categories[(counter % #categories) + 1] .. "&sort=" .. mode .. "&limit=20"
  end
  return wrk.format("GET", path, headers)
end
LUA

# one request of each, so that a broken route fails here rather than as a table of errors
for q in "category=games&sort=popular&limit=20" "category=games&sort=rating&limit=20" "q=bench%20pay&limit=20"; do
  total=$(curl -sf -H "Authorization: Bearer $(sed -n 2p "$LUA" | tr -d ' ",')" "http://127.0.0.1:$PORT/api/v1/store/apps?$q" |
    jq -r .pagination.total) || die "GET /api/v1/store/apps?$q failed"
  log "?$q: $total apps"
done

URL="http://127.0.0.1:$PORT/api/v1/store/apps"
log "each: ${DURATION}s, $CONNECTIONS connections (one user each), limit=20, after a 10 s warm-up"
results=$(
  BENCH_MODE=popular run_wrk popular "$URL" "$CONNECTIONS" "$DURATION" "$LUA"
  BENCH_MODE=rating run_wrk rating "$URL" "$CONNECTIONS" "$DURATION" "$LUA"
  BENCH_MODE=search run_wrk search "$URL" "$CONNECTIONS" "$DURATION" "$LUA"
)
echo
echo "seeded: $apps active apps in $categories categories, $ratings ratings, $installs installations ($active active apps in the store)"
printf '%-44s %12s %10s %10s\n' request requests/s p50_ms p99_ms
awk '{ printf "%-44s %12s %10s %10s\n", ($1 == "popular" ? "?category=<c>&sort=popular&limit=20" : \
  $1 == "rating" ? "?category=<c>&sort=rating&limit=20" : "?q=bench <word>&limit=20"), $2, $3, $4 }' <<<"$results"
