#!/usr/bin/env bash
# tmcp backup / restore: every database of the suite plus the key material bound to its data.
#
# A backup folder holds:
#   postgres/<db>.dump   pg_dump -Fc of each of the suite's databases (taken while the services run:
#                        each dump is one consistent snapshot of its database)
#   synapse/             the homeserver's database (pg_dump -Fc of tmcp_synapse), signing key and media
#   secrets.env          the machine's secrets: the key-encryption key that unwraps the stored
#                        signing keys, the storage master keys, the appstore secret key, the AS/HS
#                        tokens. The data above cannot be read without them.
#   MANIFEST             when, from which commit, and the SHA-256 of every file
# Redis is not backed up: everything in it is derived (revocations are re-seeded from auth-service's
# database) or short-lived (rate-limit buckets, caches), so a restore empties it. Keycloak keeps its
# own database (locally a dev-file H2 rebuilt from deploy/keycloak/tween-realm.json); back it up
# with Keycloak's tools. Kafka keeps its topics: the outbox rows restored unpublished are sent again
# and consumers skip the event ids they had applied before the backup.

BACKUP_ROOT="$TMCP_STATE/backups"

pg_dump_db() { PGPASSWORD="$TMCP_DB_PASSWORD" pg_dump -h "$TMCP_DB_HOST" -p "$TMCP_DB_PORT" -U "$TMCP_DB_USER" "$@"; }

