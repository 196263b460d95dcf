#!/usr/bin/env bash
# Keycloak (keycloak-quarkus-dist from Maven Central) in start-dev mode with the tween realm imported.
# The unpacked dist lives in the cache; the H2 database lives in .tmcp so every checkout has its own realm.

KC_VERSION="${KC_VERSION:-26.7.3}"
KC_HOME="$TMCP_CACHE/keycloak-$KC_VERSION"
KC_ZIP="$TMCP_CACHE/keycloak-$KC_VERSION.zip"
KC_URL_ZIP="https://repo.maven.apache.org/maven2/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.zip"

keycloak_install() {
  [ -x "$KC_HOME/bin/kc.sh" ] && return 0
  apt_ensure unzip unzip
  # A .part left by an interrupted or concurrent download is resumed by curl -C -.
  download "$KC_URL_ZIP" "$KC_ZIP"
  unzip -tq "$KC_ZIP" >/dev/null || { rm -f "$KC_ZIP"; die "corrupt $KC_ZIP removed, run again"; }
  log "unpacking Keycloak $KC_VERSION"
  rm -rf "$KC_HOME.partial" && mkdir -p "$KC_HOME.partial"
  unzip -q "$KC_ZIP" -d "$KC_HOME.partial"
  mv "$KC_HOME.partial/keycloak-$KC_VERSION" "$KC_HOME" && rmdir "$KC_HOME.partial"
}

keycloak_healthy() { http_ok "http://127.0.0.1:8180/realms/tween/.well-known/openid-configuration"; }
# Written once the tween realm answers: this checkout's database holds it, and later starts skip
# the import (which would skip the existing realm anyway, after some 5 s of reading it).
KC_IMPORTED="$TMCP_STATE/data/keycloak/realm-imported"

keycloak_start() {
  keycloak_install
  mkdir -p "$KC_HOME/data/import" "$TMCP_STATE/data/keycloak"
  # ${VAR} placeholders in the realm file are resolved by Keycloak from the environment at import time;
  # the import is skipped when the realm already exists in this checkout's database.
  cp "$TMCP_DEPLOY/keycloak/tween-realm.json" "$KC_HOME/data/import/tween-realm.json"
  : >"$TMCP_LOGS/keycloak.log"
  local import=(--import-realm)
  [ -f "$KC_IMPORTED" ] && import=()
  start_bg keycloak env \
    KC_BOOTSTRAP_ADMIN_USERNAME="$KEYCLOAK_ADMIN_USER" KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
    JAVA_OPTS_KC_HEAP="-Xms256m -Xmx768m" \
    "$KC_HOME/bin/kc.sh" start-dev --http-port=8180 --http-host=127.0.0.1 --hostname="$KEYCLOAK_URL" \
    --db=dev-file --db-url="jdbc:h2:file:$TMCP_STATE/data/keycloak/keycloakdb;NON_KEYWORDS=VALUE" \
    "${import[@]}"
}

keycloak_wait() { wait_until keycloak 180 keycloak_healthy && touch "$KC_IMPORTED"; }
keycloak_stop() { stop_bg keycloak 30; }
