package dev.tmcp.charts;

import dev.tmcp.test.StackEnv;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A new user of the local homeserver, with a TEP of the demo mini-app obtained through a given gateway. */
final class SuiteUser {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Answer(int status, JsonNode body) {
    }

    private SuiteUser() {
    }

    /** Registers a Matrix user (shared-secret registration) and exchanges its token at {@code gateway}. */
    static String tep(String gateway, String scope) {
        String homeserver = StackEnv.get("SYNAPSE_URL");
        String localpart = "chart_" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + localpart;
        String nonce = send(HttpRequest.newBuilder(URI.create(homeserver + "/_synapse/admin/v1/register")).GET())
                .body().path("nonce").asString();
        String mac = hmacSha1(StackEnv.get("SYNAPSE_REGISTRATION_SECRET"),
                nonce + "\0" + localpart + "\0" + password + "\0notadmin");
        Answer registered = send(HttpRequest.newBuilder(URI.create(homeserver + "/_synapse/admin/v1/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("nonce", nonce, "username",
                        localpart, "password", password, "admin", false, "mac", mac)))));
        Map<String, String> form = Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token", registered.body().path("access_token").asString(),
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "client_id", StackEnv.get("DEMO_MINIAPP_CLIENT_ID"), "scope", scope);
        Answer exchanged = send(HttpRequest.newBuilder(URI.create(gateway + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&")))));
        if (exchanged.status() != 200) {
            throw new IllegalStateException("token exchange through " + gateway + ": " + exchanged);
        }
        return exchanged.body().path("access_token").asString();
    }

    static Answer get(String url, String tep) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + tep).GET());
    }

    /** A GET that continues the caller's trace (W3C traceparent). */
    static Answer get(String url, String tep, String traceparent) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + tep)
                .header("traceparent", traceparent).GET());
    }

    /** A GET without credentials (Zipkin's API). */
    static Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            // Bodies that are not JSON (Zipkin's "Trace … not found") answer as an empty object.
            boolean json = text != null && (text.strip().startsWith("{") || text.strip().startsWith("["));
            return new Answer(response.statusCode(), json ? JSON.readTree(text) : JSON.createObjectNode());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String hmacSha1(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
