#!/usr/bin/env bash
# The reference web host and its demo shop (host/, decision 0051): a Node.js server on loopback,
# HOST_URL for the host and TMCP_DEMO_SHOP_URL for the shop, which loads the SDK built in sdk/.

host_node_ensure() {
  apt_ensure node nodejs
  apt_ensure npm npm
}

# npm ci when node_modules is missing or older than the lock file.
npm_ci_needed() {
  local dir=$1
  [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]
}

host_npm_ci() {
  local dir=$1
  if npm_ci_needed "$dir"; then
    log "npm ci in ${dir#"$TMCP_ROOT"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >>"$TMCP_LOGS/npm.log" 2>&1) \
      || die "npm ci failed in $dir, see $TMCP_LOGS/npm.log"
    touch "$dir/node_modules"
  fi
}

# The SDK bundle the demo shop includes: built when missing or older than its sources.
sdk_build() {
  local sdk="$TMCP_ROOT/sdk" bundle="$TMCP_ROOT/sdk/dist/tween-sdk.min.js"
  host_npm_ci "$sdk"
  if [ ! -f "$bundle" ] || [ -n "$(find "$sdk/src" "$sdk/scripts" "$sdk/package.json" -newer "$bundle" -print -quit)" ]; then
    log "building the SDK (npm run build in sdk/)"
    (cd "$sdk" && npm run build >>"$TMCP_LOGS/npm.log" 2>&1) || die "the SDK did not build, see $TMCP_LOGS/npm.log"
  fi
}

host_healthy() { curl -sf -o /dev/null --max-time 2 "$HOST_URL/health"; }

host_up() {
  if is_alive host; then log "host: already running (pid $(pid_of host))"; return 0; fi
  host_node_ensure
  sdk_build
  : >"$TMCP_LOGS/host.log"
  log "host: starting on $HOST_URL (demo shop on $TMCP_DEMO_SHOP_URL)"
  start_bg host node "$TMCP_ROOT/host/server.mjs"
  local i
  for i in $(seq 1 30); do host_healthy && { log "host ready"; return 0; }; sleep 0.5; done
  die "the host did not start, see $TMCP_LOGS/host.log"
}

host_stop() { stop_bg host 10; }
