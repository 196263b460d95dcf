package dev.tmcp.payment.gift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.id.UserId;
import dev.tmcp.test.StackEnv;
import dev.tmcp.web.tep.TepPrincipal;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real user of the running stack, made the way the e2e tests make one: registered on Synapse,
 * its Matrix token exchanged for a TEP at the gateway, wallet activated and funded from the sandbox.
 */
record StackUser(String userId, String tep) {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String GATEWAY = StackEnv.get("GATEWAY_URL");

    record Response(int status, JsonNode body) {
    }

    static StackUser funded(String localpartPrefix, BigDecimal amount) {
        String localpart = localpartPrefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        String synapse = StackEnv.get("SYNAPSE_URL");
        String password = "pw-" + localpart;
        String nonce = send("GET", synapse + "/_synapse/admin/v1/register", null, null).body().path("nonce").asString();
        Response registered = send("POST", synapse + "/_synapse/admin/v1/register", null, Map.of("nonce", nonce,
                "username", localpart, "password", password, "admin", false,
                "mac", hmac(StackEnv.get("SYNAPSE_REGISTRATION_SECRET"), nonce + "\0" + localpart + "\0" + password + "\0notadmin")));
        assertThat(registered.status()).as("register: %s", registered.body()).isEqualTo(200);
        String form = Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                        "subject_token", registered.body().path("access_token").asString(),
                        "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                        "client_id", StackEnv.get("DEMO_MINIAPP_CLIENT_ID"), "scope", "wallet:pay wallet:balance")
                .entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpResponse<String> exchanged = raw(HttpRequest.newBuilder(URI.create(GATEWAY + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(exchanged.statusCode()).as("token exchange: %s", exchanged.body()).isEqualTo(200);
        StackUser user = new StackUser(registered.body().path("user_id").asString(),
                JSON.readTree(exchanged.body()).path("access_token").asString());
        Response activated = user.post("/wallet/v1/activate", Map.of("verification_data",
                Map.of("pin", "482913", "terms_accepted", true, "terms_version", "1.5.0")));
        assertThat(activated.status()).as("activate: %s", activated.body()).isEqualTo(200);
        String source = user.post("/wallet/v1/external/link", Map.of("type", "sandbox")).body()
                .path("external_account_id").asString();
        Response funded = user.post("/wallet/v1/external/fund", Map.of("source_account_id", source, "amount", amount,
                "currency", "USD", "idempotency_key", "fund-" + UUID.randomUUID()));
        assertThat(funded.status()).as("fund: %s", funded.body()).isEqualTo(200);
        return user;
    }

    TepPrincipal principal() {
        return new TepPrincipal(UserId.of(userId), StackEnv.get("DEMO_MINIAPP_CLIENT_ID"), Set.of("wallet:pay", "wallet:balance"),
                null, null, Map.of(), tep);
    }

    BigDecimal balance() {
        return send("GET", GATEWAY + "/wallet/v1/balance", "Bearer " + tep, null).body()
                .path("balance").path("available").decimalValue();
    }

    Response post(String path, Object body) {
        return send("POST", GATEWAY + path, "Bearer " + tep, body);
    }

    static Response send(String method, String url, String authorization, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = raw(request.build());
        return new Response(response.statusCode(), response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body()));
    }

    private static HttpResponse<String> raw(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
