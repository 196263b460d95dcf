#!/usr/bin/env bash
# The stack's environment contract: defaults < secrets.env < (stack.env for non-up commands) < caller's environment.
# A component whose variable the caller sets is treated as external and not started.

TMCP_SECRET_KEYS="TMCP_DB_PASSWORD KEYCLOAK_ADMIN_PASSWORD KEYCLOAK_CLIENT_SECRET SYNAPSE_REGISTRATION_SECRET TMCP_AS_TOKEN TMCP_HS_TOKEN KC_TEST_PASSWORD TMCP_KEY_ENCRYPTION_KEY TMCP_STORAGE_MASTER_KEYS TMCP_CONSOLE_CLIENT_SECRET TMCP_APPSTORE_SECRET_KEY TMCP_WALLET_CALLBACK_SECRET TMCP_PAYMENT_SERVICE_SECRET TMCP_BUNDLE_SIGNING_KEY"

tmcp_defaults() {
  cat <<'DEFAULTS'
GATEWAY_URL=http://127.0.0.1:8080
GATEWAY_MANAGEMENT_URL=http://127.0.0.1:8090
AUTH_SERVICE_URL=http://127.0.0.1:8081
WALLET_ADAPTER_URL=http://127.0.0.1:8082
PAYMENT_SERVICE_URL=http://127.0.0.1:8083
STORAGE_SERVICE_URL=http://127.0.0.1:8084
APPSTORE_SERVICE_URL=http://127.0.0.1:8085
MATRIX_BRIDGE_URL=http://127.0.0.1:8086
TMCP_DB_HOST=127.0.0.1
TMCP_DB_PORT=5432
TMCP_DB_USER=tmcp
REDIS_URL=redis://127.0.0.1:6379
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092
KEYCLOAK_URL=http://127.0.0.1:8180
KEYCLOAK_REALM=tween
KEYCLOAK_ADMIN_USER=admin
KEYCLOAK_CLIENT_ID=tmcp-server
SYNAPSE_URL=http://127.0.0.1:8008
SYNAPSE_SERVER_NAME=localhost
DEMO_MINIAPP_CLIENT_ID=ma_demo_wallet
OFFICIAL_MINIAPP_CLIENT_ID=ma_tween_wallet
TMCP_SANDBOX_ENABLED=true
TMCP_DEMO_APP_ENABLED=true
TMCP_WEBHOOKS_LOCAL=true
TMCP_ISSUER=http://127.0.0.1:8080
KC_TEST_USER=kc-alice
TMCP_CONSOLE_CLIENT_ID=tmcp_developer_console_001
PROMETHEUS_URL=http://127.0.0.1:9090
ZIPKIN_URL=http://127.0.0.1:9411
HOST_URL=http://127.0.0.1:8070
TMCP_DEMO_SHOP_URL=http://127.0.0.1:8071/
DEMO_SHOP_CLIENT_ID=ma_demo_shop
TMCP_CORS_ALLOWED_ORIGINS=http://127.0.0.1:8070
DEFAULTS
}

TMCP_ENV_KEYS="$(tmcp_defaults | cut -d= -f1 | tr '\n' ' ') $TMCP_SECRET_KEYS"
TMCP_CALLER_SET=" "

random_secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
# TMCP_KEY_ENCRYPTION_KEY and TMCP_APPSTORE_SECRET_KEY are AES-256 keys: base64 of 32 random bytes.
# TMCP_STORAGE_MASTER_KEYS: versioned AES-256 master keys, newest first ("v1:<base64>").
# TMCP_BUNDLE_SIGNING_KEY: an Ed25519 private key (openssl).
secret_for() {
  case $1 in
    TMCP_KEY_ENCRYPTION_KEY|TMCP_APPSTORE_SECRET_KEY) head -c 32 /dev/urandom | base64 -w0 ;;
    TMCP_STORAGE_MASTER_KEYS) printf 'v1:%s' "$(head -c 32 /dev/urandom | base64 -w0)" ;;
    # The platform's bundle signing key (decision 0048): Ed25519, PKCS#8 DER, base64.
    TMCP_BUNDLE_SIGNING_KEY) openssl genpkey -algorithm ed25519 -outform DER | base64 -w0 ;;
    *) random_secret ;;
  esac
}

