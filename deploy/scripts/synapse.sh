#!/usr/bin/env bash
# Synapse from Debian sid, installed into a debootstrap folder (the host's apt sources are never touched).
# Runs as root inside the chroot: acceptable for a loopback-only dev homeserver.

SYNAPSE_ROOT="$TMCP_CACHE/synapse-root"
SYNAPSE_MIRROR="${SYNAPSE_MIRROR:-http://deb.debian.org/debian}"
# debootstrap's resolver ignores virtual packages: python3-cryptography needs python3-cffi-backend-api-*,
# which only python3-cffi-backend provides, so it is listed explicitly.
SYNAPSE_PKGS="matrix-synapse,python3-cffi-backend"

synapse_installed() {
  [ -x "$SYNAPSE_ROOT/usr/bin/python3" ] &&
    chroot "$SYNAPSE_ROOT" python3 -c 'import synapse' 2>/dev/null
}

synapse_install() {
  synapse_installed && return 0
  apt_ensure debootstrap debootstrap
  local tmp="$SYNAPSE_ROOT.partial"
  rm -rf "$tmp"   # an interrupted install is redone from scratch
  mkdir -p "$TMCP_CACHE"
  log "installing Synapse (debootstrap sid, several minutes)"
  with_heartbeat "debootstrap" "$TMCP_CACHE/debootstrap.log" \
    debootstrap --variant=minbase --include="$SYNAPSE_PKGS" sid "$tmp" "$SYNAPSE_MIRROR" || return 1
  with_heartbeat "apt-get -f install (chroot)" "$TMCP_CACHE/debootstrap-fix.log" \
    chroot "$tmp" env DEBIAN_FRONTEND=noninteractive apt-get -f install -y || return 1
  chroot "$tmp" python3 -c 'import synapse; print("synapse", synapse.__version__)' || return 1
  rm -rf "$SYNAPSE_ROOT"
  mv "$tmp" "$SYNAPSE_ROOT"
  log "Synapse installed in $SYNAPSE_ROOT"
}

SYNAPSE_DATA="$SYNAPSE_ROOT/data"   # signing key, media and config stay inside the chroot: no bind mounts
SYNAPSE_DB=tmcp_synapse             # its database, on the suite's PostgreSQL (decision 0055)

# Synapse needs its database in UTF-8 with the C collation, so it gets one of its own, not a default one.
synapse_database() {
  [ -n "$(pg_psql -c "SELECT 1 FROM pg_database WHERE datname = '$SYNAPSE_DB'")" ] && return 0
  pg_psql -c "CREATE DATABASE $SYNAPSE_DB OWNER \"$TMCP_DB_USER\" ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" >/dev/null
  log "postgres: database $SYNAPSE_DB created (C collation, for Synapse)"
}

# A homeserver that ran on SQLite (before decision 0055, or an old backup restored) is moved into
# PostgreSQL once with Synapse's own synapse_port_db; the SQLite file is kept beside it, renamed.
synapse_port_sqlite() {
  [ -f "$SYNAPSE_DATA/homeserver.db" ] || return 0
  log "synapse: moving the homeserver's SQLite database into PostgreSQL ($SYNAPSE_DB), once"
  # synapse_port_db reads one whole config file: the server's name and keys, then our database section.
  { grep -E '^(server_name|pid_file|signing_key_path|media_store_path|macaroon_secret_key|form_secret):' \
      "$SYNAPSE_DATA/homeserver.yaml"
    echo "report_stats: false"
    sed -n '/^database:/,/^[a-z_]*:/{/^database:/p;/^ /p}' "$SYNAPSE_DATA/tmcp-overrides.yaml"
  } >"$SYNAPSE_DATA/port-db.yaml"
  chmod 600 "$SYNAPSE_DATA/port-db.yaml"
  with_heartbeat "synapse_port_db" "$TMCP_LOGS/synapse-port-db.log" \
    chroot "$SYNAPSE_ROOT" sh -c 'cd /data && exec synapse_port_db --sqlite-database /data/homeserver.db \
      --postgres-config /data/port-db.yaml' || die "synapse: synapse_port_db failed, see $TMCP_LOGS/synapse-port-db.log"
  rm -f "$SYNAPSE_DATA/port-db.yaml"
  local f stamp; stamp=$(date -u +%Y%m%dT%H%M%SZ)
  for f in homeserver.db homeserver.db-wal homeserver.db-shm; do
    [ -f "$SYNAPSE_DATA/$f" ] && mv "$SYNAPSE_DATA/$f" "$SYNAPSE_DATA/$f.ported-$stamp"
  done
  log "synapse: homeserver moved to PostgreSQL (SQLite file kept as homeserver.db.ported-$stamp)"
}