backup_create() {
  local dir=${1:-$BACKUP_ROOT/$(date -u +%Y%m%dT%H%M%SZ)} db t0=$SECONDS
  [ ! -e "$dir" ] || die "backup: $dir already exists"
  postgres_healthy || die "backup: PostgreSQL is not running"
  (umask 077; mkdir -p "$dir/postgres" "$dir/synapse")
  for db in $PG_DATABASES; do
    pg_dump_db -Fc -f "$dir/postgres/$db.dump" "$db" || die "backup: pg_dump $db failed"
    log "backup: $db ($(du -h "$dir/postgres/$db.dump" | cut -f1))"
  done
  if [ -n "$(pg_psql -c "SELECT 1 FROM pg_database WHERE datname = '$SYNAPSE_DB'")" ]; then
    pg_dump_db -Fc -f "$dir/synapse/$SYNAPSE_DB.dump" "$SYNAPSE_DB" || die "backup: homeserver database failed"
    cp -p "$SYNAPSE_DATA"/*.signing.key "$dir/synapse/"
    tar -C "$SYNAPSE_DATA" -cf "$dir/synapse/media_store.tar" media_store 2>/dev/null || true
    log "backup: homeserver ($(du -sh "$dir/synapse" | cut -f1))"
  fi
  (umask 077; cp "$TMCP_CACHE/secrets.env" "$dir/secrets.env")
  {
    echo "created=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit=$(git -C "$TMCP_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "databases=$PG_DATABASES"
    (cd "$dir" && find . -type f ! -name MANIFEST ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum) >"$dir/SHA256SUMS"
  } >"$dir/MANIFEST"
  chmod -R go-rwx "$dir"
  log "backup written to $dir in $((SECONDS - t0))s"
  echo "$dir"
}

# Stops the services, replaces every database with the backup's, empties Redis; `tmcp up` starts
# the services again on the restored data.
backup_restore() {
  local dir=${1:?usage: tmcp restore DIR} db m t0=$SECONDS
  [ -f "$dir/MANIFEST" ] || die "restore: $dir is not a backup (no MANIFEST)"
  (cd "$dir" && sha256sum --quiet -c SHA256SUMS) || die "restore: $dir is damaged (SHA256SUMS do not match)"
  postgres_healthy || die "restore: PostgreSQL is not running"
  services_stop $(svc_instances "$(svc_replicas_saved)")
  restore_secrets "$dir/secrets.env"
  for db in $PG_DATABASES; do
    pg_psql -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
    pg_psql -c "CREATE DATABASE $db OWNER \"$TMCP_DB_USER\"" >/dev/null
    PGPASSWORD="$TMCP_DB_PASSWORD" pg_restore -h "$TMCP_DB_HOST" -p "$TMCP_DB_PORT" -U "$TMCP_DB_USER" \
      --no-owner --exit-on-error -d "$db" "$dir/postgres/$db.dump" || die "restore: $db failed"
    log "restore: $db"
  done
  if [ -f "$dir/synapse/$SYNAPSE_DB.dump" ] || [ -f "$dir/synapse/homeserver.db" ]; then
    local running=""; is_alive synapse && running=1 && synapse_stop
    pg_psql -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $SYNAPSE_DB WITH (FORCE)" >/dev/null
    synapse_database
    if [ -f "$dir/synapse/$SYNAPSE_DB.dump" ]; then
      PGPASSWORD="$TMCP_DB_PASSWORD" pg_restore -h "$TMCP_DB_HOST" -p "$TMCP_DB_PORT" -U "$TMCP_DB_USER" \
        --no-owner --exit-on-error -d "$SYNAPSE_DB" "$dir/synapse/$SYNAPSE_DB.dump" || die "restore: homeserver failed"
    else
      # A backup from before decision 0055: its SQLite file is moved into PostgreSQL as Synapse starts.
      cp "$dir/synapse/homeserver.db" "$SYNAPSE_DATA/homeserver.db"
    fi
    cp -p "$dir"/synapse/*.signing.key "$SYNAPSE_DATA/"
    if [ -f "$dir/synapse/media_store.tar" ]; then
      rm -rf "$SYNAPSE_DATA/media_store"; tar -C "$SYNAPSE_DATA" -xf "$dir/synapse/media_store.tar"
    fi
    log "restore: homeserver"
    if [ -n "$running" ]; then synapse_start && synapse_wait || die "restore: homeserver did not start"; fi
  fi
  if redis_healthy; then redis-cli -u "$REDIS_URL" flushdb >/dev/null && log "restore: Redis emptied"; fi
  log "restored $dir in $((SECONDS - t0))s; './tmcp up' starts the services on it"
}

# The backup's secrets become the machine's: its data cannot be read with other keys.
restore_secrets() {
  local from=$1 master="$TMCP_CACHE/secrets.env"
  if ! cmp -s "$from" "$master"; then
    local kept="$master.replaced-$(date -u +%Y%m%dT%H%M%SZ)"
    cp -p "$master" "$kept"
    warn "restore: the backup's secrets replace this machine's (previous ones kept in $kept)"
  fi
  (umask 077; cp "$from" "$master"; cp "$from" "$TMCP_STATE/secrets.env")
}

# One line per table of every database: row count and a digest of the rows, for comparing a
# restored stack with the one backed up.
backup_fingerprint() {
  local db t
  for db in $PG_DATABASES; do
    for t in $(pg_psql -d "$db" -c "select tablename from pg_tables where schemaname = 'public' order by 1"); do
      echo "$db.$t $(pg_psql -d "$db" -c "select count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '-') from \"$t\" t")"
    done
  done
}

# The ledger's invariants (wallet-adapter's LedgerInvariants): each query must find no row.
ledger_violations() {
  pg_psql -d tmcp_wallet -c "select count(*) from (
      select t.txn_id from ledger_transaction t left join ledger_posting p on p.txn_id = t.txn_id
        group by t.txn_id, t.amount_minor having count(p.posting_id) < 2 or coalesce(sum(p.amount_minor), 0) <> 0
        or coalesce(sum(greatest(p.amount_minor, 0)), 0) <> t.amount_minor
      union all select a.account_id from ledger_account a left join ledger_posting p on p.account_id = a.account_id
        group by a.account_id, a.balance_minor having a.balance_minor <> coalesce(sum(p.amount_minor), 0)
      union all select account_id from ledger_account where kind <> 'system' and balance_minor < 0
      union all select currency from ledger_account group by currency having sum(balance_minor) <> 0) v"
}

# The backup test of `tmcp test`: with the services stopped, fingerprint every database, back up,
# destroy the databases, restore, and find every table as it was and the books sound. The replica
# phase that follows starts the suite on the restored data and runs its money flows there.
backup_check() {
  local dir="$TMCP_STATE/backups/check-$$" before after t0=$SECONDS v
  services_stop $(svc_instances "$(svc_replicas_saved)")
  before=$(backup_fingerprint)
  backup_create "$dir" >/dev/null
  for db in $PG_DATABASES; do pg_psql -c "DROP DATABASE $db WITH (FORCE)" >/dev/null; done
  log "backup check: databases destroyed"
  backup_restore "$dir"
  after=$(backup_fingerprint)
  if [ "$before" != "$after" ]; then
    warn "backup check: restored tables differ:"; diff <(echo "$before") <(echo "$after") >&2 || true
    return 1
  fi
  v=$(ledger_violations)
  [ "$v" = 0 ] || { warn "backup check: $v ledger invariant violation(s) after restore"; return 1; }
  log "backup check: $(echo "$after" | wc -l) tables identical after restore, books sound ($((SECONDS - t0))s)"
  rm -rf "$dir"
}
