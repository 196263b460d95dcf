package dev.tmcp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.matrix.InboundRoomEvent;
import dev.tmcp.test.StackEnv;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The Application Service API as the homeserver uses it: tokens, transactions once, namespaces. */
class AppServiceIT extends BridgeIntegrationTest {

    static final SuiteEvents EVENTS = new SuiteEvents();
    static final String HS_TOKEN = StackEnv.get("TMCP_HS_TOKEN");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        bridge(registry, EVENTS, Synapse.URL);
    }

    @AfterAll
    static void topics() {
        EVENTS.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    WebTestClient web;

    @BeforeEach
    void client() {
        web = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void aWrongOrMissingHomeserverTokenIsRefused() {
        Map<String, Object> body = Map.of("events", List.of());
        web.put().uri("/_matrix/app/v1/transactions/t-" + UUID.randomUUID()).header("Authorization", "Bearer wrong")
                .bodyValue(body).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.errcode").isEqualTo("M_FORBIDDEN");
        web.put().uri("/_matrix/app/v1/transactions/t-" + UUID.randomUUID())
                .header("Authorization", "Bearer " + StackEnv.get("TMCP_AS_TOKEN"))
                .bodyValue(body).exchange().expectStatus().isForbidden();
        web.put().uri("/_matrix/app/v1/transactions/t-" + UUID.randomUUID()).bodyValue(body).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.errcode").isEqualTo("M_UNAUTHORIZED");
        web.get().uri("/_matrix/app/v1/users/@_tmcp_x:" + Synapse.SERVER).header("Authorization", "Bearer wrong")
                .exchange().expectStatus().isForbidden();
        web.post().uri("/_matrix/app/v1/ping").header("Authorization", "Bearer wrong").bodyValue(Map.of())
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void aReplayedTransactionIsProcessedOnceAndItsInboundEventsReachKafkaOnce() {
        String txnId = "txn-" + UUID.randomUUID();
        String room = "!it" + UUID.randomUUID().toString().replace("-", "") + ":" + Synapse.SERVER;
        Map<String, Object> request = Map.of("type", "m.tween.payment.request", "room_id", room,
                "sender", Synapse.userId("it_alice"), "event_id", "$req-" + txnId, "origin_server_ts", 1735689600000L,
                "content", Map.of("miniapp_id", "ma_shop_001", "payment", Map.of("payment_id", "pay_1",
                        "amount", "150.00", "currency", "USD", "description", "Order #12345")));
        Map<String, Object> launch = Map.of("type", "m.tween.miniapp.launch", "room_id", room,
                "sender", Synapse.userId("it_alice"), "event_id", "$launch-" + txnId,
                "content", Map.of("miniapp_id", "ma_shop_001", "launch_source", "chat_bubble",
                        "launch_params", Map.of("product_id", "prod_123"), "session_id", "session_xyz789"));
        Map<String, Object> chatter = Map.of("type", "m.room.message", "room_id", room, "event_id", "$msg-" + txnId,
                "sender", Synapse.userId("it_alice"), "content", Map.of("msgtype", "m.text", "body", "hi"));
        Map<String, Object> body = Map.of("events", List.of(request, chatter, launch));

        for (int i = 0; i < 3; i++) {
            web.put().uri("/_matrix/app/v1/transactions/" + txnId).header("Authorization", "Bearer " + HS_TOKEN)
                    .bodyValue(body).exchange().expectStatus().isOk().expectBody().json("{}");
        }
        // The same events again in a new transaction (a homeserver that lost track): still published once.
        web.put().uri("/_matrix/app/v1/transactions/" + txnId + "-again").header("Authorization", "Bearer " + HS_TOKEN)
                .bodyValue(body).exchange().expectStatus().isOk();

        List<EventEnvelope> published = readInbound(room, 2, Duration.ofSeconds(30));
        assertThat(published).extracting(EventEnvelope::type)
                .containsExactly(InboundRoomEvent.PAYMENT_REQUEST, InboundRoomEvent.MINIAPP_LAUNCH);
        InboundRoomEvent first = EventCodec.data(published.get(0), InboundRoomEvent.class);
        assertThat(first.matrixEventId()).isEqualTo("$req-" + txnId);
        assertThat(first.content().path("payment").path("payment_id").asString()).isEqualTo("pay_1");
        assertThat(published.get(0).subject()).isEqualTo(room);
        assertThat(db.sql("select count(*) as n from as_transaction where txn_id like :id").bind("id", txnId + "%")
                .map(r -> r.get("n", Long.class)).one().block()).isEqualTo(2L);
    }

    /** Once, 20 concurrent transactions held all ten pooled connections in invite passes, each waiting for one more. */
    @Test
    void aBurstOfTransactionsWithInvitesHandlesEveryInviteAndKeepsTheDatabaseAnswering() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> rooms = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> "!burst" + run + "n" + i + ":" + Synapse.SERVER).toList();
        try (var senders = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> sent = rooms.stream().<java.util.concurrent.Future<?>>map(room -> senders.submit(() ->
                    web.put().uri("/_matrix/app/v1/transactions/burst-" + UUID.randomUUID())
                            .header("Authorization", "Bearer " + HS_TOKEN)
                            .bodyValue(Map.of("events", List.of(Map.of("type", "m.room.member", "room_id", room,
                                    "sender", Synapse.userId("it_alice"), "state_key", Synapse.userId("_tmcp_payments"),
                                    "event_id", "$inv-" + UUID.randomUUID(), "content", Map.of("membership", "invite")))))
                            .exchange().expectStatus().isOk())).toList();
            for (var call : sent) {
                call.get();
            }
        }

        // The rooms do not exist: each join is refused and the invite dropped, which writes joined_at.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> db.sql("select count(*) as n from bot_invite where room_id like :p and joined_at is null")
                        .bind("p", "!burst" + run + "%").map(r -> r.get("n", Long.class)).one()
                        .block(Duration.ofSeconds(5)) == 0L);
    }

    @Test
    void aLargeTransactionIsAccepted() {
        String padding = "x".repeat(8_000);
        List<Map<String, Object>> events = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> Map.<String, Object>of("type", "m.room.message", "room_id", "!big:" + Synapse.SERVER,
                        "event_id", "$big-" + i + "-" + UUID.randomUUID(), "sender", Synapse.userId("it_alice"),
                        "content", Map.of("msgtype", "m.text", "body", padding)))
                .toList();
        web.put().uri("/_matrix/app/v1/transactions/big-" + UUID.randomUUID()).header("Authorization", "Bearer " + HS_TOKEN)
                .bodyValue(Map.of("events", events)).exchange().expectStatus().isOk();
    }

    @Test
    void namespaceQueriesAndPing() {
        String bot = "@_tmcp_it" + UUID.randomUUID().toString().substring(0, 6) + ":" + Synapse.SERVER;
        web.get().uri("/_matrix/app/v1/users/{id}", bot).header("Authorization", "Bearer " + HS_TOKEN)
                .exchange().expectStatus().isOk().expectBody().json("{}");
        assertThat(Synapse.call("GET", "/_matrix/client/v3/profile/" + Synapse.enc(bot), null, null).status())
                .as("the queried user now exists on the homeserver").isEqualTo(200);
        web.get().uri("/_matrix/app/v1/users/{id}", "@alice:" + Synapse.SERVER).header("Authorization", "Bearer " + HS_TOKEN)
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.errcode").isEqualTo("M_NOT_FOUND");
        web.get().uri("/_matrix/app/v1/rooms/{alias}", "#_tmcp_nothing:" + Synapse.SERVER)
                .header("Authorization", "Bearer " + HS_TOKEN)
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.errcode").isEqualTo("M_NOT_FOUND");
        web.post().uri("/_matrix/app/v1/ping").header("Authorization", "Bearer " + HS_TOKEN).bodyValue(Map.of())
                .exchange().expectStatus().isOk().expectBody().json("{}");
    }

    /** Reads the test's inbound topic until {@code expected} events of the room came, then a little longer. */
    private static List<EventEnvelope> readInbound(String room, int expected, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteEvents.BOOTSTRAP);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<EventEnvelope> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(EVENTS.prefix() + Topics.MATRIX_INBOUND));
            Instant deadline = Instant.now().plus(timeout);
            Instant settle = null;
            while (Instant.now().isBefore(deadline) && (settle == null || Instant.now().isBefore(settle))) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    EventEnvelope e = EventCodec.read(r.value());
                    if (room.equals(e.subject())) {
                        events.add(e);
                    }
                });
                if (events.size() >= expected && settle == null) {
                    settle = Instant.now().plusSeconds(3);
                }
            }
        }
        return events;
    }
}
