package dev.tmcp.appstore.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** One delivery attempt against a real local receiver, through the guarded resolver. */
class WebhookSenderTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private HttpServer receiver;
    private final AtomicInteger hits = new AtomicInteger();
    private final Map<String, String> headers = new ConcurrentHashMap<>();
    private volatile int answer = 200;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            hits.incrementAndGet();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            headers.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        receiver.createContext("/moved", exchange -> {
            hits.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "/hook");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private WebhookSender sender(boolean local) {
        return new WebhookSender(WebClient.builder(),
                new WebhookProperties(local, local, Duration.ofSeconds(1), Duration.ofSeconds(5), 1.0),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    @Test
    void sendsTheBodyWithTheSpecsHeadersSignedOverTimestampAndBody() {
        WebhookSender.Result result = sender(true).send(url("/hook"), "whsec_x", "evt_1", "{\"event\":\"x\"}").block();

        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(headers).containsEntry("body", "{\"event\":\"x\"}")
                .containsEntry("content-type", "application/json")
                .containsEntry("x-webhook-event-id", "evt_1")
                .containsEntry("x-webhook-timestamp", Long.toString(NOW.getEpochSecond()))
                .containsEntry("x-webhook-signature", WebhookSignature.of("whsec_x", NOW.getEpochSecond(),
                        "{\"event\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void reportsTheReceiversStatus() {
        answer = 503;
        assertThat(sender(true).send(url("/hook"), "s", "evt_1", "{}").block().statusCode()).isEqualTo(503);
    }

    @Test
    void aLoopbackReceiverIsNeverContactedOutsideTheLocalProfile() {
        WebhookProperties strictButHttp = new WebhookProperties(false, true, Duration.ofSeconds(1), Duration.ofSeconds(5), 1.0);
        WebhookSender.Result result = new WebhookSender(WebClient.builder(), strictButHttp, Clock.systemUTC())
                .send("http://localhost:" + receiver.getAddress().getPort() + "/hook", "s", "evt_1", "{}").block();

        assertThat(result.statusCode()).isZero();
        assertThat(result.error()).contains("may not be sent to");
        assertThat(hits).hasValue(0);
    }

    @Test
    void plainHttpIsRefusedOutsideTheLocalProfile() {
        WebhookSender.Result result = sender(false).send(url("/hook"), "s", "evt_1", "{}").block();

        assertThat(result.error()).isEqualTo("webhook_url must use https");
        assertThat(hits).hasValue(0);
    }

    @Test
    void redirectsAreNotFollowed() {
        WebhookSender.Result result = sender(true).send(url("/moved"), "s", "evt_1", "{}").block();

        assertThat(result.statusCode()).isEqualTo(302);
        assertThat(hits).hasValue(1);
    }

    @Test
    void aReceiverThatDoesNotListenIsNoAnswer() throws Exception {
        int port = receiver.getAddress().getPort();
        receiver.stop(0);
        WebhookSender.Result result = sender(true).send("http://127.0.0.1:" + port + "/hook", "s", "evt_1", "{}").block();

        assertThat(result.statusCode()).isZero();
        assertThat(result.error()).isNotBlank();
    }
}
