package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.StackEnv;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Spec 4.11.7–4.11.8 through the gateway: an external wallet's signed callback becomes exactly one
 * {@code m.tween.payment.completed} card in the room, from the payments bot; replays answer the same
 * event id; a bad signature is 401.
 */
class WalletCallbackE2EIT {

    private static final String CALLBACK = Tmcp.GATEWAY + "/api/v1/wallet/callback";

    private Homeserver.User alice;
    private String room;
    private String txn;
    private String body;

    @BeforeEach
    void aPaymentCompletedCallbackForAUsersRoom() throws Exception {
        alice = Homeserver.register("cb_" + UUID.randomUUID().toString().substring(0, 8));
        room = Homeserver.privateRoom(alice);
        txn = "txn_wallet_" + UUID.randomUUID().toString().substring(0, 12);
        body = Http.JSON.writeValueAsString(Map.of("event", "payment.completed", "transaction_id", txn,
                "amount", new java.math.BigDecimal("150.00"), "currency", "USD",
                "sender", Map.of("user_id", alice.userId(), "wallet_id", "tw_ext_1"),
                "recipient", Map.of("miniapp_id", "ma_shop_001", "name", "Shopping Assistant"),
                "room_id", room, "note", "Order #12345", "timestamp", "2026-11-22T06:00:00Z"));
    }

    @Test
    void anUnsignedForgedOrTamperedCallbackIsRefused() throws Exception {
        Http.Response unsigned = Http.send("POST", CALLBACK, null, "application/json", body);
        assertThat(unsigned.status()).isEqualTo(401);
        Http.Response forged = Http.send("POST", CALLBACK, "HMAC-SHA256 " + sign("not-the-secret-000", body),
                "application/json", body);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.body().path("error").path("code").asString()).isEqualTo("INVALID_SIGNATURE");
        Http.Response tampered = Http.send("POST", CALLBACK, "HMAC-SHA256 " + sign(secret(), body),
                "application/json", body.replace("150.00", "15000.00"));
        assertThat(tampered.status()).isEqualTo(401);
    }

    @Test
    void aReplayedCallbackAnswersTheFirstEventId() throws Exception {
        Http.Response first = signedCallback();
        assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
        assertThat(first.body().path("idempotent").asBoolean()).isFalse();
        assertThat(first.text("transaction_id")).isEqualTo(txn);
        String eventId = first.text("event_id");
        Http.Response replay = signedCallback();
        assertThat(replay.body().path("idempotent").asBoolean()).isTrue();
        assertThat(replay.text("event_id")).isEqualTo(eventId);
    }

    @Test
    void aSignedCallbackSentTwiceBecomesOneCardFromThePaymentsBot() throws Exception {
        assertThat(signedCallback().status()).isEqualTo(200);
        assertThat(signedCallback().status()).isEqualTo(200);
        List<JsonNode> cards = Homeserver.awaitTimeline(alice, room, "m.tween.payment.completed", Duration.ofSeconds(30));
        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        assertThat(card.path("sender").asString()).startsWith("@_tmcp_payments:");
        assertThat(card.path("content").toString()).contains(txn).contains("150.00");
    }

    private Http.Response signedCallback() throws Exception {
        return Http.send("POST", CALLBACK, "HMAC-SHA256 " + sign(secret(), body), "application/json", body);
    }

    private static String secret() {
        return StackEnv.get("TMCP_WALLET_CALLBACK_SECRET");
    }

    private static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