# Create secrets once per machine, not per checkout: the machine's PostgreSQL databases and the
# cached homeserver outlive a checkout, and data in them (wrapped signing keys, the bridge's
# homeserver account) is bound to these secrets. Appends keys added later; never rewrites values.
secrets_ensure() {
  local master="$TMCP_CACHE/secrets.env" f="$TMCP_STATE/secrets.env" k
  (umask 077; touch "$master")
  for k in $TMCP_SECRET_KEYS; do
    grep -q "^$k=" "$master" || echo "$k=$(secret_for "$k")" >>"$master"
  done
  chmod 600 "$master"
  (umask 077; cp "$master" "$f")
}

# env_load [write]  -- export every contract variable; 'write' regenerates .tmcp/stack.env
env_load() {
  local k line
  local defaults; defaults=$(tmcp_defaults)
  # Caller-set = set and different from the default (so re-exporting stack.env does not turn components external).
  for k in $TMCP_ENV_KEYS; do
    [ -n "${!k:-}" ] && ! grep -qxF "$k=${!k}" <<<"$defaults" && TMCP_CALLER_SET+="$k "
  done
  secrets_ensure
  local sources=("$TMCP_STATE/secrets.env")
  [ "${1:-}" != write ] && [ -f "$TMCP_STATE/stack.env" ] && sources+=("$TMCP_STATE/stack.env")
  while IFS= read -r line; do
    k=${line%%=*}
    [[ "$TMCP_CALLER_SET" == *" $k "* ]] || export "$line"
  done < <(tmcp_defaults; cat "${sources[@]}")
  for k in $TMCP_ENV_KEYS; do export "$k"; done
  if [ "${1:-}" = write ]; then
    (umask 077; for k in $TMCP_ENV_KEYS; do echo "$k=${!k}"; done >"$TMCP_STATE/stack.env")
    echo "$TMCP_CALLER_SET" >"$TMCP_STATE/external.keys"
  fi
  [ -f "$TMCP_STATE/external.keys" ] && TMCP_CALLER_SET=" $(cat "$TMCP_STATE/external.keys") "
  return 0
}

component_var() {
  case $1 in
    postgres) echo TMCP_DB_HOST ;; redis) echo REDIS_URL ;; kafka) echo KAFKA_BOOTSTRAP_SERVERS ;;
    keycloak) echo KEYCLOAK_URL ;; synapse) echo SYNAPSE_URL ;;
    *) local v=${1^^}; echo "${v//-/_}_URL" ;;
  esac
}

is_external() { [[ "$TMCP_CALLER_SET" == *" $(component_var "$1") "* ]]; }

component_url() {
  case $1 in
    postgres) echo "postgresql://$TMCP_DB_HOST:$TMCP_DB_PORT" ;;
    kafka) echo "kafka://$KAFKA_BOOTSTRAP_SERVERS" ;;
    *) local v; v=$(component_var "$1"); echo "${!v}" ;;
  esac
}

host_port() { local hp=${1#*://}; hp=${hp%%/*}; hp=${hp%%,*}; echo "${hp%:*} ${hp##*:}"; }

component_healthy() {
  case $1 in
    postgres) postgres_healthy ;;
    redis) redis-cli -u "$REDIS_URL" ping 2>/dev/null | grep -q PONG ;;
    kafka) port_open $(host_port "$KAFKA_BOOTSTRAP_SERVERS") ;;
    keycloak) http_ok "$KEYCLOAK_URL/realms/$KEYCLOAK_REALM/.well-known/openid-configuration" ;;
    synapse) http_ok "$SYNAPSE_URL/health" && http_ok "$SYNAPSE_URL/_matrix/client/versions" ;;
    gateway) http_ok "$GATEWAY_MANAGEMENT_URL/actuator/health/readiness" ;;
    *) http_ok "$(component_url "$1")/actuator/health/readiness" ;;
  esac
}
