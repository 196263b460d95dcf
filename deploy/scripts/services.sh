#!/usr/bin/env bash
# The seven TMCP services, run from their Spring Boot jars.

# Every service's memory (issue 15: each stays under 350 MB resident): a small serial-collected heap
# that is given back after a collection (the live set is 30-80 MB), a code cache sized to what the
# services use (about 35 MB), smaller thread stacks, and from JDK 25 compact object headers (JEP
# 519). MALLOC_ARENA_MAX (set where the JVM starts) keeps glibc from growing an arena per thread.
# The serial collector grows its old generation up to the maximum before it collects it, so the
# maximum is what a busy service ends up holding. wallet-adapter's PIN checks allocate 16 MiB of
# argon2 blocks each; a young collection that came mid-check promoted them, so under PIN load its
# old generation filled every few checks and 40 % of its CPU went to full collections. It runs one
# check at a time per two cores (PinHasher), in a 128 MB heap whose fixed 64 MB young generation has
# survivor spaces (21 MB) that hold one check's blocks until they die: GC time per 80 PIN transfers
# 5.2 s -> 0.65 s, transfers/s 4.1-4.7 -> 5.3-5.6 (docs/performance.md, seventh round).
#   service_jvm_memory [SERVICE]
service_jvm_memory() {
  local heap=(-Xms32m -Xmx192m)
  [ "$(svc_base "${1:-}")" = wallet-adapter ] && heap=(-Xms128m -Xmx128m -Xmn64m -XX:SurvivorRatio=1)
  printf '%s\n' "${heap[@]}" -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 \
    -XX:ReservedCodeCacheSize=64m -Xss512k
  : "${TMCP_JAVA_MAJOR:=$(java_major "$JAVA")}"
  # Every 5 s the JVM hands the C heap that its compilers freed back to the system (malloc_trim);
  # glibc would otherwise keep it resident after each burst of JIT work.
  [ "$TMCP_JAVA_MAJOR" -ge 25 ] && printf '%s\n' -XX:+UseCompactObjectHeaders -XX:TrimNativeHeapInterval=5000
  return 0
}

# name:port, in start order
TMCP_SERVICES="appstore-service:8085 matrix-bridge:8086 wallet-adapter:8082 auth-service:8081 payment-service:8083 storage-service:8084 gateway:8080"

# Replicas (`./tmcp up --replicas N`, decision 0041): replica k >= 2 of a service is the instance
# NAME-k on the service's port + 1000 * (k - 1); the gateway stays one instance in front of them.
TMCP_REPLICATED="appstore-service matrix-bridge wallet-adapter auth-service payment-service storage-service"

