package dev.tmcp.appstore.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.tmcp.appstore.TestDevelopers;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.payment.Payer;
import dev.tmcp.core.event.payment.PaymentCompleted;
import dev.tmcp.core.id.Ids;
import dev.tmcp.test.StackEnv;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook delivery end to end inside appstore-service, on real PostgreSQL and Kafka: an app
 * registered by its developer, a {@code payment.completed} published on {@code tmcp.payment}, and
 * a local receiver that answers as the test scripts it. Retry delays and the three-day limit are
 * scaled down ({@code backoff-scale}: three days last about five seconds).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.outbox.relay.enabled=false", "tmcp.tep.issuer=https://issuer.test",
        "tmcp.appstore.webhooks.allow-private-addresses=true", "tmcp.appstore.webhooks.allow-http=true",
        "tmcp.appstore.webhooks.poll-interval=100ms", "tmcp.appstore.webhooks.backoff-scale=0.00002",
        "spring.kafka.consumer.auto-offset-reset=latest"})
class WebhookDeliveryIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ORG = "org_" + Ids.next("").substring(0, 8);
    static final Receiver RECEIVER = new Receiver();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestDevelopers.infrastructure(registry, 'C');
        registry.add("tmcp.appstore.webhooks.consumer-group", () -> Ids.next("webhook-it-"));
    }

    @AfterAll
    static void stop() {
        RECEIVER.server.stop(0);
    }

    @LocalServerPort
    int port;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    /** The consumer starts at the latest offset: events are published only once it holds its partitions. */
    @BeforeEach
    void listenerAssigned() {
        await().atMost(Duration.ofSeconds(30)).until(() -> listeners.getListenerContainers().stream()
                .allMatch(c -> c.getAssignedPartitions() != null && !c.getAssignedPartitions().isEmpty()));
    }

    @Test
    void aPaymentReachesTheAppsBackendSignedOverTimestampAndBody() throws Exception {
        App app = register("/ok");
        EventEnvelope event = publish(app.id());

        Receiver.Request request = RECEIVER.awaitRequests(app.id(), 1).getFirst();
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("event").asString()).isEqualTo("payment.completed");
        assertThat(body.path("event_id").asString()).isEqualTo(event.id()).isEqualTo(request.header("x-webhook-event-id"));
        assertThat(body.path("data").path("payment_id").asString()).startsWith("pay_it");
        assertThat(body.path("data").path("user_id").asString()).isEqualTo("@payer:localhost");
        assertThat(body.path("data").path("amount").decimalValue()).isEqualByComparingTo("12.50");
        long timestamp = Long.parseLong(request.header("x-webhook-timestamp"));
        assertThat(request.header("x-webhook-signature")).isEqualTo(
                WebhookSignature.of(app.webhookSecret(), timestamp, request.body().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void afterARotationDeliveriesAreSignedWithTheNewAndThePreviousSecretUntilTheOverlapEnds() throws Exception {
        App app = register("/ok");
        JsonNode rotated = client().post().uri("/mini-apps/v1/" + app.id() + "/webhook/secret").header("Authorization", app.token())
                .bodyValue(Map.of("overlap_seconds", 3600)).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        String fresh = rotated.path("webhook_secret").asString();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(app.webhookSecret());
        assertThat(rotated.path("previous_valid_until").asString()).isNotBlank();

        publish(app.id());

        Receiver.Request request = RECEIVER.awaitRequests(app.id(), 1).getFirst();
        long timestamp = Long.parseLong(request.header("x-webhook-timestamp"));
        byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
        assertThat(request.header("x-webhook-signature")).isEqualTo(
                WebhookSignature.of(fresh, timestamp, body) + ", " + WebhookSignature.of(app.webhookSecret(), timestamp, body));
    }

    @Test
    void aPaymentWithACallbackUrlOfItsOwnIsDeliveredThereInsteadOfTheWebhookUrl() throws Exception {
        App app = register("/ok");
        String callbackTag = Ids.next("cb");
        EventEnvelope event = EventCodec.envelope(PaymentCompleted.TYPE, "payment-service", Ids.next("pay_it"),
                new PaymentCompleted(Ids.next("pay_it"), Ids.next("txn_"), new BigDecimal("3.00"), "USD",
                        new Payer("@payer:localhost", "tw_payer"), app.id(), "Webhook Shop", null, "Order 2",
                        java.time.Instant.now().toString(), RECEIVER.url("/ok", callbackTag)));
        send(event);

        Receiver.Request request = RECEIVER.awaitRequests(callbackTag, 1).getFirst();
        assertThat(JSON.readTree(request.body()).path("event_id").asString()).isEqualTo(event.id());
        assertThat(request.header("x-webhook-signature")).isEqualTo(WebhookSignature.of(app.webhookSecret(),
                Long.parseLong(request.header("x-webhook-timestamp")), request.body().getBytes(StandardCharsets.UTF_8)));
        Thread.sleep(500);
        assertThat(RECEIVER.requests(app.id())).isEmpty();
    }

    @Test
    void aRotationWithoutOverlapSignsWithTheNewSecretOnly() throws Exception {
        App app = register("/ok");
        String fresh = client().post().uri("/mini-apps/v1/" + app.id() + "/webhook/secret").header("Authorization", app.token())
                .bodyValue(Map.of("overlap_seconds", 0)).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("webhook_secret").asString();

        publish(app.id());

        Receiver.Request request = RECEIVER.awaitRequests(app.id(), 1).getFirst();
        assertThat(request.header("x-webhook-signature")).isEqualTo(WebhookSignature.of(fresh,
                Long.parseLong(request.header("x-webhook-timestamp")), request.body().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFailingReceiverGetsTheEventAgainUntilItAcknowledgesAndTheLogShowsEachAttempt() throws Exception {
        App app = register("/flaky");
        publish(app.id());

        JsonNode delivery = awaitDelivery(app, "delivered");
        assertThat(delivery.path("attempts")).hasSize(3);
        assertThat(delivery.path("attempts").findValuesAsString("status_code")).containsExactly("500", "500", "200");
        assertThat(RECEIVER.requests(app.id())).hasSize(3);
    }

    /**
     * The database as a dispatcher leaves it when it claimed a delivery and died before recording the
     * attempt: pending, due only when the claim's lease ends. Another dispatcher sends it then.
     */
    @Test
    void aDeliveryClaimedByADispatcherThatDiedIsSentOnceItsLeaseEnds() throws Exception {
        App app = register("/ok");
        String eventId = Ids.next("evt_it");
        db.sql("insert into webhook_delivery (delivery_id, event_id, miniapp_id, event_type, body, next_attempt_at) "
                        + "values (:id, :event, :app, 'webhook.test', :body, now() + interval '2 seconds')")
                .bind("id", Ids.next("whd_")).bind("event", eventId).bind("app", app.id())
                .bind("body", "{\"event\":\"webhook.test\",\"event_id\":\"" + eventId + "\",\"data\":{}}")
                .then().block();

        Thread.sleep(1_000);
        assertThat(RECEIVER.requests(app.id())).as("not before the lease ends").isEmpty();
        Receiver.Request request = RECEIVER.awaitRequests(app.id(), 1).getFirst();
        assertThat(request.header("x-webhook-event-id")).isEqualTo(eventId);
        assertThat(awaitDelivery(app, "delivered").path("attempts")).hasSize(1);
    }

    @Test
    void aBadRequestStopsTheDeliveryAfterOneAttempt() throws Exception {
        App app = register("/bad");
        publish(app.id());

        JsonNode delivery = awaitDelivery(app, "stopped");
        Thread.sleep(500);
        assertThat(delivery.path("attempts")).hasSize(1);
        assertThat(RECEIVER.requests(app.id())).hasSize(1);
    }

    @Test
    void anEndpointFailingForThreeDaysIsDisabledUntilTheDeveloperConfiguresItAgain() throws Exception {
        App app = register("/down");
        publish(app.id());

        JsonNode delivery = awaitDelivery(app, "gave_up");
        assertThat(delivery.path("attempts").size()).isGreaterThan(10);
        assertThat(get("/mini-apps/v1/" + app.id() + "/webhook", app.token()).path("enabled").asBoolean()).isFalse();
        assertThat(db.sql("select payload from outbox_event where event_key = :id and payload like '%miniapp.webhook_disabled%'")
                .bind("id", app.id()).map((r, m) -> r.get("payload", String.class)).all().collectList().block())
                .as("the developer is told, once").singleElement().asString().contains("\"developer_id\":\"@dev:test\"");

        JsonNode configured = client().put().uri("/mini-apps/v1/" + app.id() + "/webhook").header("Authorization", app.token())
                .bodyValue(Map.of("webhook_url", RECEIVER.url("/ok", app.id()))).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(configured.path("enabled").asBoolean()).isTrue();
        client().post().uri("/mini-apps/v1/" + app.id() + "/webhook/deliveries/" + delivery.path("delivery_id").asString()
                + "/redeliver").header("Authorization", app.token()).exchange().expectStatus().isAccepted();

        assertThat(awaitDelivery(app, "delivered").path("attempts").size()).isGreaterThan(11);
    }

    @Test
    void theSameEventConsumedTwiceIsDeliveredOnce() throws Exception {
        App app = register("/ok");
        EventEnvelope event = publish(app.id());
        RECEIVER.awaitRequests(app.id(), 1);

        send(event);
        publish(app.id()); // a later, different event: once it has arrived, the duplicate would have too
        RECEIVER.awaitRequests(app.id(), 2);
        Thread.sleep(300);
        assertThat(RECEIVER.requests(app.id())).hasSize(2);
    }

    @Test
    void aTestDeliveryReachesTheReceiver() throws Exception {
        App app = register("/ok");

        client().post().uri("/mini-apps/v1/" + app.id() + "/webhook/test").header("Authorization", app.token())
                .exchange().expectStatus().isAccepted();

        assertThat(JSON.readTree(RECEIVER.awaitRequests(app.id(), 1).getFirst().body()).path("event").asString())
                .isEqualTo("webhook.test");
    }

    @Test
    void anotherOrganizationsAppLooksAbsent() throws Exception {
        App app = register("/ok");
        String stranger = TestDevelopers.admin("@stranger:test", "org_stranger");

        client().get().uri("/mini-apps/v1/" + app.id() + "/webhook/deliveries").header("Authorization", stranger)
                .exchange().expectStatus().isNotFound();
        client().post().uri("/mini-apps/v1/" + app.id() + "/webhook/test").header("Authorization", stranger)
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void aWebhookUrlMustBeHttpOrHttpsWithoutCredentials() throws Exception {
        App app = register("/ok");

        for (String url : List.of("ftp://example.com/x", "https://user:pw@example.com/x", "not a url", "https://x/#frag")) {
            client().put().uri("/mini-apps/v1/" + app.id() + "/webhook").header("Authorization", app.token())
                    .bodyValue(Map.of("webhook_url", url)).exchange().expectStatus().isBadRequest();
        }
    }

    record App(String id, String webhookSecret, String token) {
    }

    private App register(String path) throws Exception {
        String token = TestDevelopers.admin("@dev:test", ORG);
        String tag = Ids.next("app");
        Map<String, Object> request = Map.of("name", "Webhook Shop", "short_name", "Shop", "category", "shopping",
                "developer", Map.of("company_name", "Example Corp", "email", "dev@example.com"),
                "technical", Map.of("entry_url", "https://shop.example.com",
                        "redirect_uris", List.of("https://shop.example.com/cb"),
                        "webhook_url", RECEIVER.url(path, tag),
                        "scopes_requested", List.of("user:read", "wallet:pay"), "client_type", "hybrid"));
        JsonNode answer = client().post().uri("/mini-apps/v1/register").header("Authorization", token).bodyValue(request)
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        String id = answer.path("miniapp_id").asString();
        RECEIVER.alias(tag, id);
        return new App(id, answer.path("credentials").path("webhook_secret").asString(), token);
    }

    private EventEnvelope publish(String miniappId) {
        EventEnvelope event = EventCodec.envelope(PaymentCompleted.TYPE, "payment-service", Ids.next("pay_it"),
                new PaymentCompleted(Ids.next("pay_it"), Ids.next("txn_"), new BigDecimal("12.50"), "USD",
                        new Payer("@payer:localhost", "tw_payer"), miniappId, "Webhook Shop", null, "Order 1",
                        java.time.Instant.now().toString()));
        send(event);
        return event;
    }

    private static void send(EventEnvelope event) {
        Properties props = new Properties();
        props.put("bootstrap.servers", StackEnv.get("KAFKA_BOOTSTRAP_SERVERS"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.PAYMENT, event.subject(), EventCodec.write(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode awaitDelivery(App app, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode deliveries = get("/mini-apps/v1/" + app.id() + "/webhook/deliveries", app.token()).path("deliveries");
            found[0] = deliveries.isEmpty() ? null : deliveries.get(0);
            return found[0] != null && status.equals(found[0].path("status").asString());
        });
        return found[0];
    }

    private JsonNode get(String path, String token) {
        return client().get().uri(path).header("Authorization", token).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private WebTestClient client() {
        return TestDevelopers.client(port);
    }

    /** Answers by path: /ok 200, /flaky 500 twice then 200, /bad 400, /down 503; requests kept per app. */
    static final class Receiver {

        record Request(String body, Map<String, String> headers) {
            String header(String name) {
                return headers.get(name);
            }
        }

        final HttpServer server;
        final Map<String, String> apps = new ConcurrentHashMap<>();
        final Map<String, List<Request>> received = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", exchange -> {
                String[] parts = exchange.getRequestURI().getPath().split("/");
                String behaviour = parts[1];
                String app = apps.getOrDefault(parts[2], parts[2]);
                Map<String, String> headers = new ConcurrentHashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
                received.computeIfAbsent(app, a -> new CopyOnWriteArrayList<>())
                        .add(new Request(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), headers));
                int call = calls.computeIfAbsent(app, a -> new AtomicInteger()).incrementAndGet();
                int status = switch (behaviour) {
                    case "flaky" -> call <= 2 ? 500 : 200;
                    case "bad" -> 400;
                    case "down" -> 503;
                    default -> 200;
                };
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        /** The URL for {@code behaviour}, tagged so requests are counted per app. */
        String url(String behaviour, String tag) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + behaviour + "/" + tag;
        }

        void alias(String tag, String app) {
            apps.put(tag, app);
            List<Request> early = received.remove(tag);
            if (early != null) {
                received.computeIfAbsent(app, a -> new CopyOnWriteArrayList<>()).addAll(early);
            }
        }

        List<Request> requests(String app) {
            return received.getOrDefault(app, List.of());
        }

        List<Request> awaitRequests(String app, int count) {
            await().atMost(Duration.ofSeconds(30)).until(() -> requests(app).size() >= count);
            return requests(app);
        }
    }
}
