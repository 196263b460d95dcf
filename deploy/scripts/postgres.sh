#!/usr/bin/env bash
# PostgreSQL: reuse whatever answers on TMCP_DB_HOST:TMCP_DB_PORT, else start the machine's Debian cluster.
# Role + databases are created only for a local server (through the postgres OS user).

PG_DATABASES="tmcp_auth tmcp_wallet tmcp_payment tmcp_storage tmcp_appstore tmcp_bridge"
PG_STARTED_FLAG="$TMCP_STATE/postgres.started-by-tmcp"

pg_cluster() { # "VERSION NAME" of the first Debian cluster
  pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1, $2}'
}

postgres_healthy() { port_open "$TMCP_DB_HOST" "$TMCP_DB_PORT"; }

postgres_start() {
  if postgres_healthy; then
    if [ -f "$PG_STARTED_FLAG" ]; then log "postgres: already running (started by tmcp)"
    else log "postgres: using the server already answering on $TMCP_DB_HOST:$TMCP_DB_PORT (left running by down)"; fi
  else
    [ "$TMCP_DB_PORT" = 5432 ] || die "postgres: nothing on $TMCP_DB_HOST:$TMCP_DB_PORT"
    apt_ensure pg_ctlcluster postgresql
    local c; c=$(pg_cluster)
    [ -n "$c" ] || die "postgres: no Debian cluster found (pg_lsclusters empty); create one with pg_createcluster"
    # Seven services, their test instances and the crash tests' extra processes each keep a pool.
    pg_conftool $c set max_connections 300
    log "postgres: starting cluster $c"
    pg_ctlcluster $c start
    touch "$PG_STARTED_FLAG"
    wait_until postgres 30 postgres_healthy
  fi
  postgres_provision
}

pg_psql() { (cd / && runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA "$@"); }

postgres_provision() {
  local db pw=${TMCP_DB_PASSWORD//\'/\'\'}
  pg_psql -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$TMCP_DB_USER') THEN
        CREATE ROLE \"$TMCP_DB_USER\" LOGIN CREATEDB PASSWORD '$pw';
      ELSE ALTER ROLE \"$TMCP_DB_USER\" LOGIN CREATEDB PASSWORD '$pw'; END IF; END \$\$;" >/dev/null
  for db in $PG_DATABASES; do
    if [ -z "$(pg_psql -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      pg_psql -c "CREATE DATABASE $db OWNER \"$TMCP_DB_USER\"" >/dev/null
      log "postgres: database $db created"
    fi
  done
}

# Stops the cluster only if this checkout started it.
postgres_stop() {
  [ -f "$PG_STARTED_FLAG" ] || return 0
  local c; c=$(pg_cluster)
  log "postgres: stopping cluster $c (started by tmcp)"
  pg_ctlcluster $c stop || true
  rm -f "$PG_STARTED_FLAG"
}

postgres_pid() { [ -f "$PG_STARTED_FLAG" ] && head -1 "/var/run/postgresql/$(pg_cluster | tr ' ' -).pid" 2>/dev/null; true; }
