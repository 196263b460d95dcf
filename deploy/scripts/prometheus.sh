#!/usr/bin/env bash
# Prometheus (Debian's package) for `tmcp up --observability`: scrapes every instance of every
# service as the alert rules expect (one job per service, named after it; the gateway on its
# management port), evaluates deploy/prometheus/alerts.yml, listens on 127.0.0.1:9090.

PROMETHEUS_URL=${PROMETHEUS_URL:-http://127.0.0.1:9090}
PROMETHEUS_DIR="$TMCP_STATE/prometheus"
PROMETHEUS_FLAG="$TMCP_STATE/observability"

prometheus_wanted() { [ -f "$PROMETHEUS_FLAG" ]; }
prometheus_healthy() { http_ok "$PROMETHEUS_URL/-/ready"; }

# Writes the scrape configuration for the instances of N replicas.
prometheus_config() {
  local n=$1 m s target
  mkdir -p "$PROMETHEUS_DIR"
  cp "$TMCP_DEPLOY/prometheus/alerts.yml" "$PROMETHEUS_DIR/alerts.yml"
  {
    echo "global:"
    echo "  scrape_interval: 5s"
    echo "  evaluation_interval: 15s"
    echo "rule_files: [alerts.yml]"
    echo "scrape_configs:"
    for s in $TMCP_SERVICES; do
      m=${s%%:*}
      echo "  - job_name: $m"
      echo "    metrics_path: /actuator/prometheus"
      echo "    static_configs:"
      echo "      - targets:"
      if [ "$m" = gateway ]; then
        target=${GATEWAY_MANAGEMENT_URL#*://}; echo "          - ${target%%/*}"
      else
        for i in $(svc_instances "$n"); do
          [ "$(svc_base "$i")" = "$m" ] && echo "          - 127.0.0.1:$(svc_port "$i")"
        done
      fi
    done
  } >"$PROMETHEUS_DIR/prometheus.yml"
}

# Starts Prometheus, or makes a running one reload its configuration.
prometheus_up() {
  local n=$1
  apt_ensure prometheus prometheus
  prometheus_config "$n"
  promtool check config "$PROMETHEUS_DIR/prometheus.yml" >/dev/null || die "prometheus: bad configuration"
  if is_alive prometheus; then
    kill -HUP "$(pid_of prometheus)" && log "prometheus: configuration reloaded ($n replica(s))"
    return 0
  fi
  log "prometheus: starting on $PROMETHEUS_URL"
  start_bg prometheus prometheus --config.file="$PROMETHEUS_DIR/prometheus.yml" \
    --storage.tsdb.path="$PROMETHEUS_DIR/data" --storage.tsdb.retention.time=2d \
    --web.listen-address="${PROMETHEUS_URL#*://}" --web.enable-lifecycle
  wait_until prometheus 30 prometheus_healthy || die "prometheus did not start, see $TMCP_LOGS/prometheus.log"
}

prometheus_stop() { stop_bg prometheus 10; }
