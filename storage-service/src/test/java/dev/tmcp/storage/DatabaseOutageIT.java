package dev.tmcp.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.tmcp.test.PausableProxy;
import dev.tmcp.test.TestInfrastructure;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18: PostgreSQL becoming unreachable under a running service is an outage, answered 503
 * with {@code Retry-After} in the 12.1 format, never 500. The service talks to the database
 * through a proxy the test closes (no pool, so every request opens its own connection).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.r2dbc.pool.enabled=false", "tmcp.storage.purge-interval=1h", "tmcp.storage.reencrypt-interval=1h",
        "tmcp.tep.issuer=" + DatabaseOutageIT.ISSUER})
class DatabaseOutageIT {

    static final String ISSUER = "https://tmcp.test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final RSAKey KEY = key();
    private static final HttpServer JWKS = jwks();
    private static PausableProxy postgres;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database((name, value) -> registry.add(name,
                name.equals("spring.r2dbc.url") ? () -> throughProxy(value.get().toString()) : value));
        byte[] master = new byte[32];
        java.util.Arrays.fill(master, (byte) 7);
        registry.add("tmcp.storage.master-keys", () -> "v1:" + Base64.getEncoder().encodeToString(master));
        registry.add("tmcp.tep.jwks-uri", () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks");
    }

    @AfterAll
    static void stop() {
        JWKS.stop(0);
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void anUnreachableDatabaseIs503WithRetryAfterAndTheServiceRecovers() throws Exception {
        String tep = tep();
        assertThat(send("PUT", "/api/v1/storage/cart", tep, "{\"value\":\"3 apples\"}").statusCode()).isEqualTo(200);

        postgres.mode(PausableProxy.Mode.REFUSE);
        HttpResponse<String> outage = send("GET", "/api/v1/storage/cart", tep, null);

        assertThat(outage.statusCode()).as("%s", outage.body()).isEqualTo(503);
        assertThat(outage.headers().firstValue("Retry-After")).isPresent();
        assertThat(JsonMapper.builder().build().readTree(outage.body()).path("error").path("code").asString())
                .isEqualTo("SERVICE_UNAVAILABLE");

        postgres.mode(PausableProxy.Mode.OPEN);
        assertThat(send("GET", "/api/v1/storage/cart", tep, null).statusCode()).isEqualTo(200);
    }

    private static synchronized String throughProxy(String url) {
        // r2dbc:postgresql://host:port/name
        URI uri = URI.create(url.substring("r2dbc:".length()));
        if (postgres == null) {
            postgres = new PausableProxy(uri.getHost(), uri.getPort());
        }
        return "r2dbc:postgresql://127.0.0.1:" + postgres.port() + uri.getPath();
    }

    private HttpResponse<String> send(String method, String path, String tep, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + tep)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tep() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
                .subject("@outage_" + UUID.randomUUID().toString().substring(0, 8) + ":tween.test").audience("ma_shop")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("token_type", "tep_access_token").claim("client_id", "ma_shop").claim("azp", "ma_shop")
                .claim("scope", "storage:read storage:write").claim("session_id", "ses_" + UUID.randomUUID()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(KEY));
        return "tep." + jwt.serialize();
    }

    private static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).keyID("k1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
