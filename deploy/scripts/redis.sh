#!/usr/bin/env bash
# Redis: our own non-persistent redis-server on 127.0.0.1:6379 unless one already answers (then reused, never stopped).

redis_healthy() { [ "$(redis-cli -u "$REDIS_URL" ping 2>/dev/null)" = PONG ]; }

redis_start() {
  apt_ensure redis-server redis-server
  if redis_healthy; then
    log "redis: reusing the server already answering on $REDIS_URL"
    return 0
  fi
  start_bg redis redis-server --bind 127.0.0.1 --port 6379 --daemonize no --save "" --appendonly no \
    --dir "$TMCP_STATE"
}

redis_wait() { wait_until redis 20 redis_healthy; }
redis_stop() { stop_bg redis 10; }
