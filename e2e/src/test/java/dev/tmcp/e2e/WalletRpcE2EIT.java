package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The wallet methods of the JSON-RPC bridge (spec 10.2, decision 0011) on the running stack: a P2P
 * transfer initiated and confirmed through JSON-RPC lands in the room like a REST one, a service's
 * refusal inside a batch comes back as that call's error beside the other call's result, with the
 * REST error as its data, and each call is charged to the P2P rate row of 11.4.1.
 */
class WalletRpcE2EIT {

    static Homeserver.User alice;
    static Homeserver.User bob;
    static String room;
    static String aliceTep;
    static String bobTep;

    @BeforeAll
    static void fundedUsersInARoom() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        alice = Homeserver.register("alice_rpc_" + run);
        bob = Homeserver.register("bob_rpc_" + run);
        room = Homeserver.privateRoom(alice, bob);
        aliceTep = Tmcp.tep(alice.accessToken(), "wallet:balance wallet:pay wallet:history user:read", room);
        bobTep = Tmcp.tep(bob.accessToken(), "wallet:balance wallet:pay", room);
        Wallets.activate(alice, null);
        Wallets.activate(bob, null);
        Wallets.fund(aliceTep, "100.00");
    }

    @Test
    void aTransferInitiatedAndConfirmedThroughJsonRpcIsPaidAndPostedToTheRoom() {
        BigDecimal aliceBefore = Wallets.available(aliceTep);
        BigDecimal bobBefore = Wallets.available(bobTep);

        JsonNode resolved = result(rpc(aliceTep, 1, "tween.wallet.resolveUser", Map.of("user_id", bob.userId(), "room_id", room)));
        assertThat(resolved.path("user_id").asString()).isEqualTo(bob.userId());
        assertThat(resolved.path("payment_enabled").asBoolean()).isTrue();

        Http.Response initiated = rpc(aliceTep, 2, "tween.wallet.initiateTransfer", Map.of("recipient", bob.userId(),
                "amount", new BigDecimal("12.50"), "currency", "USD", "idempotency_key", "rpc-" + UUID.randomUUID(),
                "room_id", room, "note", "via JSON-RPC"));
        assertThat(initiated.raw().body()).as("amounts pass through exactly").contains("\"amount\":12.50");
        String id = result(initiated).path("transfer_id").asString();
        assertThat(id).startsWith("p2p_");
        assertThat(result(initiated).path("status").asString()).isEqualTo("pending_authorization");

        JsonNode confirmed = result(rpc(aliceTep, 3, "tween.wallet.confirmTransfer", withId(id, Wallets.pinProof())));
        assertThat(confirmed.path("transfer_id").asString()).isEqualTo(id);
        assertThat(confirmed.path("status").asString()).isEqualTo("completed");
        assertThat(result(rpc(aliceTep, 4, "tween.wallet.getTransfer", Map.of("transfer_id", id))).path("status").asString())
                .isEqualTo("completed");

        assertThat(Wallets.available(aliceTep)).isEqualByComparingTo(aliceBefore.subtract(new BigDecimal("12.50")));
        assertThat(Wallets.available(bobTep)).isEqualByComparingTo(bobBefore.add(new BigDecimal("12.50")));
        JsonNode history = result(rpc(aliceTep, 5, "tween.wallet.getTransactions", Map.of("limit", 5, "offset", 0)));
        assertThat(history.path("pagination").path("limit").asInt()).isEqualTo(5);
        assertThat(history.path("transactions").valueStream().map(t -> t.path("type").asString())).contains("p2p_sent");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                Homeserver.awaitTimeline(bob, room, "m.tween.wallet.p2p", Duration.ofSeconds(5)).stream()
                        .map(e -> e.path("content").path("transfer_id").asString())).contains(id));
    }

    @Test
    void aBatchAnswersABalanceAndAFailingConfirmEachWithItsOwnResponse() {
        String unknown = "p2p_" + UUID.randomUUID().toString().replace("-", "");
        Http.Response batch = Http.post(Tmcp.GATEWAY + "/api/v1/rpc", aliceTep, List.of(
                call("b1", "tween.wallet.getBalance", Map.of()),
                call("b2", "tween.wallet.confirmTransfer", withId(unknown, Wallets.pinProof()))));
        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.body().isArray()).isTrue();
        assertThat(batch.body().size()).isEqualTo(2);
        JsonNode balance = batch.body().get(0);
        assertThat(balance.path("id").asString()).isEqualTo("b1");
        assertThat(balance.path("result").path("balance").path("available").decimalValue())
                .isEqualByComparingTo(Wallets.available(aliceTep));

        JsonNode failed = batch.body().get(1);
        assertThat(failed.path("id").asString()).isEqualTo("b2");
        assertThat(failed.has("result")).isFalse();
        assertThat(failed.path("error").path("code").asInt()).isEqualTo(-32000);
        Http.Response rest = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + unknown + "/confirm", aliceTep, Wallets.pinProof());
        assertThat(rest.status()).isEqualTo(404);
        assertThat(failed.path("error").path("data").path("code").asString()).as("the REST error, as data")
                .isEqualTo(rest.body().path("error").path("code").asString()).isEqualTo("TRANSFER_NOT_FOUND");
        assertThat(failed.path("error").path("data").path("message").asString())
                .isEqualTo(rest.body().path("error").path("message").asString());
    }

    @Test
    void eachCallIsChargedToTheP2pRowAndTheRouteScopeIsChecked() {
        Homeserver.User carol = Homeserver.register("carol_rpc_" + UUID.randomUUID().toString().substring(0, 8));
        String carolTep = Tmcp.tep(carol.accessToken(), "wallet:pay", room);
        // Refused by payment-service (no recipient), but charged first, as the REST request is.
        for (int i = 0; i < 3; i++) {
            assertThat(rpc(carolTep, i, "tween.wallet.initiateTransfer", Map.of()).body().path("error").path("code").asInt())
                    .isEqualTo(-32000);
        }
        // 10 an hour plus a burst of 3: after three JSON-RPC calls and this one, 9 are left and no burst.
        Http.Response viaRest = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", carolTep, Map.of());
        assertThat(viaRest.raw().headers().firstValue("X-RateLimit-Limit")).hasValue("10");
        assertThat(viaRest.raw().headers().firstValue("X-RateLimit-Remaining")).hasValue("9");
        assertThat(viaRest.raw().headers().firstValue("X-RateLimit-Burst-Remaining")).hasValue("0");
        for (int i = 0; i < 9; i++) {
            assertThat(rpc(carolTep, i, "tween.wallet.initiateTransfer", Map.of()).body().path("error").path("data")
                    .path("code").asString()).as("call %d", i).isNotEqualTo("RATE_LIMIT_EXCEEDED");
        }
        JsonNode refused = rpc(carolTep, 99, "tween.wallet.initiateTransfer", Map.of()).body().path("error");
        assertThat(refused.path("code").asInt()).isEqualTo(-32000);
        assertThat(refused.path("data").path("code").asString()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(refused.path("data").path("limit").asInt()).isEqualTo(10);

        String noPay = Tmcp.tep(Homeserver.login(carol), "wallet:balance", room);
        JsonNode forbidden = rpc(noPay, 100, "tween.wallet.getTransfer", Map.of("transfer_id", "p2p_x")).body().path("error");
        assertThat(forbidden.path("data").path("code").asString()).isEqualTo("INSUFFICIENT_PERMISSIONS");
        JsonNode badId = rpc(aliceTep, 101, "tween.wallet.getTransfer", Map.of("transfer_id", "../balance")).body().path("error");
        assertThat(badId.path("code").asInt()).as("a param cannot reach another route").isEqualTo(-32602);
    }

    private static Http.Response rpc(String tep, Object id, String method, Map<String, Object> params) {
        Http.Response r = Http.post(Tmcp.GATEWAY + "/api/v1/rpc", tep, call(id, method, params));
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        return r;
    }

    private static Map<String, Object> call(Object id, String method, Map<String, Object> params) {
        return Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params);
    }

    private static JsonNode result(Http.Response r) {
        assertThat(r.body().has("error")).as("%s", r.body()).isFalse();
        return r.body().path("result");
    }

    private static Map<String, Object> withId(String transferId, Map<String, Object> body) {
        Map<String, Object> params = new LinkedHashMap<>(body);
        params.put("transfer_id", transferId);
        return params;
    }
}
