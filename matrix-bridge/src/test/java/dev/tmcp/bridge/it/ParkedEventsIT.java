package dev.tmcp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.matrix.RoomEventDelivered;
import dev.tmcp.core.event.p2p.P2pTransferCompleted;
import dev.tmcp.test.StackEnv;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A room whose head event cannot be delivered (its payer is not in the private room, so nobody can
 * let the payments bot in) is not blocked: after its attempts the head is parked, the room's later
 * cards arrive, an operator sees the parked event and redelivers it.
 */
class ParkedEventsIT extends BridgeIntegrationTest {

    static final SuiteEvents EVENTS = new SuiteEvents();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        bridge(registry, EVENTS, Synapse.URL);
        registry.add("tmcp.bridge.delivery.invite-recheck", () -> "1s");
        registry.add("tmcp.bridge.delivery.park-after-attempts", () -> "2");
    }

    @AfterAll
    static void topics() {
        EVENTS.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    DatabaseClient db;
    @Autowired
    MeterRegistry meters;

    @Test
    void anUndeliverableHeadIsParkedTheRoomGoesOnAndAnOperatorRedeliversIt() {
        Synapse.User alice = Synapse.register(localpart("alice"));
        Synapse.User bob = Synapse.register(localpart("bob"));
        String room = Synapse.room(alice, "private_chat", bob);
        P2pTransferCompleted.Party stranger = new P2pTransferCompleted.Party(Synapse.userId("it_nobody"), "tw_x");
        P2pTransferCompleted.Party a = new P2pTransferCompleted.Party(alice.userId(), "tw_a");
        P2pTransferCompleted.Party b = new P2pTransferCompleted.Party(bob.userId(), "tw_b");

        EventEnvelope head = EVENTS.publish(Topics.P2P, P2pTransferCompleted.TYPE, "p2p_head",
                transfer("p2p_head", stranger, b, room));
        await().atMost(Duration.ofSeconds(60)).until(() -> status(head.id()), "waiting_invite"::equals);
        EVENTS.publish(Topics.P2P, P2pTransferCompleted.TYPE, "p2p_later_1", transfer("p2p_later_1", a, b, room));
        EVENTS.publish(Topics.P2P, P2pTransferCompleted.TYPE, "p2p_later_2", transfer("p2p_later_2", a, b, room));

        List<JsonNode> seen = Synapse.syncUntil(bob, room, events -> transfers(events).containsAll(
                List.of("p2p_later_1", "p2p_later_2")), Duration.ofSeconds(90));
        assertThat(transfers(seen)).containsExactly("p2p_later_1", "p2p_later_2");
        assertThat(status(head.id())).isEqualTo("parked");
        assertThat(meters.counter("tmcp.bridge.room_events.parked").count()).isEqualTo(1.0);

        WebTestClient web = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        web.get().uri("/internal/v1/parked").exchange().expectStatus().isUnauthorized();
        String id = seq(head.id());
        web.get().uri("/internal/v1/parked").headers(h -> operator(h))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.parked.length()").isEqualTo(1)
                .jsonPath("$.parked[0].id").isEqualTo(Long.parseLong(id))
                .jsonPath("$.parked[0].source_event_id").isEqualTo(head.id())
                .jsonPath("$.parked[0].room").isEqualTo(room)
                .jsonPath("$.parked[0].last_error").value(e -> assertThat((String) e).contains("it_nobody"));

        web.post().uri("/internal/v1/parked/{id}/redeliver", id).exchange().expectStatus().isUnauthorized();
        web.post().uri("/internal/v1/parked/{id}/redeliver", id).headers(h -> operator(h))
                .exchange().expectStatus().isAccepted().expectBody().jsonPath("$.status").isEqualTo("pending");

        // The later cards let the payments bot into the room, so the redelivered head now arrives.
        List<JsonNode> after = Synapse.syncUntil(bob, room, events -> transfers(events).contains("p2p_head"),
                Duration.ofSeconds(60));
        assertThat(transfers(after)).containsExactly("p2p_later_1", "p2p_later_2", "p2p_head");
        // Synapse has the event a moment before the bridge records the delivery.
        await().atMost(Duration.ofSeconds(30)).until(() -> status(head.id()), "delivered"::equals);
        // The delivery is announced with the card's Matrix event id, for the service whose event it was.
        String cardId = after.stream().filter(e -> "p2p_head".equals(e.path("content").path("transfer_id").asString()))
                .findFirst().orElseThrow().path("event_id").asString();
        String announced = db.sql("select payload from outbox_event where topic = :topic and event_key = :key")
                .bind("topic", EVENTS.prefix() + Topics.MATRIX_INBOUND).bind("key", head.id())
                .map(r -> r.get("payload", String.class)).one().block();
        assertThat(announced).contains(RoomEventDelivered.TYPE).contains(cardId).contains(room);
        web.post().uri("/internal/v1/parked/{id}/redeliver", id).headers(h -> operator(h))
                .exchange().expectStatus().isNotFound();
    }

    private static P2pTransferCompleted transfer(String id, P2pTransferCompleted.Party from,
            P2pTransferCompleted.Party to, String room) {
        return new P2pTransferCompleted(id, new BigDecimal("1.00"), "USD", from, to, room, "completed", false, null,
                "2026-01-02T10:00:00Z");
    }

    private static void operator(org.springframework.http.HttpHeaders headers) {
        headers.setBasicAuth(StackEnv.get("TMCP_CONSOLE_CLIENT_ID"), StackEnv.get("TMCP_CONSOLE_CLIENT_SECRET"));
    }

    private static List<String> transfers(List<JsonNode> events) {
        return events.stream().filter(e -> "m.tween.wallet.p2p".equals(e.path("type").asString()))
                .map(e -> e.path("content").path("transfer_id").asString()).toList();
    }

    private String status(String sourceEventId) {
        return db.sql("select status from room_outbox where source_event_id = :id").bind("id", sourceEventId)
                .map(r -> r.get("status", String.class)).one().blockOptional().orElse("");
    }

    private String seq(String sourceEventId) {
        return db.sql("select seq from room_outbox where source_event_id = :id").bind("id", sourceEventId)
                .map(r -> String.valueOf(r.get("seq", Long.class))).one().block();
    }
}
