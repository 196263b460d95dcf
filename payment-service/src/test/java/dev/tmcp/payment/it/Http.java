package dev.tmcp.payment.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client with JSON bodies, as a mini-app, its backend or a device would call; shared by
 * the payment-service ITs (and the JSON of their stub).
 */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Response(int status, JsonNode body) {

        public String text(String field) {
            return body.path(field).asString();
        }

        public String code() {
            return body.path("error").path("code").asString();
        }
    }

    private Http() {
    }

    public static Response get(String url, String authorization) {
        return send("GET", url, authorization, null, null);
    }

    public static Response post(String url, String authorization, Object body) {
        return send("POST", url, authorization, "application/json",
                body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    public static Response form(String url, String authorization, Map<String, String> fields) {
        return send("POST", url, authorization, "application/x-www-form-urlencoded", fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&")));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static Response send(String method, String url, String authorization, String contentType, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            boolean json = response.headers().firstValue("Content-Type").map(t -> t.contains("json")).orElse(true);
            return new Response(response.statusCode(),
                    text == null || text.isBlank() || !json ? JSON.createObjectNode() : JSON.readTree(text));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
