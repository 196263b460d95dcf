#!/usr/bin/env bash
# Traces for `tmcp up --observability`: the Zipkin server (Maven Central's exec jar, in-memory
# storage, 127.0.0.1:9411) and the OpenTelemetry javaagent attached to every service, exporting
# to it through the Zipkin exporter packed as an agent extension (deploy/tracing/pom.xml).

ZIPKIN_URL=${ZIPKIN_URL:-http://127.0.0.1:9411}
TRACING_INSTRUMENTATIONS="opentelemetry-api opentelemetry-instrumentation-api reactor executors netty reactor-netty
  spring-webflux kafka spring-kafka r2dbc lettuce java-http-client logback-mdc"
TRACING_POM="$TMCP_DEPLOY/tracing/pom.xml"
TRACING_VERSION="$(sed -n 's:.*<otel.javaagent.version>\(.*\)</otel.javaagent.version>.*:\1:p' "$TRACING_POM")"
TRACING_HOME="$TMCP_CACHE/tracing-$TRACING_VERSION-$(cksum <"$TRACING_POM" | cut -d' ' -f1)"

tracing_install() {
  [ -f "$TRACING_HOME/.complete" ] && return 0
  local mvn
  mvn=$(maven_cmd)
  log "fetching the OpenTelemetry javaagent $TRACING_VERSION and the Zipkin server from Maven Central"
  rm -rf "$TRACING_HOME"; mkdir -p "$TRACING_HOME"
  with_heartbeat "tracing jars" "$TMCP_CACHE/tracing-download.log" \
    bash -c 'cd "$1" && shift && exec "$@"' _ "$TMCP_ROOT" \
    "$mvn" -B -q -f "$TRACING_POM" package || return 1
  cp "$TMCP_DEPLOY/tracing/target/opentelemetry-javaagent.jar" "$TMCP_DEPLOY/tracing/target/tmcp-otel-zipkin.jar" \
    "$TMCP_DEPLOY/tracing/target/zipkin-server-exec.jar" "$TRACING_HOME/" || return 1
  touch "$TRACING_HOME/.complete"
}

zipkin_healthy() { http_ok "$ZIPKIN_URL/health"; }

tracing_up() {
  tracing_install || die "could not fetch the tracing jars, see $TMCP_CACHE/tracing-download.log"
  if is_alive zipkin; then log "zipkin: already running (pid $(pid_of zipkin))"; return 0; fi
  local hostport=${ZIPKIN_URL#*://}
  log "zipkin: starting on $ZIPKIN_URL"
  : >"$TMCP_LOGS/zipkin.log"
  # In-memory spans cost about 1 KB each with their tags: 200,000 of them ran a 256 MB heap out of memory in a full test run.
  STORAGE_TYPE=mem MEM_MAX_SPANS=50000 start_bg zipkin "$JAVA" -Xmx512m -XX:+UseSerialGC \
    -jar "$TRACING_HOME/zipkin-server-exec.jar" \
    "--armeria.ports[0].ip=${hostport%%:*}" "--armeria.ports[0].port=${hostport##*:}" "--armeria.ports[0].protocols=http"
}

tracing_wait() { wait_until zipkin 90 zipkin_healthy || die "zipkin did not start, see $TMCP_LOGS/zipkin.log"; }

tracing_stop() { stop_bg zipkin 10; }

# The JVM options that attach the agent to instance $1 (every replica reports as its service).
tracing_jvm_args() {
  local m=$1
  printf '%s\n' "-javaagent:$TRACING_HOME/opentelemetry-javaagent.jar" \
    "-Dotel.javaagent.extensions=$TRACING_HOME/tmcp-otel-zipkin.jar" \
    "-Dotel.service.name=$(svc_base "$m")" \
    "-Dotel.traces.exporter=zipkin" "-Dotel.exporter.zipkin.endpoint=$ZIPKIN_URL/api/v2/spans" \
    "-Dotel.metrics.exporter=none" "-Dotel.logs.exporter=none" "-Dotel.propagators=tracecontext,baggage" "-Dotel.instrumentation.logback-mdc.add-baggage=true" \
    "-Dotel.bsp.schedule.delay=1000" "-Dotel.instrumentation.common.default-enabled=false" \
    "-Dotel.traces.sampler=parentbased_traceidratio" "-Dotel.traces.sampler.arg=${TMCP_TRACE_RATIO:-1.0}"
  # Only what the suite uses: the agent matches every loaded class against each enabled
  # instrumentation, and all ~290 of them more than doubled the start-up on two cores.
  local i
  for i in $TRACING_INSTRUMENTATIONS; do printf '%s\n' "-Dotel.instrumentation.$i.enabled=true"; done
}
