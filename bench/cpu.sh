#!/usr/bin/env bash
# CPU seconds each part of the stack used over a window, from /proc (utime + stime of every
# thread), to see where a benchmark's CPU goes; with COUNT (the requests or transfers done in the
# window) also the milliseconds of CPU each one cost. Run it beside another benchmark:
#   bench/cpu.sh SECONDS [COUNT]
#   e.g. P2P_PROOF=device bench/p2p.sh 0 4 40 & sleep 40; bench/cpu.sh 20
set -euo pipefail
# TMCP_SERVICES: the suite's services, in the stack's start order
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/scripts/services.sh"
SECONDS_WANTED=${1:?usage: bench/cpu.sh SECONDS [COUNT]}
COUNT=${2:-}

# pid utime stime of every process
snapshot() {
  local p
  for p in /proc/[0-9]*; do
    read -r -a f <"$p/stat" 2>/dev/null || continue
    # the command name (field 2) has no spaces in what we run; fields 14 and 15 are utime, stime
    echo "${p#/proc/} ${f[13]} ${f[14]}"
  done
}

# The part a process belongs to: a suite service by its jar, an infrastructure process by its command.
part() {
  local cmd
  cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | cut -c1-600) || true
  local s
  for s in $TMCP_SERVICES; do
    s=${s%%:*}
    [[ "$cmd" == *"/$s.jar"* || "$cmd" == *"/$s/"* ]] && { echo "$s"; return; }
  done
  case "$cmd" in
    *synapse*) echo synapse ;; *postgres*) echo postgres ;; *redis-server*) echo redis ;;
    *kafka*) echo kafka ;; *keycloak*|*quarkus*) echo keycloak ;; *bench.*|*wrk*) echo load-generator ;;
    *) echo other ;;
  esac
}

before=$(mktemp); after=$(mktemp)
trap 'rm -f "$before" "$after"' EXIT
snapshot | sort >"$before"
sleep "$SECONDS_WANTED"
snapshot | sort >"$after"
hz=$(getconf CLK_TCK)
join "$before" "$after" | awk '{ d = ($4 + $5) - ($2 + $3); if (d > 0) print $1, d }' \
  | while read -r pid ticks; do echo "$(part "$pid") $ticks"; done \
  | awk -v hz="$hz" -v cores="$(nproc)" -v n="$COUNT" -v window="$SECONDS_WANTED" '
      { t[$1] += $2; total += $2 }
      END {
        printf "%-18s %10s %8s%s\n", "part", "cpu_s", "share", (n ? "   cpu_ms_each" : "")
        for (k in t) printf "%-18s %10.1f %7.0f%%%s\n", k, t[k] / hz, 100 * t[k] / total, (n ? sprintf("   %11.1f", 1000 * t[k] / hz / n) : "") | "sort -k2 -rn"
        close("sort -k2 -rn")
        printf "%-18s %10.1f of %d available (%d s x %d cores)\n", "total", total / hz, window * cores, window, cores
      }'
