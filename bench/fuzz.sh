#!/usr/bin/env bash
# The API fuzzer's long mode (needs `./tmcp up`): COUNT requests generated from the gateway's OpenAPI
# document (gateway/src/main/resources/openapi/tmcp-public-api.yaml) with SEED, sent through the
# stack's gateway with real TEPs of USERS fresh homeserver users, PARALLELISM at a time; the same
# generator and checks as the e2e test ApiFuzzE2EIT (5,250 requests, fixed seed). Prints every
# fault (5xx, or an error body out of the 12.1/12.3 format) with up to 3 samples per route, the
# requests per route, the status histogram, the ledger invariants and one summary line:
#   FUZZ SUMMARY seed=… requests=… routes=…/… 5xx=… error_format=… ledger=ok …
# Exits 1 if there was a fault (an unanswered request included) or a broken ledger invariant.
#   bench/fuzz.sh [SEED] [COUNT] [USERS] [PARALLELISM]     (defaults: 20261204 100000 48 8)
# The fuzzer keeps within the gateway's rate rows (a budget per user at 70 % of each row); once every
# user has spent a tight row (P2P initiation: 13 an hour), such requests go out without a token
# (counted as unauthenticated_fallbacks). Measured on the shared 2-core machine: about 11 requests/s
# after a 50 s set-up, so 100,000 requests take about 2.5 hours; bound it with COUNT.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SEED=${1:-20261204}
COUNT=${2:-100000}
USERS=${3:-48}
PARALLELISM=${4:-8}

export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$JAVA")")}
cd "$root"
log "building the e2e test classes (offline when the dependencies are present)"
./mvnw -q -o -pl e2e -am test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz.classpath \
  -Dmdep.includeScope=test >/dev/null 2>&1 \
  || ./mvnw -q -pl e2e -am test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz.classpath \
  -Dmdep.includeScope=test >/dev/null || die "could not build the e2e module"
log "fuzzing $GATEWAY_URL: seed $SEED, $COUNT requests, $USERS users, $PARALLELISM in parallel"
"$JAVA" -cp "e2e/target/test-classes:$(cat e2e/target/fuzz.classpath)" dev.tmcp.e2e.ApiFuzzMain \
  "$SEED" "$COUNT" "$USERS" "$PARALLELISM"
