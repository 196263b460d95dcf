package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Spec 7.2.7 on the running stack: transfers from 500.00 wait for the recipient, the sender's
 * money held meanwhile; accepting pays the recipient, rejecting and expiry give it back. Proofs:
 * a device signature (ES256, key registered at activation) and a TOTP code.
 */
class P2pAcceptanceE2EIT {

    Homeserver.User alice;
    Homeserver.User bob;
    String room;
    String aliceTep;
    String bobTep;
    static KeyPair device = Wallets.deviceKey();

    @BeforeEach
    void fundedUsersInARoom() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        alice = Homeserver.register("alice_acc_" + run);
        bob = Homeserver.register("bob_acc_" + run);
        room = Homeserver.privateRoom(alice, bob);
        aliceTep = Tmcp.tep(alice.accessToken(), "wallet:balance wallet:pay", room);
        bobTep = Tmcp.tep(bob.accessToken(), "wallet:balance wallet:pay", room);
        Wallets.activate(alice, device);
        Wallets.activate(bob, null);
        Wallets.fund(aliceTep, "3000.00");
    }

    @Test
    void aLargeTransferAsksForAcceptanceAndRefusesAStaleOrWrongAmountSignature() {
        JsonNode initiated = initiate("600.00");
        assertThat(initiated.path("recipient_acceptance_required").asBoolean()).isTrue();
        assertThat(initiated.path("available_methods").toString()).contains("biometric", "pin");
        String id = initiated.path("transfer_id").asString();

        String stale = Instant.now().minus(Duration.ofMinutes(6)).toString();
        Http.Response staleProof = confirm(id, signed(id, "600.00", stale));
        assertThat(staleProof.status()).as("%s", staleProof.body()).isEqualTo(401);
        assertThat(staleProof.body().path("error").path("code").asString()).isEqualTo("INVALID_SIGNATURE");
        String now = Instant.now().toString();
        Http.Response otherAmount = confirm(id, Map.of("auth_proof", Map.of("method", "biometric", "proof", Map.of(
                "signature", Wallets.sign(device, id + ":6.00:USD:" + now), "device_id", "device_e2e", "timestamp", now))));
        assertThat(otherAmount.body().path("error").path("code").asString()).isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void aSignedLargeTransferHoldsTheSendersMoneyUntilTheRecipientAccepts() {
        BigDecimal aliceBefore = Wallets.available(aliceTep);
        BigDecimal bobBefore = Wallets.available(bobTep);
        String id = initiate("600.00").path("transfer_id").asString();
        Http.Response confirmed = confirm(id, signed(id, "600.00", Instant.now().toString()));
        assertThat(confirmed.status()).as("%s", confirmed.body()).isEqualTo(200);
        assertThat(confirmed.text("status")).isEqualTo("pending_recipient_acceptance");
        assertThat(Instant.parse(confirmed.text("expires_at"))).isBetween(Instant.now().plus(Duration.ofHours(23)),
                Instant.now().plus(Duration.ofHours(25)));
        assertThat(Wallets.available(aliceTep)).isEqualByComparingTo(aliceBefore.subtract(new BigDecimal("600.00")));
        assertThat(Wallets.pending(aliceTep)).as("held, not gone").isEqualByComparingTo("600.00");
        assertThat(Wallets.available(bobTep)).isEqualByComparingTo(bobBefore);
    }

    @Test
    void onlyTheRecipientAcceptsAndAcceptingTwicePaysOnce() {
        BigDecimal aliceBefore = Wallets.available(aliceTep);
        BigDecimal bobBefore = Wallets.available(bobTep);
        String id = awaitingAcceptance();

        Http.Response aliceAccepts = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + id + "/accept", aliceTep, Map.of());
        assertThat(aliceAccepts.status()).as("only the recipient accepts").isEqualTo(404);
        Http.Response accepted = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + id + "/accept", bobTep,
                Map.of("device_id", "bob_phone", "timestamp", Instant.now().toString()));
        assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(200);
        assertThat(accepted.text("status")).isEqualTo("completed");
        assertThat(accepted.text("accepted_at")).isNotBlank();
        assertThat(Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + id + "/accept", bobTep, Map.of()).text("status"))
                .as("accepting twice pays once").isEqualTo("completed");

        assertThat(Wallets.available(bobTep)).isEqualByComparingTo(bobBefore.add(new BigDecimal("600.00")));
        assertThat(Wallets.pending(aliceTep)).isEqualByComparingTo("0");
        assertThat(Wallets.available(aliceTep)).isEqualByComparingTo(aliceBefore.subtract(new BigDecimal("600.00")));
        assertThat(Http.get(Tmcp.GATEWAY + "/wallet/v1/p2p/" + id, bobTep).text("status")).isEqualTo("completed");
    }

    @Test
    void anAcceptedTransferCannotBeRejected() {
        String id = awaitingAcceptance();
        assertThat(Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + id + "/accept", bobTep, Map.of()).status()).isEqualTo(200);
        Http.Response lateReject = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + id + "/reject", bobTep, Map.of());
        assertThat(lateReject.status()).isEqualTo(409);
    }

    @Test
    void theRoomGetsOneCardWithActionsAndOneCompletedStatusUpdate() {
        String id = awaitingAcceptance();
        assertThat(Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + id + "/accept", bobTep, Map.of()).status()).isEqualTo(200);
        List<JsonNode> cards = eventsOf(id, "m.tween.wallet.p2p");
        assertThat(cards).singleElement().satisfies(card -> {
            assertThat(card.path("content").path("status").asString()).isEqualTo("pending_recipient_acceptance");
            assertThat(card.path("content").path("actions").size()).isEqualTo(2);
        });
        assertThat(eventsOf(id, "m.tween.wallet.p2p.status"))
                .singleElement().satisfies(u -> assertThat(u.path("content").path("status").asString()).isEqualTo("completed"));
    }

    @Test
    void aRejectedTransferGoesBackToTheSenderAndCannotBeAccepted() {
        BigDecimal before = Wallets.available(aliceTep);
        String rejected = initiate("550.00").path("transfer_id").asString();
        assertThat(confirm(rejected, Wallets.pinProof()).text("status")).isEqualTo("pending_recipient_acceptance");
        Http.Response rejection = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + rejected + "/reject", bobTep,
                Map.of("reason", "user_declined", "message", "Thanks but not needed"));
        assertThat(rejection.status()).as("%s", rejection.body()).isEqualTo(200);
        assertThat(rejection.text("status")).isEqualTo("rejected");
        assertThat(rejection.body().path("refund_initiated").asBoolean()).isTrue();
        assertThat(Wallets.available(aliceTep)).isEqualByComparingTo(before);
        assertThat(Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + rejected + "/accept", bobTep, Map.of()).status())
                .as("a rejected transfer cannot be accepted").isEqualTo(409);
    }

    @Test
    void anExpiredTransferCannotBeAcceptedAndGoesBackToTheSender() {
        BigDecimal before = Wallets.available(aliceTep);
        String expiring = initiate("520.00").path("transfer_id").asString();
        assertThat(confirm(expiring, Wallets.pinProof()).text("status")).isEqualTo("pending_recipient_acceptance");
        assertThat(Wallets.available(aliceTep)).isEqualByComparingTo(before.subtract(new BigDecimal("520.00")));
        // 24 hours pass.
        assertThat(Wallets.sql("tmcp_payment", "update p2p_transfer set expires_at = now() - interval '1 second' "
                + "where transfer_id = ?", expiring)).isEqualTo(1);
        Http.Response tooLate = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + expiring + "/accept", bobTep, Map.of());
        assertThat(tooLate.body().path("error").path("code").asString()).isEqualTo("TRANSFER_EXPIRED");

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(Http.get(Tmcp.GATEWAY + "/wallet/v1/p2p/" + expiring, aliceTep).text("status")).isEqualTo("expired"));
        assertThat(Wallets.available(aliceTep)).as("the expiry job refunded the sender").isEqualByComparingTo(before);
        assertThat(Wallets.pending(aliceTep)).isEqualByComparingTo("0");
    }

    /** Alice's 600.00 to bob, signed with her device, waiting for bob; returns its id. */
    private String awaitingAcceptance() {
        String id = initiate("600.00").path("transfer_id").asString();
        Http.Response confirmed = confirm(id, signed(id, "600.00", Instant.now().toString()));
        assertThat(confirmed.text("status")).as("%s", confirmed.body()).isEqualTo("pending_recipient_acceptance");
        return id;
    }

    @Test
    void anAuthenticatorCodeAuthorizesOnceAndSmallTransfersNeedNoAcceptance() throws Exception {
        Http.Response enrolled = Wallets.enrolTotp(alice);
        assertThat(enrolled.status()).as("%s", enrolled.body()).isEqualTo(200);
        String secret = enrolled.text("secret");
        assertThat(enrolled.text("otpauth_uri")).startsWith("otpauth://totp/").contains("secret=" + secret);

        JsonNode initiated = initiate("20.00");
        assertThat(initiated.path("recipient_acceptance_required").asBoolean()).isFalse();
        assertThat(initiated.path("available_methods").toString()).contains("otp");
        String id = initiated.path("transfer_id").asString();
        Http.Response wrong = confirm(id, otp("000000".equals(Totp.now(secret)) ? "111111" : "000000"));
        assertThat(wrong.body().path("error").path("code").asString()).isEqualTo("INVALID_MFA_CREDENTIALS");
        String code = Totp.now(secret);
        Http.Response confirmed = confirm(id, otp(code));
        assertThat(confirmed.status()).as("%s", confirmed.body()).isEqualTo(200);
        assertThat(confirmed.text("status")).isEqualTo("completed");

        String second = initiate("21.00").path("transfer_id").asString();
        Http.Response replayed = confirm(second, otp(code));
        assertThat(replayed.body().path("error").path("code").asString()).as("a code proves presence once")
                .isEqualTo("INVALID_MFA_CREDENTIALS");
    }

    /** The room's events of {@code type} about one transfer, once at least one has arrived. */
    private List<JsonNode> eventsOf(String transferId, String type) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
                () -> Homeserver.awaitTimeline(bob, room, type, Duration.ofSeconds(5)).stream()
                        .filter(e -> transferId.equals(e.path("content").path("transfer_id").asString())).toList(),
                events -> !events.isEmpty());
    }

    private JsonNode initiate(String amount) {
        Http.Response initiated = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", aliceTep, Map.of("recipient",
                bob.userId(), "amount", new BigDecimal(amount), "currency", "USD",
                "idempotency_key", "p2p-" + UUID.randomUUID(), "room_id", room));
        assertThat(initiated.status()).as("%s", initiated.body()).isEqualTo(200);
        return initiated.body();
    }

    private Http.Response confirm(String id, Map<String, Object> proof) {
        return Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + id + "/confirm", aliceTep, proof);
    }

    private static Map<String, Object> signed(String id, String amount, String timestamp) {
        return Map.of("auth_proof", Map.of("method", "biometric", "proof", Map.of("signature",
                Wallets.sign(device, id + ":" + amount + ":USD:" + timestamp), "device_id", "device_e2e",
                "timestamp", timestamp)));
    }

    private static Map<String, Object> otp(String code) {
        return Map.of("auth_proof", Map.of("method", "otp", "proof", Map.of("otp_code", code,
                "timestamp", Instant.now().toString())));
    }

    /** An authenticator app, written from RFC 6238 for the test (SHA-1, 30 s, 6 digits). */
    static final class Totp {

        static String now(String base32) throws Exception {
            byte[] key = decode(base32);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA1"));
            long step = Instant.now().getEpochSecond() / 30;
            byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        }

        private static byte[] decode(String base32) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int buffer = 0;
            int bits = 0;
            for (char c : base32.toCharArray()) {
                buffer = (buffer << 5) | alphabet.indexOf(c);
                bits += 5;
                if (bits >= 8) {
                    out.write((buffer >> (bits - 8)) & 0xff);
                    bits -= 8;
                }
            }
            return out.toByteArray();
        }
    }
}
