#!/usr/bin/env bash
# Shared helpers for the tmcp local stack. Sourced by ./tmcp and the component scripts.

TMCP_ROOT="${TMCP_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
TMCP_STATE="$TMCP_ROOT/.tmcp"
TMCP_CACHE="${TMCP_CACHE:-$HOME/.cache/tmcp}"
TMCP_LOGS="$TMCP_STATE/logs"
TMCP_PIDS="$TMCP_STATE/pids"
TMCP_DEPLOY="$TMCP_ROOT/deploy"

log()  { printf '%s [tmcp] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
warn() { printf '%s [tmcp] WARN: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die()  { printf '%s [tmcp] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

ensure_dirs() { mkdir -p "$TMCP_STATE" "$TMCP_LOGS" "$TMCP_PIDS" "$TMCP_CACHE"; }

# Install Debian packages when a command is missing: apt_ensure CMD PKG...
apt_ensure() {
  local cmd="$1"; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  log "installing $* (apt)"
  [ "$(id -u)" = 0 ] || die "need root to apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
}

java_major() { # JAVA_BIN -> major version number (0 if unknown)
  local v
  v=$("$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -1)
  echo "${v:-0}"
}

# Pick a JDK >= 21: $JAVA_HOME if good enough, else the newest under /usr/lib/jvm.
# The project's Maven: its wrapper, else Debian's maven (installed when missing).
maven_cmd() {
  if [ -x "$TMCP_ROOT/mvnw" ]; then echo "$TMCP_ROOT/mvnw"; else apt_ensure mvn maven >&2; echo mvn; fi
}

find_jdk() {
  local best="" best_v=0 d v
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(java_major "$JAVA_HOME/bin/java")
    [ "$v" -ge 21 ] && { best="$JAVA_HOME"; best_v=$v; }
  fi
  if [ -z "$best" ]; then
    for d in /usr/lib/jvm/*; do
      [ -x "$d/bin/java" ] && [ ! -L "$d" ] || continue
      v=$(java_major "$d/bin/java")
      if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v=$v; fi
    done
  fi
  [ -n "$best" ] || die "no JDK >= 21 found (set JAVA_HOME or install one under /usr/lib/jvm)"
  export JAVA_HOME="$best" PATH="$best/bin:$PATH"
  JAVA="$best/bin/java"
}

port_open() { # HOST PORT
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

pid_of()   { cat "$TMCP_PIDS/$1.pid" 2>/dev/null || true; }
is_alive() { local p; p=$(pid_of "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

# start_bg NAME CMD...  -- start CMD detached, stdout/stderr to logs/NAME.log, pid to pids/NAME.pid
start_bg() {
  local name="$1"; shift
  ensure_dirs
  setsid "$@" >>"$TMCP_LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$TMCP_PIDS/$name.pid"
}

# stop_bg NAME [TIMEOUT]  -- TERM the recorded process group, KILL after timeout
stop_bg() {
  local name="$1" timeout="${2:-30}" pid i
  pid=$(pid_of "$name")
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$TMCP_PIDS/$name.pid"; return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name did not stop in ${timeout}s, killing"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$TMCP_PIDS/$name.pid"
}

# wait_until LABEL TIMEOUT CMD...  -- poll CMD every second, progress line every 10 s
wait_until() {
  local label="$1" timeout="$2" start=$SECONDS; shift 2
  until "$@" >/dev/null 2>&1; do
    (( SECONDS - start >= timeout )) && { warn "$label not ready after ${timeout}s"; return 1; }
    (( (SECONDS - start) % 10 == 9 )) && log "waiting for $label... $((SECONDS - start + 1))s"
    sleep 1
  done
  log "$label ready ($((SECONDS - start))s)"
}

# with_heartbeat LABEL LOGFILE CMD...  -- run CMD with output to LOGFILE, print its last line every 15 s
with_heartbeat() {
  local label="$1" logf="$2" pid rc start=$SECONDS; shift 2
  mkdir -p "$(dirname "$logf")"
  "$@" >"$logf" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    for _ in $(seq 15); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && log "$label... $((SECONDS - start))s: $(tail -n1 "$logf" | cut -c1-120)"
  done
  wait "$pid" && rc=0 || rc=$?
  [ "$rc" = 0 ] || { tail -n 20 "$logf" >&2; warn "$label failed (rc=$rc), full log: $logf"; }
  return "$rc"
}

# download URL DEST  -- curl with progress bar into DEST.part, renamed when complete
download() {
  local url="$1" dest="$2"
  [ -s "$dest" ] && return 0
  mkdir -p "$(dirname "$dest")"
  log "downloading $url"
  curl -fL --retry 3 -C - --progress-bar -o "$dest.part" "$url" || curl -fL --retry 3 --progress-bar -o "$dest.part" "$url"
  mv "$dest.part" "$dest"
}

http_ok() { curl -sf -o /dev/null --max-time 5 "$1"; }
