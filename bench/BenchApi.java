package bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The suite's API as the money benchmarks use it: homeserver users registered through Synapse's
 * admin API, TEPs from the gateway's token exchange, activated and sandbox-funded wallets, plain
 * HTTP with JSON, and percentiles. Env: SYNAPSE_URL, SYNAPSE_REGISTRATION_SECRET, DEMO_MINIAPP_CLIENT_ID,
 * OFFICIAL_MINIAPP_CLIENT_ID (default ma_tween_wallet).
 */
final class BenchApi {

    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(10)).build();
    static final String PIN = "482913";
    static final String SYNAPSE = System.getenv("SYNAPSE_URL");

    record User(String userId, String matrixToken, String tep) {
    }

    record Res(int status, JsonNode body) {
    }

    private BenchApi() {
    }

    /** A new homeserver user with a TEP for {@code scope} from {@code gateway}, its wallet activated when asked. */
    static User user(String gateway, String localpart, String scope, boolean activate) throws Exception {
        return user(gateway, localpart, scope, activate, null);
    }

    /**
     * As {@link #user(String, String, String, boolean)}, registering a payment device at activation
     * when {@code biometricData} ({@code device_id}, {@code public_key}) is given.
     */
    static User user(String gateway, String localpart, String scope, boolean activate, Map<String, Object> biometricData)
            throws Exception {
        JsonNode registered = register(localpart);
        String matrixToken = registered.path("access_token").asString();
        String tep = tep(gateway, matrixToken, System.getenv("DEMO_MINIAPP_CLIENT_ID"), scope);
        if (activate) {
            // activation is for the host's official wallet app only (wallet:admin, decision 0027)
            String official = System.getenv().getOrDefault("OFFICIAL_MINIAPP_CLIENT_ID", "ma_tween_wallet");
            Map<String, Object> verification = new java.util.HashMap<>(Map.of("pin", PIN, "terms_accepted", true,
                    "terms_version", "1.5.0"));
            if (biometricData != null) {
                verification.put("biometric_data", biometricData);
            }
            ok(post(gateway + "/wallet/v1/activate", tep(gateway, matrixToken, official, "wallet:admin wallet:pay"),
                    Map.of("verification_data", verification)));
        }
        return new User(registered.path("user_id").asString(), matrixToken, tep);
    }

    private static String tep(String gateway, String matrixToken, String clientId, String scope) throws Exception {
        String form = "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange") + "&subject_token="
                + enc(matrixToken) + "&subject_token_type=" + enc("urn:ietf:params:oauth:token-type:access_token")
                + "&client_id=" + enc(clientId) + "&scope=" + enc(scope);
        return ok(send("POST", gateway + "/oauth2/token", null, "application/x-www-form-urlencoded", form))
                .path("access_token").asString();
    }

    static void fund(String gateway, User user, BigDecimal amount) throws Exception {
        String source = ok(post(gateway + "/wallet/v1/external/link", user.tep(), Map.of("type", "sandbox")))
                .path("external_account_id").asString();
        ok(post(gateway + "/wallet/v1/external/fund", user.tep(), Map.of("source_account_id", source, "amount", amount,
                "currency", "USD", "idempotency_key", "fund-" + UUID.randomUUID())));
    }

    /** The user joins a room on the homeserver (invited, or public), waiting out the homeserver's join rate limit. */
    static void join(User user, String room) throws Exception {
        while (true) {
            Res joined = send("POST", SYNAPSE + "/_matrix/client/v3/join/" + enc(room), "Bearer " + user.matrixToken(),
                    "application/json", "{}");
            if (joined.status() != 429) {
                ok(joined);
                return;
            }
            Thread.sleep(Math.max(100, joined.body().path("retry_after_ms").asLong(1000)));
        }
    }

    static JsonNode register(String localpart) throws Exception {
        String nonce = ok(send("GET", SYNAPSE + "/_synapse/admin/v1/register", null, null, null)).path("nonce").asString();
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(System.getenv("SYNAPSE_REGISTRATION_SECRET").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String password = "pw-" + localpart;
        String digest = HexFormat.of().formatHex(mac.doFinal(
                (nonce + "\0" + localpart + "\0" + password + "\0notadmin").getBytes(StandardCharsets.UTF_8)));
        return ok(send("POST", SYNAPSE + "/_synapse/admin/v1/register", null, "application/json", JSON.writeValueAsString(
                Map.of("nonce", nonce, "username", localpart, "password", password, "admin", false, "mac", digest))));
    }

    static Res post(String url, String tep, Object body) throws Exception {
        return send("POST", url, "Bearer " + tep, "application/json", JSON.writeValueAsString(body));
    }

    static Res send(String method, String url, String authorization, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(java.time.Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Res(r.statusCode(), r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body()));
    }

    static JsonNode ok(Res r) {
        if (r.status() / 100 != 2) {
            throw new IllegalStateException("HTTP " + r.status() + ": " + r.body());
        }
        return r.body();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** The p-th percentile (nearest rank) in ms with one decimal, or "-" for no values. */
    static String pct(List<Double> values, int p) {
        if (values.isEmpty()) {
            return "-";
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return String.format("%.1f", sorted.get(Math.max(0, rank - 1)));
    }
}
