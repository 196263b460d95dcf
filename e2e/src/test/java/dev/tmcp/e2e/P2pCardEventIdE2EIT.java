package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Once its card is in the room, a transfer's status (7.2.9) gives the card's Matrix event id next
 * to the suite's {@code evt_} id (decisions 0004, 0029).
 */
class P2pCardEventIdE2EIT {

    @Test
    void theStatusOfADeliveredTransferLinksToItsCard() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Homeserver.User alice = Homeserver.register("alice_card_" + run);
        Homeserver.User bob = Homeserver.register("bob_card_" + run);
        String room = Homeserver.privateRoom(alice, bob);
        String tep = Tmcp.tep(alice.accessToken(), "wallet:balance wallet:pay", room);
        Wallets.activate(alice, null);
        Wallets.fund(tep, "10.00");

        Http.Response initiated = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", tep, Map.of("recipient",
                bob.userId(), "amount", 1.00, "currency", "USD", "idempotency_key", "card-" + run, "room_id", room));
        assertThat(initiated.status()).as("%s", initiated.body()).isEqualTo(200);
        String transferId = initiated.text("transfer_id");
        Http.Response confirmed = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + transferId + "/confirm", tep,
                Wallets.pinProof());
        assertThat(confirmed.status()).as("%s", confirmed.body()).isEqualTo(200);

        List<JsonNode> cards = Homeserver.awaitTimeline(bob, room, "m.tween.wallet.p2p", Duration.ofSeconds(60));
        String cardId = cards.stream().filter(c -> transferId.equals(c.path("content").path("transfer_id").asString()))
                .findFirst().orElseThrow().path("event_id").asString();
        String status = Tmcp.GATEWAY + "/wallet/v1/p2p/" + transferId;
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.get(status, tep).body().has("matrix_event_id"));
        JsonNode body = Http.get(status, tep).body();
        assertThat(body.path("matrix_event_id").asString()).isEqualTo(cardId);
        assertThat(body.path("event_id").asString()).isEqualTo(confirmed.text("event_id")).startsWith("evt_");
    }
}
