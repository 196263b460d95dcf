package dev.tmcp.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.PausableProxy;
import dev.tmcp.test.TestInfrastructure;
import dev.tmcp.test.TestTeps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
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
        "tmcp.tep.issuer=" + TestTeps.ISSUER})
class DatabaseOutageIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final TestTeps TEPS = new TestTeps();
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
        registry.add("tmcp.tep.jwks-uri", TEPS::jwksUri);
    }

    @AfterAll
    static void stop() {
        TEPS.close();
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

    private static String tep() {
        return TEPS.tep("@outage_" + UUID.randomUUID().toString().substring(0, 8) + ":tween.test", "ma_shop",
                "storage:read storage:write");
    }
}
