#!/usr/bin/env bash
# Apache Kafka (KRaft, combined broker+controller, one node) run from the Maven Central jars.

KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$TMCP_DEPLOY/kafka/pom.xml")"
KAFKA_HOME="$TMCP_CACHE/kafka-$KAFKA_VERSION"
KAFKA_DATA="$TMCP_STATE/data/kafka"
KAFKA_CONF="$TMCP_STATE/kafka"
KAFKA_TOPICS="tmcp.payment tmcp.p2p tmcp.gift tmcp.app tmcp.auth tmcp.wallet tmcp.matrix.inbound"
# Each topic's dead-letter topic (libs DeadLetters): created too, in case auto-creation is turned off.
KAFKA_TOPICS="$KAFKA_TOPICS $(for t in $KAFKA_TOPICS; do printf '%s.dlt ' "$t"; done)"

kafka_install() {
  [ -f "$KAFKA_HOME/.complete" ] && return 0
  local mvn
  mvn=$(maven_cmd)
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central"
  rm -rf "$KAFKA_HOME"
  # Run from the repo root: mvnw locates .mvn/ from the working directory.
  with_heartbeat "kafka jars" "$TMCP_CACHE/kafka-download.log" \
    bash -c 'cd "$1" && shift && exec "$@"' _ "$TMCP_ROOT" \
    "$mvn" -B -f "$TMCP_DEPLOY/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_HOME/libs" -DincludeScope=runtime || return 1
  touch "$KAFKA_HOME/.complete"
}

kafka_healthy() {
  port_open 127.0.0.1 9092 && grep -q 'Kafka Server started' "$TMCP_LOGS/kafka.log" 2>/dev/null
}

kafka_java() { "$JAVA" -cp "$KAFKA_HOME/libs/*" -Dlog4j2.configurationFile="$TMCP_DEPLOY/kafka/log4j2.yaml" "$@"; }

kafka_configure() {
  mkdir -p "$KAFKA_CONF" "$KAFKA_DATA"
  sed "s#@LOG_DIRS@#$KAFKA_DATA#" "$TMCP_DEPLOY/kafka/server.properties" >"$KAFKA_CONF/server.properties"
  if [ ! -f "$KAFKA_DATA/meta.properties" ]; then
    local id
    id=$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)
    log "formatting Kafka storage (cluster id $id)"
    # Static quorum (controller.quorum.voters): no --standalone, which would create a dynamic quorum.
    kafka_java kafka.tools.StorageTool format -t "$id" -c "$KAFKA_CONF/server.properties" >>"$TMCP_LOGS/kafka-format.log" 2>&1 ||
      die "kafka storage format failed, see $TMCP_LOGS/kafka-format.log"
  fi
}

kafka_start() {
  kafka_install
  kafka_configure
  : >"$TMCP_LOGS/kafka.log"
  start_bg kafka "$JAVA" -Xms128m -Xmx512m -XX:+UseSerialGC -cp "$KAFKA_HOME/libs/*" \
    -Dlog4j2.configurationFile="$TMCP_DEPLOY/kafka/log4j2.yaml" \
    -Dkafka.logs.dir="$TMCP_LOGS" kafka.Kafka "$KAFKA_CONF/server.properties"
}

kafka_wait() {
  wait_until kafka 90 kafka_healthy || return 1
  kafka_create_topics
}

kafka_create_topics() {
  local created t classes
  # One JVM and one admin request for all of them (a kafka-topics run per topic took 2-3 s each),
  # compiled once per version of the tool (compiling it at every start cost 3-4 s of the start).
  classes="$KAFKA_HOME/tools/$(sha256sum "$TMCP_DEPLOY/kafka/CreateTopics.java" | cut -c1-12)"
  if [ ! -f "$classes/CreateTopics.class" ]; then
    "$(dirname "$JAVA")/javac" -nowarn -cp "$KAFKA_HOME/libs/*" -d "$classes.partial" "$TMCP_DEPLOY/kafka/CreateTopics.java" \
      && rm -rf "$classes" && mv "$classes.partial" "$classes" || die "compiling CreateTopics.java failed"
  fi
  created=$("$JAVA" -cp "$classes:$KAFKA_HOME/libs/*" -Dlog4j2.configurationFile="$TMCP_DEPLOY/kafka/log4j2.yaml" \
    CreateTopics 127.0.0.1:9092 3 $KAFKA_TOPICS) || die "creating the Kafka topics failed"
  for t in $created; do log "kafka topic $t created"; done
}

kafka_stop() { stop_bg kafka 60; }
