#!/usr/bin/env bash
# `./tmcp demo`: the Foundation flow against the running stack, every TMCP call through the gateway.
# alice and bob share an invite-only room the payments bot was never invited to; alice logs in,
# gets a TEP, activates and funds her wallet, pays bob, and bob reads the card in the room.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
apt_ensure jq jq
apt_ensure openssl openssl

HS=$SYNAPSE_URL
GW=$GATEWAY_URL
SERVER=$SYNAPSE_SERVER_NAME
PIN=${DEMO_PIN:-482913}
AMOUNT=${DEMO_AMOUNT:-25.00}
RUN=$(date +%s)

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { jq -C . 2>/dev/null || cat; }
fail() { printf '\033[31mdemo failed: %s\033[0m\n' "$*" >&2; exit 1; }

# call METHOD URL [JSON] [TOKEN] -> prints body, fails on HTTP >= 400 unless ALLOW=status
call() {
  local method=$1 url=$2 body=${3:-} token=${4:-} out status
  out=$(mktemp)
  local args=(-s -o "$out" -w '%{http_code}' -X "$method" "$url" -H 'Content-Type: application/json')
  [ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
  [ -n "$body" ] && args+=(--data "$body")
  status=$(curl "${args[@]}")
  cat "$out"; rm -f "$out"
  if [ "$status" -ge 400 ] && [[ " ${ALLOW:-} " != *" $status "* ]]; then
    echo >&2; fail "$method $url answered HTTP $status"
  fi
}

# Homeserver users, registered with the shared registration secret (alice_<run>, bob_<run>).
register_user() {
  local user=$1 password=$2 nonce mac
  nonce=$(curl -sf "$HS/_synapse/admin/v1/register" | jq -r .nonce)
  mac=$(printf '%s\0%s\0%s\0%s' "$nonce" "$user" "$password" notadmin \
    | openssl dgst -sha1 -hmac "$SYNAPSE_REGISTRATION_SECRET" | awk '{print $NF}')
  call POST "$HS/_synapse/admin/v1/register" \
    "$(jq -nc --arg n "$nonce" --arg u "$user" --arg p "$password" --arg m "$mac" \
      '{nonce:$n, username:$u, password:$p, admin:false, mac:$m}')" | jq -r .access_token
}

step "1. alice and bob on the homeserver, in an invite-only room without the payments bot"
ALICE=alice_$RUN; BOB=bob_$RUN
ALICE_TOKEN=$(register_user "$ALICE" "pw-$RUN-a")
BOB_TOKEN=$(register_user "$BOB" "pw-$RUN-b")
ALICE_ID="@$ALICE:$SERVER"; BOB_ID="@$BOB:$SERVER"
ROOM=$(call POST "$HS/_matrix/client/v3/createRoom" \
  "$(jq -nc --arg bob "$BOB_ID" '{preset:"private_chat", name:"Lunch", invite:[$bob]}')" "$ALICE_TOKEN" | jq -r .room_id)
call POST "$HS/_matrix/client/v3/join/$ROOM" '{}' "$BOB_TOKEN" >/dev/null
JOIN_RULE=$(call GET "$HS/_matrix/client/v3/rooms/$ROOM/state/m.room.join_rules" "" "$ALICE_TOKEN" | jq -r .join_rule)
echo "users $ALICE_ID and $BOB_ID share $ROOM (join_rule: $JOIN_RULE)"

step "2. token exchange at $GW/oauth2/token: alice's homeserver token -> TEP for $DEMO_MINIAPP_CLIENT_ID"
exchange() { # SUBJECT_TOKEN [CLIENT_ID SCOPE]
  curl -sf -X POST "$GW/oauth2/token" \
    --data-urlencode 'grant_type=urn:ietf:params:oauth:grant-type:token-exchange' \
    --data-urlencode "subject_token=$1" \
    --data-urlencode 'subject_token_type=urn:ietf:params:oauth:token-type:access_token' \
    --data-urlencode "client_id=${2:-$DEMO_MINIAPP_CLIENT_ID}" \
    --data-urlencode "scope=${3:-user:read wallet:balance wallet:pay}" \
    --data-urlencode "miniapp_context={\"room_id\":\"$ROOM\",\"launch_source\":\"chat_bubble\"}" \
    || fail "token exchange refused"
}
ALICE_EXCHANGE=$(exchange "$ALICE_TOKEN")
echo "$ALICE_EXCHANGE" | jq -C '.access_token |= (.[0:24] + "…") | .refresh_token |= (.[0:8] + "…")'
ALICE_TEP=$(echo "$ALICE_EXCHANGE" | jq -r .access_token)
KID=$(echo "${ALICE_TEP#tep.}" | cut -d. -f1 | tr '_-' '/+' | base64 -d 2>/dev/null | jq -r .kid || true)
curl -sf "$GW/.well-known/jwks.json" | jq -e --arg kid "$KID" '.keys[] | select(.kid == $kid)' >/dev/null \
  || fail "TEP kid $KID is not in the JWKS"
echo "TEP is RS256, kid $KID published at $GW/.well-known/jwks.json"

step "3a. alice resolves bob: his wallet is created on demand, pending"
call GET "$GW/wallet/v1/resolve/$BOB_ID" "" "$ALICE_TEP" | show

step "3b. alice activates her account in the host's wallet app ${OFFICIAL_MINIAPP_CLIENT_ID:-ma_tween_wallet} (wallet:admin; PIN stored with argon2id)"
ALICE_WALLET_TEP=$(exchange "$ALICE_TOKEN" "${OFFICIAL_MINIAPP_CLIENT_ID:-ma_tween_wallet}" 'wallet:admin wallet:pay' | jq -r .access_token)
call POST "$GW/wallet/v1/activate" "$(jq -nc --arg pin "$PIN" \
  '{verification_data:{pin:$pin, terms_accepted:true, terms_version:"1.5.0"}}')" "$ALICE_WALLET_TEP" | show

step "3c. alice links the sandbox funding source and funds her wallet with 100.00 USD"
SOURCE=$(call POST "$GW/wallet/v1/external/link" '{"type":"sandbox"}' "$ALICE_TEP" | jq -r .external_account_id)
echo "external_account_id: $SOURCE"
call POST "$GW/wallet/v1/external/fund" "$(jq -nc --arg s "$SOURCE" --arg k "fund-$RUN" \
  '{source_account_id:$s, amount:100.00, currency:"USD", idempotency_key:$k}')" "$ALICE_TEP" | show

step "4. alice's balance"
call GET "$GW/wallet/v1/balance" "" "$ALICE_TEP" | show

step "5. P2P: alice pays bob $AMOUNT USD, confirmed with her PIN"
TRANSFER=$(call POST "$GW/wallet/v1/p2p/initiate" "$(jq -nc --arg r "$BOB_ID" --arg k "p2p-$RUN" --argjson a "$AMOUNT" \
  --arg room "$ROOM" '{recipient:$r, amount:$a, currency:"USD", idempotency_key:$k, room_id:$room, note:"Lunch"}')" "$ALICE_TEP")
echo "$TRANSFER" | show
TRANSFER_ID=$(echo "$TRANSFER" | jq -r .transfer_id)
HASHED_PIN=$(printf '%s' "$PIN" | sha256sum | cut -d' ' -f1)
CONFIRMED=$(call POST "$GW/wallet/v1/p2p/$TRANSFER_ID/confirm" \
  "$(jq -nc --arg h "$HASHED_PIN" '{auth_proof:{method:"pin", proof:{hashed_pin:$h, device_id:"demo-device"}}}')" "$ALICE_TEP")
echo "$CONFIRMED" | show
[ "$(echo "$CONFIRMED" | jq -r .status)" = completed ] || fail "transfer not completed"
echo "alice's balance now: $(call GET "$GW/wallet/v1/balance" "" "$ALICE_TEP" | jq -c .balance)"
BOB_TEP=$(exchange "$BOB_TOKEN" | jq -r .access_token)
echo "bob's balance now:   $(call GET "$GW/wallet/v1/balance" "" "$BOB_TEP" | jq -c .balance)"

step "6. bob reads the room with /sync and finds the payments bot's m.tween.wallet.p2p card"
FILTER='{"room":{"timeline":{"limit":50,"types":["m.tween.wallet.p2p"]}}}'
SINCE=""; CARD=""
# An initial /sync, then long-polling incremental syncs, as a Matrix client does.
for attempt in $(seq 1 12); do
  SYNC=$(curl -sf -G "$HS/_matrix/client/v3/sync" --data-urlencode "filter=$FILTER" --data-urlencode timeout=5000 \
    ${SINCE:+--data-urlencode "since=$SINCE"} -H "Authorization: Bearer $BOB_TOKEN")
  CARD=$(echo "$SYNC" | jq -c --arg room "$ROOM" --arg t "$TRANSFER_ID" \
    '.rooms.join[$room].timeline.events[]? | select(.type == "m.tween.wallet.p2p" and .content.transfer_id == $t)')
  [ -n "$CARD" ] && break
  SINCE=$(echo "$SYNC" | jq -r .next_batch)
done
[ -n "$CARD" ] || fail "no m.tween.wallet.p2p card for $TRANSFER_ID in $ROOM after 60 s"
echo "$CARD" | jq -C '{sender, type, event_id, content}'
printf '\n\033[32mdemo complete: %s paid %s %s USD; the card reached %s\033[0m\n' "$ALICE_ID" "$BOB_ID" "$AMOUNT" "$ROOM"
printf 'Sign in at %s as %s (password pw-%s-a) or %s (password pw-%s-b): their room "Lunch" has the card.\n' \
  "${HOST_URL:-http://127.0.0.1:8070}" "$ALICE" "$RUN" "$BOB" "$RUN"
