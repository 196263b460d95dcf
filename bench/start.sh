#!/usr/bin/env bash
# Start-up of one service, side by side in one run: its Spring Boot jar as built (with the dynamic
# class-data archive the stack used to write, warmed by a first start) against the stack's extracted
# copy with its AOT cache (decision 0054). Each start is a second instance on a free port beside the
# running stack, stopped once ready; prints the medians of BENCH_REPS (3) starts and their ratio.
#   bench/start.sh [SERVICE]     (default storage-service; needs ./tmcp up)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
svc=${1:-storage-service}
reps=${BENCH_REPS:-3}
port=${BENCH_START_PORT:-19184}
app=$(stack_app "$svc")
[ -f "$app/../app.aot" ] || die "$svc has no AOT cache yet: ./tmcp restart $svc, then run this again"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp "$(svc_jar "$svc")" "$work/$svc.jar"
mapfile -t memory < <(service_jvm_memory)

# start_once LABEL JVM-ARGS... -> seconds from exec to readiness
start_once() {
  local label=$1 t0 pid; shift
  t0=$(date +%s.%N)
  SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$port MALLOC_ARENA_MAX=2 \
    "$JAVA" "${memory[@]}" "$@" >"$work/$label.log" 2>&1 &
  pid=$!
  until http_ok "http://127.0.0.1:$port/actuator/health/readiness"; do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$work/$label.log" >&2; die "$label: $svc exited"; }
    sleep 0.2
  done
  echo "$(date +%s.%N) - $t0" | bc
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

fat=(-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$work/$svc.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$work/$svc.jar")
aot=(-XX:AOTCache="$app/../app.aot" -Xlog:aot=error -Xlog:cds=error -jar "$app/$svc.jar")
log "$svc: one start of the jar as built to write its class-data archive"
start_once warm "${fat[@]}" >/dev/null
: >"$work/fat"; : >"$work/aot"
for ((i = 1; i <= reps; i++)); do
  start_once "fat-$i" "${fat[@]}" >>"$work/fat"
  start_once "aot-$i" "${aot[@]}" >>"$work/aot"
done
f=$(median <"$work/fat"); a=$(median <"$work/aot")
printf '%-46s %8s\n' "$svc start to readiness (median of $reps)" seconds
printf '%-46s %8.1f\n' "jar as built, dynamic class-data archive" "$f"
printf '%-46s %8.1f\n' "extracted, AOT cache (what ./tmcp up runs)" "$a"
printf '%-46s %8.2f\n' "ratio as built / AOT cache" "$(echo "$f / $a" | bc -l)"
