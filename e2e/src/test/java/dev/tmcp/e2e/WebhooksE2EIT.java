package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks to a mini-app's backend on the real stack (spec 9.1.2, decisions 0042 and 0050): a
 * receiver of our own on loopback (the local profile) checks each signature with its own HMAC code
 * over {@code <timestamp>.<body>}, as the appstore README tells receivers to; each test registers
 * its own hybrid app pointing at its own path.
 */
class WebhooksE2EIT {

    private static final Receiver RECEIVER = new Receiver();
    private static String developer;

    @BeforeAll
    static void aDeveloper() {
        developer = Developers.developerToken();
    }

    @AfterAll
    static void stop() {
        RECEIVER.server.stop(0);
    }

    @Test
    void everyPaymentEventReachesTheBackendSignedAsDocumented() {
        App app = register("pay");
        KeyPair device = Wallets.deviceKey();
        Homeserver.User alice = Homeserver.register("alice_hook_" + UUID.randomUUID().toString().substring(0, 8));
        String tep = consentedTep(alice, app.id());
        Wallets.activate(alice, device);
        Wallets.fund(tep, "50.00");

        String paid = pay(tep, device, "12.00");
        Http.Response refund = Http.send("POST", Tmcp.GATEWAY + "/api/v1/payments/" + paid + "/refund", app.backend(),
                "application/json", Http.JSON.writeValueAsString(Map.of("amount", new BigDecimal("12.00"), "currency", "USD",
                        "reason", "webhook test", "idempotency_key", "refund-" + UUID.randomUUID())));
        assertThat(refund.status()).as("%s", refund.body()).isEqualTo(200);
        pay(tep, device, "500.00");
        assertThat(Http.post(Tmcp.GATEWAY + "/api/v1/auth/revoke", tep, Map.of("reason", "user_initiated")).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVER.events(app.path()).containsAll(
                List.of("payment.completed", "payment.refunded", "payment.failed", "wallet.updated", "scope.revoked")));
        for (Receiver.Delivery d : RECEIVER.deliveries(app.path())) {
            assertThat(d.signatureValid(app.webhookSecret())).as("signature of %s", d.body()).isTrue();
            assertThat(d.header("x-webhook-event-id")).isEqualTo(d.json().path("event_id").asString());
            assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(d.header("x-webhook-timestamp")))).isLessThan(300);
        }
        JsonNode completed = RECEIVER.first(app.path(), "payment.completed").json();
        assertThat(completed.path("data").path("payment_id").asString()).isEqualTo(paid);
        assertThat(completed.path("data").path("amount").decimalValue()).isEqualByComparingTo("12.00");
        assertThat(completed.path("data").path("user_id").asString()).isEqualTo(alice.userId());
        assertThat(RECEIVER.first(app.path(), "payment.failed").json().path("data").path("error_code").asString())
                .isEqualTo("INSUFFICIENT_FUNDS");
    }

    @Test
    void aReceiverThatWasDownGetsEveryEventOnceItIsBackWithRepeatsOnlyUnderTheSameEventId() throws Exception {
        App app = register("outage");
        RECEIVER.down(app.path(), true);
        for (int i = 0; i < 5; i++) {
            assertThat(Http.post(Tmcp.GATEWAY + "/mini-apps/v1/" + app.id() + "/webhook/test", developer, Map.of()).status())
                    .isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVER.tests(app.path()).size() >= 5);

        Thread.sleep(2_000);
        RECEIVER.down(app.path(), false);

        await().atMost(Duration.ofSeconds(60)).until(() -> RECEIVER.tests(app.path()).stream()
                .filter(d -> d.answered() == 200).map(d -> d.json().path("event_id").asString()).distinct().count() == 5);
        Map<String, Long> attemptsPerEvent = RECEIVER.tests(app.path()).stream().collect(
                java.util.stream.Collectors.groupingBy(d -> d.json().path("event_id").asString(), java.util.stream.Collectors.counting()));
        assertThat(attemptsPerEvent).hasSize(5);
        assertThat(attemptsPerEvent.values()).allMatch(n -> n >= 2);
        for (Receiver.Delivery d : RECEIVER.deliveries(app.path())) {
            assertThat(d.signatureValid(app.webhookSecret())).isTrue();
        }
    }

    private record App(String id, String path, String webhookSecret, String backend) {
    }

    private static App register(String name) {
        String path = "/" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response shop = Http.post(Tmcp.GATEWAY + "/mini-apps/v1/register", developer, Map.of(
                "name", "Hooked Shop " + path, "client_type", "hybrid",
                "technical", Map.of("entry_url", "https://hooks.example" + path, "webhook_url", RECEIVER.url(path),
                        "redirect_uris", List.of("https://hooks.example/cb"), "scopes_requested", List.of("wallet:balance", "wallet:pay"))));
        assertThat(shop.status()).as("%s", shop.body()).isEqualTo(201);
        String id = shop.text("miniapp_id");
        JsonNode backend = shop.body().path("credentials").path("confidential_client");
        Developers.approve(id);
        return new App(id, path, shop.body().path("credentials").path("webhook_secret").asString(),
                Http.basic(backend.path("client_id").asString(), backend.path("client_secret").asString()));
    }

    private static String consentedTep(Homeserver.User user, String app) {
        Http.Response asked = Tmcp.exchange(user.accessToken(), app, "wallet:balance wallet:pay", null);
        assertThat(asked.text("error")).as("%s", asked.body()).isEqualTo("consent_required");
        Developers.consent(user, asked.text("consent_ui_endpoint"));
        Http.Response granted = Tmcp.exchange(user.accessToken(), app, "wallet:balance wallet:pay", null);
        assertThat(granted.status()).as("%s", granted.body()).isEqualTo(200);
        return granted.text("access_token");
    }

    /** Requests and authorizes a payment with the device key; answers its id, whatever the outcome. */
    private static String pay(String tep, KeyPair device, String amount) {
        Http.Response requested = Http.post(Tmcp.GATEWAY + "/api/v1/payments/request", tep, Map.of(
                "amount", new BigDecimal(amount), "currency", "USD", "description", "Webhook order",
                "merchant_order_id", "ORDER-" + UUID.randomUUID(), "idempotency_key", "pay-" + UUID.randomUUID()));
        assertThat(requested.status()).as("%s", requested.body()).isEqualTo(200);
        String paymentId = requested.text("payment_id");
        String timestamp = Instant.now().toString();
        Http.post(Tmcp.GATEWAY + "/api/v1/payments/" + paymentId + "/authorize", tep, Map.of(
                "signature", Wallets.sign(device, paymentId + ":" + amount + ":USD:" + timestamp),
                "device_id", "device_e2e", "timestamp", timestamp));
        return paymentId;
    }

    /** A mini-app backend on loopback: records every delivery; a path that is "down" answers 503. */
    static final class Receiver {

        record Delivery(String body, Map<String, String> headers, int answered) {

            String header(String name) {
                return headers.get(name);
            }

            JsonNode json() {
                return Http.JSON.readTree(body);
            }

            /** The documented check: any ", "-separated value equals sha256=hex(HMAC(secret, timestamp "." body)). */
            boolean signatureValid(String secret) {
                try {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                    byte[] expected = ("sha256=" + HexFormat.of().formatHex(mac.doFinal(
                            (header("x-webhook-timestamp") + "." + body).getBytes(StandardCharsets.UTF_8))))
                            .getBytes(StandardCharsets.US_ASCII);
                    for (String value : header("x-webhook-signature").split(", ")) {
                        if (MessageDigest.isEqual(expected, value.getBytes(StandardCharsets.US_ASCII))) {
                            return true;
                        }
                    }
                    return false;
                } catch (java.security.GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        final HttpServer server;
        private final Map<String, List<Delivery>> received = new ConcurrentHashMap<>();
        private final Map<String, Boolean> down = new ConcurrentHashMap<>();

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                Map<String, String> headers = new ConcurrentHashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
                int status = down.getOrDefault(path, false) ? 503 : 200;
                received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                        .add(new Delivery(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), headers, status));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        void down(String path, boolean isDown) {
            down.put(path, isDown);
        }

        List<Delivery> deliveries(String path) {
            return received.getOrDefault(path, List.of());
        }

        List<String> events(String path) {
            return deliveries(path).stream().map(d -> d.json().path("event").asString()).distinct().toList();
        }

        /** The deliveries of {@code webhook.test} events (the app's own approval is delivered too). */
        List<Delivery> tests(String path) {
            return deliveries(path).stream().filter(d -> "webhook.test".equals(d.json().path("event").asString())).toList();
        }

        Delivery first(String path, String event) {
            return deliveries(path).stream().filter(d -> event.equals(d.json().path("event").asString())).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + event + " at " + path));
        }
    }
}
