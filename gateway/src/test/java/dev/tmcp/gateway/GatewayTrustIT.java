package dev.tmcp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.tmcp.test.TestInfrastructure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway on the real Redis in front of stand-in upstreams: one that answers, one whose port
 * is closed, one that hangs, one that dies mid-request. Operator-only routes hidden by default,
 * unverifiable tokens limited per address, the suite's own rate rows (also through JSON-RPC), and
 * upstream failures answered 502/503/504 in the 12.1 format.
 */
class GatewayTrustIT {

    private static final String ISSUER = "https://tmcp.test";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final java.util.concurrent.atomic.AtomicInteger JWKS_FETCHES = new java.util.concurrent.atomic.AtomicInteger();
    private static RSAKey key;
    private static HttpServer jwks;
    private static HttpServer upstream;
    private static ServerSocket hanging;
    private static ServerSocket cutting;
    private static final List<Socket> held = new CopyOnWriteArrayList<>();
    private static int closedPort;
    private static ConfigurableApplicationContext gateway;

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        jwks = serve("/jwks", new JWKSet(key.toPublicJWK()).toString(), JWKS_FETCHES);
        upstream = serve("/", "{\"ok\":true}", new java.util.concurrent.atomic.AtomicInteger());
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        hanging = accepting(held::add);
        cutting = accepting(socket -> {
            try (socket) {
                socket.getInputStream().read(new byte[1024]);
                socket.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // the point is to vanish
            }
        });
        String up = "http://127.0.0.1:" + upstream.getAddress().getPort();
        gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0", "--management.server.port=0",
                "--spring.data.redis.url=" + TestInfrastructure.redisUrl(),
                "--tmcp.tep.jwks-uri=http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks",
                "--tmcp.tep.issuer=" + ISSUER, "--tmcp.tep.jwks-refetch-cooldown=1h",
                "--tmcp.gateway.rate-limits.unverifiable.name=unverifiable-" + UUID.randomUUID(),
                "--tmcp.gateway.rate-limits.unverifiable.limit=3",
                "--tmcp.gateway.rate-limits.unverifiable.window=1h",
                "--tmcp.gateway.rate-limits.unverifiable.burst=0",
                "--spring.cloud.gateway.server.webflux.httpclient.response-timeout=2s",
                "--AUTH_SERVICE_URL=http://127.0.0.1:" + closedPort,
                "--STORAGE_SERVICE_URL=http://127.0.0.1:" + hanging.getLocalPort(),
                "--APPSTORE_SERVICE_URL=http://127.0.0.1:" + cutting.getLocalPort(),
                "--WALLET_ADAPTER_URL=" + up, "--PAYMENT_SERVICE_URL=" + up, "--MATRIX_BRIDGE_URL=" + up);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        jwks.stop(0);
        upstream.stop(0);
        hanging.close();
        cutting.close();
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    void adminRoutesAreNotReachableThroughTheGatewayByDefault() throws Exception {
        for (String path : List.of("/admin/keys/rotate", "/admin/developers/whitelist", "/admin/mini-apps/ma_x/approve")) {
            HttpResponse<String> r = send("POST", path, null, "{}");
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(error(r).path("code").asString()).as(path).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void appServiceRoutesAreNotReachableThroughTheGatewayByDefault() throws Exception {
        HttpResponse<String> r = send("PUT", "/_matrix/app/v1/transactions/txn1", null, "{\"events\":[]}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(error(r).path("code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void unverifiableTokensFromOneAddressAreLimitedAndValidTokensStillPass() throws Exception {
        String forged = "tep." + signed(new RSAKeyGenerator(2048).keyID("k-" + UUID.randomUUID()).generate(),
                claims(user("flood"), "wallet:balance"));
        for (int i = 1; i <= 3; i++) {
            assertThat(send("GET", "/wallet/v1/balance", forged, null).statusCode()).as("attempt %d", i).isEqualTo(401);
        }
        HttpResponse<String> limited = send("GET", "/wallet/v1/balance", forged, null);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        JsonNode error = error(limited);
        assertThat(error.path("code").asString()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(error.path("request_id").asString()).startsWith("req_");
        assertThat(send("GET", "/wallet/v1/balance", tep(user("ok"), "wallet:balance"), null).statusCode())
                .as("a verified token is not charged to the address").isEqualTo(200);
    }

    @Test
    void aThousandTokensWithRandomKidsCostAtMostOneJwksRefetch() throws Exception {
        assertThat(send("GET", "/wallet/v1/balance", tep(user("kid"), "wallet:balance"), null).statusCode()).isEqualTo(200);
        int before = JWKS_FETCHES.get();
        RSAKey attacker = new RSAKeyGenerator(2048).keyID("attacker").generate();
        HttpClient flooder = HttpClient.newBuilder().localAddress(java.net.InetAddress.getByName("127.0.0.3")).build();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int batch = 0; batch < 20; batch++) {
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> inFlight = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String token = "tep." + signed(new RSAKey.Builder(attacker).keyID(UUID.randomUUID().toString()).build(),
                        claims(user("kid"), "wallet:balance"));
                inFlight.add(flooder.sendAsync(request("GET", "/wallet/v1/balance", token, null),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (var response : inFlight) {
                statuses.add(response.get().statusCode());
            }
        }

        assertThat(statuses).hasSize(1000).allMatch(status -> status == 401 || status == 429);
        assertThat(JWKS_FETCHES.get() - before).as("JWKS fetches caused by 1,000 unknown kids").isLessThanOrEqualTo(1);
    }

    @Test
    void p2pConfirmHasARateRow() throws Exception {
        assertRowRefusesAfter(25, "POST", "/wallet/v1/p2p/p2p_1/confirm", 20);
    }

    @Test
    void mfaVerifyHasARateRow() throws Exception {
        assertRowRefusesAfter(25, "POST", "/api/v1/payments/pay_1/mfa/verify", 20);
    }

    @Test
    void totpEnrolmentHasARateRow() throws Exception {
        assertRowRefusesAfter(5, "POST", "/wallet/v1/mfa/totp", 5);
    }

    @Test
    void giftCreationHasARateRow() throws Exception {
        assertRowRefusesAfter(13, "POST", "/wallet/v1/gift/create", 10);
    }

    @Test
    void theConfirmRowIsChargedThroughTheJsonRpcBridgeToo() throws Exception {
        String token = tep(user("rpc"), "wallet:pay");
        for (int i = 1; i <= 25; i++) {
            assertThat(send("POST", "/wallet/v1/p2p/p2p_1/confirm", token, "{}").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> r = send("POST", "/api/v1/client/bridge", token, JSON.writeValueAsString(Map.of(
                "jsonrpc", "2.0", "id", 1, "method", "tween.wallet.confirmTransfer",
                "params", Map.of("transfer_id", "p2p_1", "auth_proof", Map.of("type", "pin", "pin", "1234")))));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode rpcError = JSON.readTree(r.body()).path("error");
        assertThat(rpcError.path("code").asInt()).isEqualTo(-32000);
        assertThat(rpcError.path("data").path("code").asString()).isEqualTo("RATE_LIMIT_EXCEEDED");
    }

    @Test
    void aJsonRpcCallCutByItsServiceIsThatCallsErrorAndTheBatchKeepsTheOthers() throws Exception {
        String token = tep(user("batch"), "user:read storage:read");
        HttpResponse<String> r = send("POST", "/api/v1/client/bridge", token, JSON.writeValueAsString(List.of(
                Map.of("jsonrpc", "2.0", "id", 1, "method", "tween.auth.getScopes"),
                Map.of("jsonrpc", "2.0", "id", 2, "method", "tween.storage.get", "params", Map.of("key", "cart")))));

        assertThat(r.statusCode()).as("%s", r.body()).isEqualTo(200);
        JsonNode answers = JSON.readTree(r.body());
        assertThat(answers.get(0).path("result").path("scopes").isArray()).isTrue();
        assertThat(answers.get(1).path("error").path("code").asInt()).isEqualTo(-32000);
        assertThat(answers.get(1).path("error").path("data").path("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
    }

    @Test
    void anUpstreamThatRefusesConnectionsIs503WithRetryAfter() throws Exception {
        HttpResponse<String> r = send("POST", "/oauth2/token", null, "{}");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(error(r).path("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
    }

    @Test
    void anUpstreamThatHangsIs504() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/storage/cart", tep(user("hang"), "storage:read"), null);

        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(error(r).path("code").asString()).isEqualTo("GATEWAY_TIMEOUT");
        assertThat(error(r).path("request_id").asString()).startsWith("req_");
    }

    @Test
    void anUpstreamThatDiesMidRequestIs502() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/store/apps", tep(user("cut"), "user:read"), null);

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(error(r).path("code").asString()).isEqualTo("BAD_GATEWAY");
        assertThat(error(r).path("request_id").asString()).startsWith("req_");
    }

    private static void assertRowRefusesAfter(int allowed, String method, String path, int limit) throws Exception {
        String token = tep(user("row"), "wallet:pay");
        for (int i = 1; i <= allowed; i++) {
            assertThat(send(method, path, token, "{}").statusCode()).as("request %d", i).isEqualTo(200);
        }
        HttpResponse<String> refused = send(method, path, token, "{}");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        JsonNode error = error(refused);
        assertThat(error.path("code").asString()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(error.path("limit").asInt()).isEqualTo(limit);
        assertThat(error.path("window").asString()).isEqualTo("1 hour");
    }

    private static String user(String prefix) {
        return "@" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8) + ":tween.test";
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return HTTP.send(request(method, path, token, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + gateway.getEnvironment().getProperty("local.server.port") + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static JsonNode error(HttpResponse<String> response) {
        return JSON.readTree(response.body()).path("error");
    }

    private static JWTClaimsSet claims(String user, String scope) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject(user).audience("ma_shop")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString()).claim("token_type", "tep_access_token")
                .claim("client_id", "ma_shop").claim("azp", "ma_shop").claim("scope", scope)
                .claim("wallet_id", "tw_1").claim("session_id", "ses_" + UUID.randomUUID()).build();
    }

    private static String tep(String user, String scope) throws Exception {
        return "tep." + signed(key, claims(user, scope));
    }

    private static String signed(RSAKey signingKey, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    /** A raw server that hands every accepted connection to {@code handler} on a thread of its own. */
    private static ServerSocket accepting(Consumer<Socket> handler) throws IOException {
        ServerSocket server = new ServerSocket(0);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> handler.accept(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return server;
    }

    private static HttpServer serve(String path, String body, java.util.concurrent.atomic.AtomicInteger hits)
            throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            hits.incrementAndGet();
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