svc_port() {
  local s base=${1%-[0-9]*} k=${1##*-}
  for s in $TMCP_SERVICES; do [ "${s%%:*}" = "$1" ] && { echo "${s##*:}"; return 0; }; done
  for s in $TMCP_SERVICES; do [ "${s%%:*}" = "$base" ] && echo $(( ${s##*:} + 1000 * (k - 1) )); done
  return 0
}
# The service an instance belongs to: payment-service-2 -> payment-service.
svc_base() { local s; for s in $TMCP_SERVICES; do [ "${s%%:*}" = "$1" ] && { echo "$1"; return 0; }; done; echo "${1%-[0-9]*}"; }
# Every instance of every service for N replicas, in start order (replicas after their first instance).
svc_instances() {
  local n=${1:-1} s m k
  for s in $TMCP_SERVICES; do
    m=${s%%:*}; echo "$m"
    if [[ " $TMCP_REPLICATED " == *" $m "* ]]; then for ((k = 2; k <= n; k++)); do echo "$m-$k"; done; fi
  done
}
# The replica count of the running stack (1 unless `up --replicas N` recorded more).
svc_replicas_saved() { cat "$TMCP_STATE/replicas" 2>/dev/null || echo 1; }
# Exports NAME_URLS (every replica of a service, comma-separated) for N > 1: the services' clients
# and the gateway's routes take the replicas in turn; NAME_URL stays the first replica.
svc_export_replica_urls() {
  local n=$1 m k v urls
  for m in $TMCP_REPLICATED; do
    v=${m^^}; v="${v//-/_}_URLS"
    if (( n > 1 )); then
      urls="http://127.0.0.1:$(svc_port "$m")"
      for ((k = 2; k <= n; k++)); do urls="$urls,http://127.0.0.1:$(svc_port "$m-$k")"; done
      export "$v=$urls"
    else
      unset "$v"
    fi
  done
}
# TMCP_JARS_DIR: run prebuilt jars (NAME.jar) from that folder and skip the build (CI artifacts, tmcp self-tests).
svc_jar()  { local b; b=$(svc_base "$1"); if [ -n "${TMCP_JARS_DIR:-}" ]; then echo "$TMCP_JARS_DIR/$b.jar"; else echo "$TMCP_ROOT/$b/target/$b.jar"; fi; }
# The gateway serves health and metrics on its management port only (8090), never on 8080.
svc_healthy() {
  local port; port=$(svc_port "$1"); [ "$1" = gateway ] && port=8090
  http_ok "http://127.0.0.1:$port/actuator/health/readiness"
}

# Build when a jar is missing or any module source / pom is newer than its last build. Reproducible
# jars carry the fixed outputTimestamp as their file time, so a stamp beside each jar records when
# it was built.
svc_built_stamp() { echo "$(svc_jar "$1").built"; }
services_build_needed() {
  local s m jar stamp
  [ -z "${TMCP_JARS_DIR:-}" ] || return 1
  [ -f "$TMCP_ROOT/pom.xml" ] || die "no pom.xml at $TMCP_ROOT: nothing to build"
  for s in $TMCP_SERVICES; do
    m=${s%%:*}; jar=$(svc_jar "$m"); stamp=$(svc_built_stamp "$m")
    [ -f "$jar" ] && [ -f "$stamp" ] && [ ! "$jar" -nt "$stamp" ] || return 0
    [ -n "$(find "$TMCP_ROOT/$m" "$TMCP_ROOT/pom.xml" "$TMCP_ROOT"/libs \
        -path '*/target' -prune -o -type f -newer "$stamp" -print -quit 2>/dev/null)" ] && return 0
  done
  return 1
}

services_build() {
  services_build_needed || { log "service jars are up to date"; return 0; }
  local mvn
  mvn=$(maven_cmd)
  # The jars only: the images (`tmcp images`) are not what the local stack runs.
  log "building service jars ($mvn -B -q -Dmaven.test.skip=true -DskipImages package)"
  with_heartbeat "maven package" "$TMCP_LOGS/build.log" \
    bash -c "cd '$TMCP_ROOT' && '$mvn' -B -q -Dmaven.test.skip=true -DskipImages package" || die "build failed, see $TMCP_LOGS/build.log"
  local s
  for s in $TMCP_SERVICES; do touch "$(svc_built_stamp "${s%%:*}")"; done
}

# Each service runs from its jar extracted (Spring Boot's jarmode tools) into a folder named by the
# jar's digest, with the JDK's AOT cache beside it (JEP 483/514/515: classes loaded and linked,
# method profiles): the first instance of a service started without a cache records one, written
# once it is ready (svc_aot_write); every later start reads it and is ready about 2.5 times sooner
# (bench/start.sh, decision 0054). Builds are reproducible (the root pom's
# outputTimestamp), so an unchanged service keeps its folder and cache across rebuilds; a rebuild
# never changes classes under a running JVM, and `down` removes the folders of older jars.
svc_runtime_dir() {
  local m=$1 jar digest dir
  jar=$(svc_jar "$m"); [ -f "$jar" ] || die "$m: $jar missing"
  digest=$(svc_digest "$jar")
  dir="$TMCP_STATE/run/$(svc_base "$m")/$digest"
  if [ ! -d "$dir/app" ]; then
    rm -rf "$dir.partial" && mkdir -p "$dir.partial"
    "$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$dir.partial/app" >/dev/null \
      || die "$m: could not extract $jar"
    mv "$dir.partial" "$dir"
  fi
  echo "$dir"
}

# Extracts the jars of the given instances' services in parallel (the first start of a new build).
svc_runtime_prepare() {
  local m jobs="" seen=" "
  for m in "$@"; do
    m=$(svc_base "$m"); [[ "$seen" == *" $m "* ]] && continue; seen="$seen$m "
    svc_runtime_dir "$m" >/dev/null & jobs="$jobs $!"
  done
  [ -z "$jobs" ] || wait $jobs
}

# The first 16 hex digits of JAR's SHA-256, kept beside it until its next build (stamp).
svc_digest() {
  local jar=$1 sum="$1.sha256"
  # Only for jars this script built (prebuilt ones, TMCP_JARS_DIR, have no stamp and are summed each time).
  [ -f "$jar.built" ] || { sha256sum "$jar" | cut -c1-16; return 0; }
  if [ -f "$sum" ] && [ "$sum" -nt "$jar.built" ] && [ "$(stat -c %s "$jar")" = "$(sed -n 2p "$sum")" ]; then
    sed -n 1p "$sum"; return 0
  fi
  printf '%s\n%s\n' "$(sha256sum "$jar" | cut -c1-16)" "$(stat -c %s "$jar")" >"$sum.$$" && mv "$sum.$$" "$sum"
  sed -n 1p "$sum"
}

# The AOT cache options for instance M running from DIR: read the cache, or record one (first
# instance only, so two replicas never write the same file; written to app.aot.new and moved into
# place by svc_aot_keep once the JVM says it is complete). TMCP_AOT_RECORD=off records none: for a
# one-off start (the replica phase of `tmcp test`), where writing the caches and waiting for them
# costs more than the replicas would gain from them.
svc_aot_args() {
  local m=$1 dir=$2
  if [ -f "$dir/app.aot" ]; then printf '%s\n' -XX:AOTCache="$dir/app.aot" -Xlog:aot=error -Xlog:cds=error
  elif [ "$(svc_base "$m")" = "$m" ] && [ "${TMCP_AOT_RECORD:-on}" != off ]; then
    rm -f "$dir/app.aot.new"
    printf '%s\n' -XX:AOTCacheOutput="$dir/app.aot.new" -Xlog:aot=error -Xlog:cds=error
  fi
  return 0
}

svc_start() {
  local m=$1 port dir
  port=$(svc_port "$m"); dir=$(svc_runtime_dir "$m")
  echo "$dir" >"$TMCP_STATE/run/$m.dir"
  : >"$TMCP_LOGS/$m.log"
  local agent=() aot=()
  if prometheus_wanted && [ "${TMCP_TRACING:-on}" != off ]; then
    # The JVM neither writes nor reads an AOT cache built without the java agent, so traced runs go without.
    mapfile -t agent < <(tracing_jvm_args "$m")
  else
    mapfile -t aot < <(svc_aot_args "$m" "$dir")
  fi
  local memory=()
  mapfile -t memory < <(service_jvm_memory "$m")
  start_bg "$m" env SERVER_PORT="$port" MALLOC_ARENA_MAX=2 \
    "$JAVA" "${memory[@]}" "${agent[@]}" "${aot[@]}" \
    -jar "$dir/app/$(basename "$(svc_jar "$m")")"
}

# Once recording instances are ready, each writes its cache while it keeps serving (jcmd
# AOT.end_recording, some 20 s of one core in the background), so even the first restart is fast.
svc_aot_write() {
  local m pid dir jcmd
  jcmd="$(dirname "$JAVA")/jcmd"; [ -x "$jcmd" ] || return 0
  for m in "$@"; do
    pid=$(pid_of "$m"); dir=$(cat "$TMCP_STATE/run/$m.dir" 2>/dev/null || true)
    [ -n "$pid" ] && [ -n "$dir" ] && grep -qa AOTCacheOutput "/proc/$pid/cmdline" 2>/dev/null || continue
    log "$m: writing its AOT cache in the background"
    ( timeout 300 "$jcmd" "$pid" AOT.end_recording && svc_aot_keep "$m" "$dir" ) </dev/null >/dev/null 2>&1 &
    SVC_AOT_WRITERS="${SVC_AOT_WRITERS:-} $!"
  done
}

# Waits for the caches svc_aot_write started: replicas started after them start from them, and a
# service dumping its cache does not answer until it is done.
svc_aot_wait() {
  [ -z "${SVC_AOT_WRITERS:-}" ] && return 0
  log "waiting for the AOT caches being written"
  wait $SVC_AOT_WRITERS 2>/dev/null || true
  SVC_AOT_WRITERS=""
}

# A cache counts once the JVM says it is complete; a partial one (writer killed) goes.
svc_aot_keep() {
  local m=$1 dir=$2
  [ -f "$dir/app.aot.new" ] || return 0
  if grep -q "AOTCache creation is complete" "$TMCP_LOGS/$m.log"; then mv -f "$dir/app.aot.new" "$dir/app.aot"
  else rm -f "$dir/app.aot.new"; fi
}

# An instance still recording writes its cache as it exits, so it gets longer to stop.
svc_stop() {
  local m=$1 dir timeout=30
  dir=$(cat "$TMCP_STATE/run/$m.dir" 2>/dev/null || true)
  [ -n "$dir" ] && [ ! -f "$dir/app.aot" ] && timeout=150
  stop_bg "$m" "$timeout"
  [ -z "$dir" ] || svc_aot_keep "$m" "$dir"
}

# After `down`: the extracted folders of jars other than the current ones go.
svc_runtime_prune() {
  local s m digest d
  for s in $TMCP_SERVICES; do
    m=${s%%:*}; [ -f "$(svc_jar "$m")" ] || continue
    digest=$(svc_digest "$(svc_jar "$m")")
    for d in "$TMCP_STATE/run/$m"/*; do
      [ -e "$d" ] && [ "$(basename "$d")" != "$digest" ] && rm -rf "$d"
    done
  done
  rm -f "$TMCP_STATE/run"/*.jar "$TMCP_STATE/run"/*.jsa
  # Recordings a stop or a crash test cut short (the JVM's temporary .config, a partial cache).
  rm -f "$TMCP_STATE/run"/*/*/app.aot.*
  return 0
}
# Stops the given instances in parallel and waits for those stops only (not for other children of the shell).
services_stop() {
  local m stops=""
  for m in "$@"; do svc_stop "$m" & stops="$stops $!"; done
  [ -z "$stops" ] || wait $stops
}

# Wait for all given services; print the pending ones every 10 s. Seven JVMs with the javaagent on 2 cores take up to ~3 min.
services_wait() {
  local timeout=${TMCP_START_TIMEOUT:-300} start=$SECONDS last=$SECONDS pending m left
  pending="$*"
  while [ -n "$pending" ]; do
    left=""
    for m in $pending; do
      if svc_healthy "$m"; then log "$m ready ($((SECONDS - start))s)"
      elif ! is_alive "$m"; then warn "$m exited, last log lines:"; tail -n 15 "$TMCP_LOGS/$m.log" >&2; return 1
      else left="$left $m"; fi
    done
    pending=${left# }
    [ -z "$pending" ] && break
    (( SECONDS - start >= timeout )) && { warn "not ready after ${timeout}s: $pending"; return 1; }
    if (( SECONDS - last >= 10 )); then last=$SECONDS; log "waiting for: $pending ($((SECONDS - start))s)"; fi
    sleep 2
  done
}
