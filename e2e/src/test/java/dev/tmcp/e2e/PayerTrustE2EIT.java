package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 through the gateway on the running stack (decision 0026): no gift moves money without
 * the payer's proof, and a transfer into a room the payer is not in is refused before any money
 * moves, so no card can reach that room.
 */
class PayerTrustE2EIT {

    static Homeserver.User alice;
    static Homeserver.User bob;
    static String room;
    static String aliceTep;

    @BeforeAll
    static void aliceAndBobShareARoom() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        alice = Homeserver.register("alice_trust_" + run);
        bob = Homeserver.register("bob_trust_" + run);
        room = Homeserver.privateRoom(alice, bob);
        aliceTep = Tmcp.tep(alice.accessToken(), "wallet:balance wallet:pay", room);
        Wallets.activate(alice, null);
        Wallets.fund(aliceTep, "100.00");
    }

    @Test
    void noGiftMovesMoneyWithoutAProof() {
        BigDecimal before = Wallets.available(aliceTep);
        Map<String, Object> individual = new HashMap<>(Map.of("type", "individual", "recipient", bob.userId(),
                "amount", new BigDecimal("5.00"), "currency", "USD", "room_id", room, "idempotency_key", "gift-" + UUID.randomUUID()));
        Map<String, Object> group = new HashMap<>(Map.of("type", "group", "room_id", room, "total_amount", new BigDecimal("5.00"),
                "count", 2, "distribution", "equal", "currency", "USD", "idempotency_key", "gift-" + UUID.randomUUID()));

        Http.Response noProof = Http.post(Tmcp.GATEWAY + "/wallet/v1/gift/create", aliceTep, individual);
        Http.Response groupNoProof = Http.post(Tmcp.GATEWAY + "/wallet/v1/gift/create", aliceTep, group);
        individual.put("auth_proof", Map.of("method", "pin", "proof", Map.of("hashed_pin", Tmcp.sha256Hex("000000"))));
        Http.Response wrongPin = Http.post(Tmcp.GATEWAY + "/wallet/v1/gift/create", aliceTep, individual);

        assertThat(noProof.status()).as("%s", noProof.body()).isEqualTo(400);
        assertThat(groupNoProof.status()).as("%s", groupNoProof.body()).isEqualTo(400);
        assertThat(wrongPin.status()).as("%s", wrongPin.body()).isEqualTo(401);
        assertThat(Wallets.available(aliceTep)).isEqualByComparingTo(before);
        assertThat(Wallets.pending(aliceTep)).as("nothing held").isEqualByComparingTo("0");
    }

    @Test
    void aTransferIntoARoomThePayerIsNotInIsRefusedAndLeavesNoCard() {
        Homeserver.User carol = Homeserver.register("carol_trust_" + UUID.randomUUID().toString().substring(0, 8));
        Http.Response created = Http.post(Homeserver.URL + "/_matrix/client/v3/createRoom", carol.accessToken(),
                Map.of("preset", "public_chat", "name", "carol's public room"));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(200);
        String foreign = created.text("room_id");
        BigDecimal before = Wallets.available(aliceTep);

        Http.Response refused = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", aliceTep, Map.of("recipient", bob.userId(),
                "amount", new BigDecimal("1.00"), "currency", "USD", "room_id", foreign, "note", "hello carol's room",
                "idempotency_key", "p2p-" + UUID.randomUUID()));

        assertThat(refused.status()).as("%s", refused.body()).isEqualTo(403);
        assertThat(refused.body().path("error").path("code").asString()).isEqualTo("NO_SHARED_ROOM");
        assertThat(Wallets.count("tmcp_payment", "select count(*) from p2p_transfer where room_id = ?", foreign))
                .as("no transfer, so no card for that room").isZero();
        assertThat(Wallets.available(aliceTep)).isEqualByComparingTo(before);
    }
}
