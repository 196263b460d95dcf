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

SYNAPSE_DATA="$SYNAPSE_ROOT/data"   # data stays inside the chroot: no bind mounts to clean up

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
    "$TMCP_DEPLOY/synapse/tmcp-overrides.yaml" >"$SYNAPSE_DATA/tmcp-overrides.yaml"
  chmod 600 "$SYNAPSE_DATA/tmcp-overrides.yaml"
  cp "$TMCP_DEPLOY/synapse/log.yaml" "$SYNAPSE_DATA/log.yaml"
}

# Fingerprint of the config Synapse was started with, so 'up' restarts it when the registration changes.
synapse_config_sum() { { cat "$SYNAPSE_DATA/tmcp-overrides.yaml" "$SYNAPSE_DATA/tmcp-registration.yaml" 2>/dev/null || true; } | md5sum | cut -d' ' -f1; }

synapse_start() {
  synapse_install || die "synapse install failed"
  synapse_configure
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
