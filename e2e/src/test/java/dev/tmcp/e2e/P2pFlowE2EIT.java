package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Foundation flow on the running stack, nothing mocked: two homeserver users in an invite-only
 * room the payments bot was never invited to; alice exchanges her homeserver token for a TEP,
 * activates and funds her wallet, pays bob; bob reads the payments bot's card through /sync. Each
 * test proves one step of that story with its own users and room, redoing the steps before it.
 */
class P2pFlowE2EIT {

    static final String PIN = "482913";
    Homeserver.User alice;
    Homeserver.User bob;
    String room;

    @BeforeEach
    void usersShareAnInviteOnlyRoom() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        alice = Homeserver.register("alice_" + run);
        bob = Homeserver.register("bob_" + run);
        room = Homeserver.privateRoom(alice, bob);
        assertThat(Homeserver.state(alice, room, "m.room.join_rules").path("join_rule").asString()).isEqualTo("invite");
    }

    @Test
    void theExchangedTepVerifiesAgainstTheJwksAndCarriesTheSpecsClaims() throws Exception {
        Http.Response exchanged = exchange();
        assertThat(exchanged.text("token_type")).isEqualTo("Bearer");
        assertThat(exchanged.body().path("expires_in").asInt()).isEqualTo(86400);
        assertThat(exchanged.text("refresh_token")).startsWith("rt_");
        assertThat(exchanged.text("user_id")).isEqualTo(alice.userId());
        String tep = exchanged.text("access_token");
        assertThat(tep).startsWith("tep.");
        SignedJWT jwt = SignedJWT.parse(tep.substring(4));
        JWKSet jwks = JWKSet.parse(Http.get(Tmcp.GATEWAY + "/.well-known/jwks.json", null).raw().body());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("kid %s in JWKS", jwt.getHeader().getKeyID()).isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(alice.userId());
        assertThat(claims.getAudience()).containsExactly(Tmcp.CLIENT_ID);
        assertThat(claims.getStringClaim("token_type")).isEqualTo("tep_access_token");
        assertThat(claims.getStringClaim("azp")).isEqualTo(Tmcp.CLIENT_ID);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(Tmcp.CLIENT_ID);
        assertThat(claims.getStringClaim("wallet_id")).isEqualTo(exchanged.text("wallet_id")).startsWith("tw_");
        assertThat(claims.getStringClaim("session_id")).isNotBlank();
        assertThat(claims.getJSONObjectClaim("miniapp_context")).containsEntry("room_id", room);
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(86_400_000L);
    }

    @Test
    void aRecipientWithoutAWalletGetsOnePendingOnDemand() {
        String tep = exchange().text("access_token");
        Http.Response resolved = Http.get(Tmcp.GATEWAY + "/wallet/v1/resolve/" + bob.userId(), tep);
        assertThat(resolved.status()).as("%s", resolved.body()).isEqualTo(200);
        assertThat(resolved.text("user_status")).isEqualTo("pending");
        assertThat(resolved.body().path("payment_enabled").asBoolean()).isFalse();
        assertThat(resolved.text("wallet_id")).startsWith("tw_");
    }

    @Test
    void batchResolutionListsWithoutARoomAndMapsMembersWithOne() {
        String tep = exchange().text("access_token");
        String bobWallet = Http.get(Tmcp.GATEWAY + "/wallet/v1/resolve/" + bob.userId(), tep).text("wallet_id");
        // the list shape of 6.3.3 without a room, the member map of 6.3.9 with one
        String nobody = "@nobody_" + UUID.randomUUID().toString().substring(0, 8) + ":" + Homeserver.SERVER;
        JsonNode list = Http.post(Tmcp.GATEWAY + "/wallet/v1/resolve/batch", tep,
                Map.of("user_ids", List.of(bob.userId(), alice.userId(), nobody))).body();
        assertThat(list.path("total_count").asInt()).isEqualTo(3);
        assertThat(list.path("resolved_count").asInt()).isEqualTo(2);
        assertThat(list.path("results").path(0).path("wallet_id").asString()).isEqualTo(bobWallet);
        // an unknown user shares no room: the same answer as a stranger (6.3.7)
        assertThat(list.path("unresolved").path(0).path("error").path("code").asString()).isEqualTo("NO_SHARED_ROOM");
        JsonNode members = Http.post(Tmcp.GATEWAY + "/wallet/v1/resolve/batch", tep,
                Map.of("user_ids", List.of(bob.userId()), "room_id", room)).body();
        assertThat(members.path("users").path(bob.userId()).path("has_wallet").asBoolean()).isTrue();
        assertThat(members.path("users").path(bob.userId()).path("user_status").asString()).isEqualTo("pending");
        assertThat(Http.post(Tmcp.GATEWAY + "/wallet/v1/resolve/batch", tep, Map.of("user_ids", List.of())).status())
                .isEqualTo(400);
    }

    @Test
    void activationShowsAtOnceInResolutionAndGrantsBasicVerification() {
        String tep = exchange().text("access_token");
        // her cached resolution (5 minutes, 6.3.2) is evicted by the status change, so it reads active at once
        assertThat(Http.get(Tmcp.GATEWAY + "/wallet/v1/resolve/" + alice.userId(), tep).text("user_status")).isEqualTo("pending");
        Http.Response activated = Wallets.tryActivate(Tmcp.walletAdminTep(alice.accessToken()), PIN, null);
        assertThat(activated.status()).as("%s", activated.body()).isEqualTo(200);
        assertThat(activated.text("user_status")).isEqualTo("active");
        assertThat(Http.get(Tmcp.GATEWAY + "/wallet/v1/resolve/" + alice.userId(), tep).text("user_status")).isEqualTo("active");
        JsonNode verification = Http.get(Tmcp.GATEWAY + "/wallet/v1/verification", tep).body();
        assertThat(verification.path("level").asInt()).isEqualTo(1);
        assertThat(verification.path("level_name").asString()).isEqualTo("Basic");
        assertThat(verification.path("verified_at").asString()).isNotBlank();
        assertThat(verification.path("limits").path("transaction_limit").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(verification.path("limits").path("monthly_limit").decimalValue()).isEqualByComparingTo("10000.00");
        assertThat(verification.path("features").path("p2p_send").asBoolean()).isTrue();
        assertThat(verification.path("can_upgrade").asBoolean()).isTrue();
    }

    @Test
    void fundingTwiceWithOneIdempotencyKeyFundsOnceAndTheBalanceHasTheSpecsShape() {
        Http.Response exchanged = exchange();
        String tep = exchanged.text("access_token");
        Wallets.activate(alice, null);
        fundHundred(tep);
        JsonNode balance = Http.get(Tmcp.GATEWAY + "/wallet/v1/balance", tep).body();
        assertThat(balance.path("balance").path("available").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(balance.path("balance").path("currency").asString()).isEqualTo("USD");
        assertThat(balance.path("wallet_id").asString()).isEqualTo(exchanged.text("wallet_id"));
        assertThat(balance.path("status").asString()).isEqualTo("active");
    }

    @Test
    void aTransferIsInitiatedOnceConfirmedWithThePinAndPaysOnce() {
        String tep = fundedAlice();
        String bobWallet = Http.get(Tmcp.GATEWAY + "/wallet/v1/resolve/" + bob.userId(), tep).text("wallet_id");
        Map<String, Object> initiate = initiateLunch();
        Http.Response initiated = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", tep, initiate);
        assertThat(initiated.status()).as("%s", initiated.body()).isEqualTo(200);
        assertThat(initiated.text("status")).isEqualTo("pending_authorization");
        String transferId = initiated.text("transfer_id");
        assertThat(transferId).startsWith("p2p_");
        assertThat(Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", tep, initiate).text("transfer_id"))
                .as("a retried initiate returns the original transfer").isEqualTo(transferId);

        Http.Response wrongPin = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + transferId + "/confirm", tep,
                Map.of("auth_proof", Map.of("method", "pin", "proof", Map.of("hashed_pin", Tmcp.sha256Hex("000000")))));
        assertThat(wrongPin.status()).isEqualTo(401);
        Http.Response confirmed = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + transferId + "/confirm", tep, proof());
        assertThat(confirmed.status()).as("%s", confirmed.body()).isEqualTo(200);
        assertThat(confirmed.text("status")).isEqualTo("completed");
        assertThat(confirmed.text("event_id")).startsWith("evt_");
        assertThat(confirmed.body().path("recipient").path("wallet_id").asString()).isEqualTo(bobWallet);
        assertThat(Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + transferId + "/confirm", tep, proof()).text("event_id"))
                .as("confirming twice pays once").isEqualTo(confirmed.text("event_id"));

        assertThat(Http.get(Tmcp.GATEWAY + "/wallet/v1/balance", tep).body().path("balance").path("available").decimalValue())
                .isEqualByComparingTo("75.00");
        String bobTep = Tmcp.tep(bob.accessToken(), "wallet:balance wallet:history", null);
        JsonNode bobBalance = Http.get(Tmcp.GATEWAY + "/wallet/v1/balance", bobTep).body().path("balance");
        assertThat(bobBalance.path("available").decimalValue()).as("bob is pending: not spendable yet").isEqualByComparingTo("0");
        assertThat(bobBalance.path("pending").decimalValue()).isEqualByComparingTo("25.00");
    }

    @Test
    void bothHistoriesShowTheTransferNewestFirstWithTheCounterparty() {
        String tep = fundedAlice();
        payBobLunch(tep);
        // 6.2.2
        String bobTep = Tmcp.tep(bob.accessToken(), "wallet:balance wallet:history", null);
        JsonNode bobHistory = Http.get(Tmcp.GATEWAY + "/wallet/v1/transactions?limit=10", bobTep).body();
        assertThat(bobHistory.path("pagination").path("total").asInt()).isEqualTo(1);
        JsonNode received = bobHistory.path("transactions").path(0);
        assertThat(received.path("type").asString()).isEqualTo("p2p_received");
        assertThat(received.path("amount").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(received.path("from").path("user_id").asString()).isEqualTo(alice.userId());
        assertThat(received.path("status").asString()).isEqualTo("pending");
        assertThat(Http.get(Tmcp.GATEWAY + "/wallet/v1/transactions", tep).status())
                .as("alice's TEP lacks wallet:history").isEqualTo(403);
        String aliceHistoryTep = Tmcp.tep(Homeserver.login(alice), "wallet:history", null);
        JsonNode aliceHistory = Http.get(Tmcp.GATEWAY + "/wallet/v1/transactions?limit=1", aliceHistoryTep).body();
        assertThat(aliceHistory.path("transactions").path(0).path("type").asString()).isEqualTo("p2p_sent");
        assertThat(aliceHistory.path("transactions").path(0).path("to").path("user_id").asString()).isEqualTo(bob.userId());
        assertThat(aliceHistory.path("pagination").path("total").asInt()).as("funding and the transfer").isEqualTo(2);
        assertThat(aliceHistory.path("pagination").path("has_more").asBoolean()).isTrue();
        assertThat(Http.get(Tmcp.GATEWAY + "/wallet/v1/transactions?limit=1000", aliceHistoryTep).status()).isEqualTo(400);
    }

    @Test
    void theRecipientSeesExactlyOneCardFromThePaymentsBotInTheRoom() {
        String tep = fundedAlice();
        String transferId = payBobLunch(tep);
        String bot = "@_tmcp_payments:" + Homeserver.SERVER;
        List<JsonNode> cards = Homeserver.awaitTimeline(bob, room, "m.tween.wallet.p2p", Duration.ofSeconds(60));
        assertThat(cards).hasSize(1);
        JsonNode card = cards.getFirst();
        assertThat(card.path("sender").asString()).isEqualTo(bot);
        JsonNode content = card.path("content");
        assertThat(content.path("msgtype").asString()).isEqualTo("m.tween.money");
        assertThat(content.path("transfer_id").asString()).isEqualTo(transferId);
        assertThat(content.path("amount").asString()).isEqualTo("25.00");
        assertThat(content.path("currency").asString()).isEqualTo("USD");
        assertThat(content.path("sender").path("user_id").asString()).isEqualTo(alice.userId());
        assertThat(content.path("recipient").path("user_id").asString()).isEqualTo(bob.userId());
        assertThat(content.path("status").asString()).isEqualTo("completed");
        assertThat(content.path("body").asString()).contains("25.00 USD");
    }

    @Test
    void moneyNeverGoesToAUserTheHomeserverDoesNotKnow() {
        String tep = fundedAlice();
        String ghost = "@ghost_" + UUID.randomUUID().toString().substring(0, 8) + ":" + Homeserver.SERVER;
        Http.Response refused = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", tep, Map.of("recipient", ghost,
                "amount", 5, "currency", "USD", "idempotency_key", "p2p-" + UUID.randomUUID()));
        assertThat(refused.status()).as("%s", refused.body()).isEqualTo(404);
        assertThat(refused.body().path("error").path("code").asString()).isEqualTo("USER_NOT_FOUND");
        assertThat(Http.get(Tmcp.GATEWAY + "/wallet/v1/balance", tep).body().path("balance").path("available").decimalValue())
                .isEqualByComparingTo("100.00");
    }

    /** Alice exchanges her homeserver token for a TEP in the room, as the mini-app does. */
    private Http.Response exchange() {
        Http.Response exchanged = Tmcp.exchange(alice.accessToken(), Tmcp.CLIENT_ID, "user:read wallet:balance wallet:pay", room);
        assertThat(exchanged.status()).as("%s", exchanged.body()).isEqualTo(200);
        return exchanged;
    }

    /** Alice's TEP, her wallet active and funded with 100.00. */
    private String fundedAlice() {
        String tep = exchange().text("access_token");
        Wallets.activate(alice, null);
        fundHundred(tep);
        return tep;
    }

    /** Links the sandbox source and funds 100.00, sending the same funding twice. */
    private static void fundHundred(String tep) {
        String source = Http.post(Tmcp.GATEWAY + "/wallet/v1/external/link", tep, Map.of("type", "sandbox"))
                .text("external_account_id");
        Map<String, Object> funding = Map.of("source_account_id", source, "amount", 100.00, "currency", "USD",
                "idempotency_key", "fund-" + UUID.randomUUID());
        assertThat(Http.post(Tmcp.GATEWAY + "/wallet/v1/external/fund", tep, funding).status()).isEqualTo(200);
        assertThat(Http.post(Tmcp.GATEWAY + "/wallet/v1/external/fund", tep, funding).status())
                .as("the same idempotency key funds once").isEqualTo(200);
    }

    private Map<String, Object> initiateLunch() {
        return Map.of("recipient", bob.userId(), "amount", 25.00, "currency", "USD",
                "idempotency_key", "p2p-" + UUID.randomUUID(), "room_id", room, "note", "Lunch");
    }

    /** Alice pays bob 25.00 for lunch in their room; returns the transfer id. */
    private String payBobLunch(String tep) {
        String transferId = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", tep, initiateLunch()).text("transfer_id");
        Http.Response confirmed = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + transferId + "/confirm", tep, proof());
        assertThat(confirmed.status()).as("%s", confirmed.body()).isEqualTo(200);
        return transferId;
    }

    private static Map<String, Object> proof() {
        return Map.of("auth_proof", Map.of("method", "pin",
                "proof", Map.of("hashed_pin", Tmcp.sha256Hex(PIN), "device_id", "e2e")));
    }
}
