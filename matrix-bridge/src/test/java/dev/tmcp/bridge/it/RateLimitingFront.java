package dev.tmcp.bridge.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An HTTP front for the real Synapse that answers the first send of each transaction id with
 * {@code 429 M_LIMIT_EXCEEDED} and a {@code retry_after_ms}, as a rate-limiting homeserver does,
 * and passes every other request through. It records when each send arrived.
 */
final class RateLimitingFront implements AutoCloseable {

    record Send(String txnId, long atMillis, int status) {
    }

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final long retryAfterMs;
    private final Set<String> limited = ConcurrentHashMap.newKeySet();
    final List<Send> sends = new CopyOnWriteArrayList<>();

    RateLimitingFront(long retryAfterMs) {
        this.retryAfterMs = retryAfterMs;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if ("PUT".equals(exchange.getRequestMethod()) && path.contains("/send/")) {
            String txnId = path.substring(path.lastIndexOf('/') + 1);
            if (limited.add(txnId)) {
                sends.add(new Send(txnId, System.currentTimeMillis(), 429));
                respond(exchange, 429, "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"error\":\"Too many requests\",\"retry_after_ms\":"
                        + retryAfterMs + "}");
                return;
            }
        }
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(Synapse.URL + exchange.getRequestURI()))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            String name = header.getKey();
            if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Content-Type")) {
                header.getValue().forEach(v -> forward.header(name, v));
            }
        }
        try {
            long at = System.currentTimeMillis();
            HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            if ("PUT".equals(exchange.getRequestMethod()) && path.contains("/send/")) {
                sends.add(new Send(path.substring(path.lastIndexOf('/') + 1), at, answer.statusCode()));
            }
            exchange.getResponseHeaders().add("Content-Type", answer.headers().firstValue("Content-Type").orElse("application/json"));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
