package dev.tmcp.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.tmcp.test.TestInfrastructure;
import dev.tmcp.web.tep.SessionRevocations;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two real gateway instances sharing the real Redis, in front of a stand-in upstream (the services
 * behind the gateway are not under test here; the upstream only answers 200) and a JWKS published
 * over HTTP: the TEP checks of spec 4.12 against forged tokens, revocation, the rate rows of 11.4
 * shared across instances, and the edge headers.
 */
class GatewayEdgeIT {

    private static final String ISSUER = "https://tmcp.test";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RSAKey key;
    private static HttpServer jwks;
    private static HttpServer upstream;
    private static ConfigurableApplicationContext gatewayA;
    private static ConfigurableApplicationContext gatewayB;

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        jwks = serve("/jwks", new JWKSet(key.toPublicJWK()).toString());
        upstream = serve("/", "{\"ok\":true}");
        gatewayA = gateway();
        gatewayB = gateway();
    }

    @AfterAll
    static void stop() {
        gatewayA.close();
        gatewayB.close();
        jwks.stop(0);
        upstream.stop(0);
    }

    @Test
    void forgedExpiredMisdirectedAndUnsignedTokensAre401() throws Exception {
        String user = "@edge_" + UUID.randomUUID().toString().substring(0, 8) + ":tween.test";
        assertThat(balance(tep(user, c -> c)).statusCode()).isEqualTo(200);

        Instant past = Instant.now().minusSeconds(7200);
        Instant future = Instant.now().plusSeconds(3600);
        Map<String, String> attacks = new java.util.LinkedHashMap<>();
        attacks.put("expired", tep(user, c -> c.issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(60)))));
        attacks.put("not yet valid", tep(user, c -> c.notBeforeTime(Date.from(future))));
        attacks.put("issued in the future", tep(user, c -> c.issueTime(Date.from(future))));
        attacks.put("wrong audience", tep(user, c -> c.audience("ma_other")));
        attacks.put("wrong issuer", tep(user, c -> c.issuer("https://evil.test")));
        attacks.put("wrong token type", tep(user, c -> c.claim("token_type", "developer_token")));
        attacks.put("tampered", tampered(tep(user, c -> c)));
        attacks.put("alg none", "tep." + new PlainJWT(claims(user, c -> c)).serialize());
        attacks.put("HS256 keyed with the public key", hs256WithPublicKey(user));
        attacks.put("unknown kid", "tep." + signed(new RSAKeyGenerator(2048).keyID("k9").generate(), claims(user, c -> c)));
        attacks.put("no tep. prefix", tep(user, c -> c).substring(4));
        for (var attack : attacks.entrySet()) {
            HttpResponse<String> r = balance(attack.getValue());
            assertThat(r.statusCode()).as(attack.getKey()).isEqualTo(401);
            assertThat(error(r).path("code").asString()).as(attack.getKey()).isEqualTo("INVALID_TOKEN");
        }
        HttpResponse<String> missing = send(gatewayA, "GET", "/wallet/v1/balance", null, null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(error(missing).path("message").asString()).isEqualTo("Missing bearer token");
        HttpResponse<String> noScope = balance(tep(user, c -> c.claim("scope", "user:read")));
        assertThat(noScope.statusCode()).isEqualTo(403);
        assertThat(error(noScope).path("code").asString()).isEqualTo("INSUFFICIENT_PERMISSIONS");
    }

    @Test
    void aRevokedSessionIsRefusedByEveryInstanceWithinASecond() throws Exception {
        String user = "@rev_" + UUID.randomUUID().toString().substring(0, 8) + ":tween.test";
        String session = "ses_" + UUID.randomUUID();
        String token = tep(user, c -> c.claim("session_id", session));
        assertThat(balance(token).statusCode()).isEqualTo(200);
        assertThat(send(gatewayB, "GET", "/wallet/v1/balance", token, null).statusCode()).isEqualTo(200);

        gatewayA.getBean(SessionRevocations.class).revoke(List.of(session), Duration.ofMinutes(5)).block();

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(send(gatewayA, "GET", "/wallet/v1/balance", token, null).statusCode()).isEqualTo(401);
            assertThat(send(gatewayB, "GET", "/wallet/v1/balance", token, null).statusCode()).isEqualTo(401);
        });
    }

    @Test
    void twoInstancesShareOneBucketWithTheExactLimitAndBurstOfTheRow() throws Exception {
        // P2P transfers: 10 an hour plus a burst of 3; one token comes back every 6 minutes.
        String token = tep("@p2p_" + UUID.randomUUID().toString().substring(0, 8) + ":tween.test", c -> c);
        for (int i = 1; i <= 13; i++) {
            HttpResponse<String> r = send(i % 2 == 0 ? gatewayA : gatewayB, "POST", "/wallet/v1/p2p/initiate", token, "{}");
            assertThat(r.statusCode()).as("request %d", i).isEqualTo(200);
            long left = 13 - i;
            assertThat(header(r, "X-RateLimit-Limit")).isEqualTo("10");
            assertThat(header(r, "X-RateLimit-Burst")).isEqualTo("3");
            assertThat(header(r, "X-RateLimit-Remaining")).as("request %d", i).isEqualTo(Long.toString(Math.min(left, 10)));
            assertThat(header(r, "X-RateLimit-Burst-Remaining")).as("request %d", i).isEqualTo(Long.toString(Math.max(0, left - 10)));
            assertThat(Long.parseLong(header(r, "X-RateLimit-Reset"))).isGreaterThan(Instant.now().getEpochSecond());
        }
        HttpResponse<String> refused = send(gatewayA, "POST", "/wallet/v1/p2p/initiate", token, "{}");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(header(refused, "Retry-After"))).isBetween(300L, 360L);
        assertThat(header(refused, "X-RateLimit-Remaining")).isEqualTo("0");
        JsonNode error = error(refused);
        assertThat(error.path("code").asString()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(error.path("limit").asInt()).isEqualTo(10);
        assertThat(error.path("window").asString()).isEqualTo("1 hour");
        assertThat(error.path("retry_after").asLong()).isBetween(300L, 360L);
        assertThat(send(gatewayB, "POST", "/wallet/v1/p2p/initiate", token, "{}").statusCode())
                .as("the other instance refuses too").isEqualTo(429);
        assertThat(balance(token).statusCode()).as("other rows are separate budgets").isEqualTo(200);
    }

    @Test
    void batchStorageRowAllowsTwelveThenRefuses() throws Exception {
        String token = tep("@batch_" + UUID.randomUUID().toString().substring(0, 8) + ":tween.test", c -> c);
        for (int i = 1; i <= 12; i++) {
            assertThat(send(gatewayB, "POST", "/api/v1/storage/batch/get", token, "{}").statusCode())
                    .as("request %d", i).isEqualTo(200);
        }
        assertThat(send(gatewayA, "POST", "/api/v1/storage/batch/get", token, "{}").statusCode()).isEqualTo(429);
    }

    @Test
    void everyAnswerCarriesTheEdgeHeadersAndOversizedBodiesAre413() throws Exception {
        String token = tep("@hdr_" + UUID.randomUUID().toString().substring(0, 8) + ":tween.test", c -> c);
        for (HttpResponse<String> r : List.of(balance(token), send(gatewayA, "GET", "/wallet/v1/balance", null, null))) {
            assertThat(header(r, "Strict-Transport-Security")).startsWith("max-age=31536000");
            assertThat(header(r, "X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(header(r, "X-Frame-Options")).isEqualTo("DENY");
            assertThat(header(r, "X-Request-Id")).startsWith("req_");
        }
        HttpResponse<String> big = send(gatewayA, "PUT", "/api/v1/storage/k", token, "x".repeat(64 * 1024 + 1));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(error(big).path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");

        HttpResponse<Void> allowed = preflight("https://shop.example");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://shop.example");
        assertThat(preflight("https://evil.example").statusCode()).isEqualTo(403);
    }

    private static ConfigurableApplicationContext gateway() {
        String upstreamUrl = "http://127.0.0.1:" + upstream.getAddress().getPort();
        return new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0", "--management.server.port=0",
                "--spring.data.redis.url=" + TestInfrastructure.redisUrl(),
                "--tmcp.tep.jwks-uri=http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks",
                "--tmcp.tep.issuer=" + ISSUER,
                "--tmcp.gateway.edge.cors-allowed-origins=https://shop.example",
                "--tmcp.gateway.edge.max-request-size=64KB",
                "--WALLET_ADAPTER_URL=" + upstreamUrl, "--PAYMENT_SERVICE_URL=" + upstreamUrl,
                "--STORAGE_SERVICE_URL=" + upstreamUrl, "--AUTH_SERVICE_URL=" + upstreamUrl,
                "--APPSTORE_SERVICE_URL=" + upstreamUrl);
    }

    private static HttpResponse<String> balance(String token) throws Exception {
        return send(gatewayA, "GET", "/wallet/v1/balance", token, null);
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext gateway, String method, String path,
            String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + gateway.getEnvironment().getProperty("local.server.port") + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(15));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<Void> preflight(String origin) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + gatewayA.getEnvironment().getProperty("local.server.port") + "/wallet/v1/balance"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "GET").build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static JsonNode error(HttpResponse<String> response) {
        return JSON.readTree(response.body()).path("error");
    }

    private static JWTClaimsSet claims(String user, UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        return change.apply(new JWTClaimsSet.Builder().issuer(ISSUER).subject(user).audience("ma_shop")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString()).claim("token_type", "tep_access_token")
                .claim("client_id", "ma_shop").claim("azp", "ma_shop")
                .claim("scope", "wallet:balance wallet:pay storage:read storage:write")
                .claim("wallet_id", "tw_1").claim("session_id", "ses_" + UUID.randomUUID())).build();
    }

    private static String tep(String user, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        return "tep." + signed(key, claims(user, change));
    }

    private static String signed(RSAKey signingKey, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    /** The classic key-confusion attack: HMAC with the RSA public key as the shared secret. */
    private static String hs256WithPublicKey(String user) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims(user, c -> c));
        byte[] secret = key.toPublicJWK().toRSAPublicKey().getEncoded();
        byte[] padded = secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32);
        jwt.sign(new MACSigner(padded));
        return "tep." + jwt.serialize();
    }

    private static String tampered(String token) {
        String[] parts = token.substring(4).split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace("\"wallet_id\":\"tw_1\"", "\"wallet_id\":\"tw_2\"");
        return "tep." + parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
    }

    private static HttpServer serve(String path, String body) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }
}
