package dev.tmcp.appstore.webhook;

import dev.tmcp.appstore.outbound.GuardedHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * One signed POST to a receiver (spec 9.1.2 headers). Redirects are not followed, the address is
 * checked on connect ({@link GuardedHttp}), and outside the local profile only HTTPS is used.
 */
@Component
class WebhookSender {

    /** The receiver's status code, or 0 with {@code error} when it did not answer. */
    record Result(int statusCode, long latencyMillis, String error) {
    }

    private final WebClient client;
    private final WebhookProperties properties;
    private final Clock clock;

    @Autowired
    WebhookSender(WebClient.Builder builder, WebhookProperties properties) {
        this(builder, properties, Clock.systemUTC());
    }

    WebhookSender(WebClient.Builder builder, WebhookProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        HttpClient http = GuardedHttp.client(properties.allowPrivateAddresses(), properties.timeout());
        this.client = builder.clone().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    Mono<Result> send(String url, String secret, String eventId, String body) {
        return send(url, java.util.List.of(secret), eventId, body);
    }

    /** Signed under each of {@code secrets} (the current one first). */
    Mono<Result> send(String url, java.util.List<String> secrets, String eventId, String body) {
        long started = System.nanoTime();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Mono.just(new Result(0, 0, "webhook_url is not a valid URL"));
        }
        if (!GuardedHttp.schemeAllowed(uri, properties.allowHttp())) {
            return Mono.just(new Result(0, 0, "webhook_url must use https"));
        }
        long timestamp = clock.instant().getEpochSecond();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return client.post().uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Webhook-Signature", WebhookSignature.header(secrets, timestamp, bytes))
                .header("X-Webhook-Event-Id", eventId)
                .header("X-Webhook-Timestamp", Long.toString(timestamp))
                .header("User-Agent", "TMCP-Webhooks/1")
                .bodyValue(bytes)
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(new Result(response.statusCode().value(), millisSince(started), null)))
                .onErrorResume(e -> Mono.just(new Result(0, millisSince(started), describe(e))));
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