synapse_healthy() { http_ok "http://127.0.0.1:8008/health" && http_ok "http://127.0.0.1:8008/_matrix/client/versions"; }

# The AS registration is produced by the matrix-bridge jar itself (single source of truth for namespaces).
synapse_registration() {
  local out="$TMCP_STATE/tmcp-registration.yaml" BRIDGE_JAR
  BRIDGE_JAR=$(svc_jar matrix-bridge)
  if [ ! -f "$BRIDGE_JAR" ]; then
    warn "synapse: $BRIDGE_JAR missing, starting WITHOUT the TMCP application service (build matrix-bridge, then run 'tmcp up' again)"
    rm -f "$SYNAPSE_DATA/tmcp-registration.yaml"
    return 0
  fi
  TMCP_AS_TOKEN="$TMCP_AS_TOKEN" TMCP_HS_TOKEN="$TMCP_HS_TOKEN" MATRIX_BRIDGE_URL="$MATRIX_BRIDGE_URL" \
    "$JAVA" -jar "$BRIDGE_JAR" registration --output "$out" >>"$TMCP_LOGS/synapse.log" 2>&1 ||
    die "synapse: '$BRIDGE_JAR registration' failed, see $TMCP_LOGS/synapse.log"
  [ -s "$out" ] || die "synapse: $BRIDGE_JAR wrote no registration to $out"
  install -m 600 "$out" "$SYNAPSE_DATA/tmcp-registration.yaml"
}

synapse_configure() {
  mkdir -p "$SYNAPSE_DATA"
  if [ ! -f "$SYNAPSE_DATA/homeserver.yaml" ]; then
    log "synapse: generating homeserver.yaml (server name $SYNAPSE_SERVER_NAME)"
    chroot "$SYNAPSE_ROOT" sh -c "cd /data && python3 -m synapse.app.homeserver --server-name '$SYNAPSE_SERVER_NAME' \
      --config-path /data/homeserver.yaml --data-directory /data --generate-config --report-stats=no" >&2
  fi
  synapse_registration
  # Our settings live in a second config file: Synapse merges config files, later top-level keys win.
  local as_files="[]"
  [ -f "$SYNAPSE_DATA/tmcp-registration.yaml" ] && as_files='["/data/tmcp-registration.yaml"]'
  sed -e "s#@REGISTRATION_SECRET@#$SYNAPSE_REGISTRATION_SECRET#" -e "s#@AS_FILES@#$as_files#" \
    -e "s#@DB_USER@#$TMCP_DB_USER#" -e "s#@DB_PASSWORD@#$TMCP_DB_PASSWORD#" -e "s#@DB_NAME@#$SYNAPSE_DB#" \
    -e "s#@DB_HOST@#$TMCP_DB_HOST#" -e "s#@DB_PORT@#$TMCP_DB_PORT#" \
    "$TMCP_DEPLOY/synapse/tmcp-overrides.yaml" >"$SYNAPSE_DATA/tmcp-overrides.yaml"
  chmod 600 "$SYNAPSE_DATA/tmcp-overrides.yaml"
  cp "$TMCP_DEPLOY/synapse/log.yaml" "$SYNAPSE_DATA/log.yaml"
}

# Fingerprint of the config Synapse was started with, so 'up' restarts it when the registration changes.
synapse_config_sum() { { cat "$SYNAPSE_DATA/tmcp-overrides.yaml" "$SYNAPSE_DATA/tmcp-registration.yaml" 2>/dev/null || true; } | md5sum | cut -d' ' -f1; }

synapse_start() {
  synapse_install || die "synapse install failed"
  synapse_database
  synapse_configure
  synapse_port_sqlite
  synapse_config_sum >"$TMCP_STATE/synapse.config.sum"
  : >"$TMCP_LOGS/synapse.log"
  # Runs as root inside the chroot: acceptable for a loopback-only development homeserver.
  start_bg synapse chroot "$SYNAPSE_ROOT" sh -c 'cd /data && exec python3 -m synapse.app.homeserver \
    --config-path /data/homeserver.yaml --config-path /data/tmcp-overrides.yaml'
}

synapse_needs_restart() {
  synapse_configure >/dev/null 2>&1 || return 1
  [ "$(synapse_config_sum)" != "$(cat "$TMCP_STATE/synapse.config.sum" 2>/dev/null)" ]
}

synapse_wait() { wait_until synapse 120 synapse_healthy; }
synapse_stop() { stop_bg synapse 30; }
