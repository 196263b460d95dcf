package dev.tmcp.payment.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.matrix.RoomEventDelivered;
import dev.tmcp.payment.it.Http;
import dev.tmcp.payment.it.PaymentServiceOnStubs;
import dev.tmcp.payment.it.StubWalletAndBridge;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Once matrix-bridge reports the card of a transfer delivered, the transfer's status (7.2.9)
 * gives its Matrix event id next to the suite's {@code evt_} id (decision 0029). The report comes
 * through real Kafka; the payer's TEP is minted by the stub ({@link StubWalletAndBridge}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tmcp.payment.recovery-interval=1h"})
class RoomCardsIT {

    static final StubWalletAndBridge STUB = new StubWalletAndBridge();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PaymentServiceOnStubs.infrastructure(registry, STUB);
    }

    @AfterAll
    static void stop() {
        STUB.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    DatabaseClient db;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Value("${tmcp.payment.room-cards.topic}")
    String topic;

    @Test
    void theStatusGivesTheMatrixEventIdOfTheDeliveredCard() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String payer = "@carder_" + run + ":localhost";
        String tep = STUB.tep(payer, "ma_cards", null);
        String transferId = "p2p_it" + run;
        String eventId = "evt_it" + run;
        db.sql("insert into p2p_transfer (transfer_id, idempotency_key, request_hash, sender_user_id, recipient_user_id, "
                        + "amount_minor, currency, room_id, status, event_id) values (:id, :key, 'h', :sender, "
                        + "'@someone:localhost', 100, 'USD', '!room:localhost', 'completed', :event)")
                .bind("id", transferId).bind("key", "k" + run).bind("sender", payer).bind("event", eventId)
                .fetch().rowsUpdated().block();
        String url = "http://127.0.0.1:" + port + "/wallet/v1/p2p/" + transferId;

        Http.Response before = Http.get(url, Http.bearer(tep));
        assertThat(before.status()).as("%s", before.body()).isEqualTo(200);
        assertThat(before.text("event_id")).isEqualTo(eventId);
        assertThat(before.body().has("matrix_event_id")).isFalse();

        RoomEventDelivered delivered = new RoomEventDelivered(eventId, "!room:localhost", "$card" + run + ":localhost",
                "m.tween.wallet.p2p", "2026-01-02T10:00:00Z");
        kafka.send(topic, eventId, EventCodec.write(EventCodec.envelope(RoomEventDelivered.TYPE, "it", eventId,
                delivered))).get();

        await().atMost(Duration.ofSeconds(60)).until(() ->
                Http.get(url, Http.bearer(tep)).body().has("matrix_event_id"));
        Http.Response after = Http.get(url, Http.bearer(tep));
        assertThat(after.text("matrix_event_id")).isEqualTo("$card" + run + ":localhost");
        assertThat(after.text("event_id")).isEqualTo(eventId);
    }
}
