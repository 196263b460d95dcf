package dev.tmcp.appstore.capability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tmcp.appstore.TestDevelopers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Capabilities (spec 10.5) against stubs of wallet-adapter and storage-service: the user's own
 * limit and quota, read with the user's token; scopes the token lacks (10.5.4); a service that
 * refuses or fails; a service this deployment does not run (no messaging URL here).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.outbox.relay.enabled=false", "spring.kafka.listener.auto-startup=false",
        "tmcp.tep.issuer=https://issuer.test", "tmcp.appstore.capabilities.messaging-url="})
class CapabilitiesIT {

    static final Map<String, String[]> ANSWERS = new ConcurrentHashMap<>();
    static final Map<String, String> SEEN_AUTHORIZATION = new ConcurrentHashMap<>();
    static final HttpServer SERVICES = services();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestDevelopers.infrastructure(registry, 'C');
        String url = "http://127.0.0.1:" + SERVICES.getAddress().getPort();
        registry.add("tmcp.appstore.capabilities.wallet-url", () -> url);
        registry.add("tmcp.appstore.capabilities.storage-url", () -> url);
    }

    @AfterAll
    static void stop() {
        SERVICES.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void paymentsNameTheUsersOwnLimitAndStorageTheUsersQuota() {
        answer("/wallet/v1/verification", "200", "{\"level\":1,\"limits\":{\"daily_limit\":500.00,\"transaction_limit\":100.00,"
                + "\"monthly_limit\":5000.00,\"currency\":\"USD\"},\"features\":{\"p2p_send\":true,\"p2p_receive\":true,\"miniapp_payments\":true}}");
        answer("/api/v1/storage-usage", "200", "{\"used_bytes\":2048,\"quota_bytes\":10485760,\"used_keys\":2,\"quota_keys\":1000}");
        String tep = TestDevelopers.tep("@cap_alice:test", "ma_cap", "wallet:balance wallet:pay storage:read");

        JsonNode body = capabilities(tep, "?platform=web&client_version=2.1.0");

        JsonNode payment = body.path("capabilities").path("payment");
        assertThat(payment.path("available").asBoolean()).isTrue();
        assertThat(payment.path("max_amount").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(payment.path("currency").asString()).isEqualTo("USD");
        assertThat(body.path("capabilities").path("storage").path("quota_bytes").asLong()).isEqualTo(10_485_760);
        assertThat(body.path("features").path("p2p_transfers").asBoolean()).isTrue();
        assertThat(body.path("platform").path("platform").asString()).isEqualTo("web");
        assertThat(SEEN_AUTHORIZATION.get("/wallet/v1/verification")).isEqualTo(tep);
    }

    @Test
    void aTokenWithoutTheScopeIsToldWhichScopeItLacks() {
        JsonNode body = capabilities(TestDevelopers.tep("@cap_bob:test", "ma_cap", "user:read"), "");

        JsonNode payment = body.path("capabilities").path("payment");
        assertThat(payment.path("available").asBoolean()).isFalse();
        assertThat(payment.path("reason").asString()).isEqualTo("scope_missing");
        assertThat(payment.path("required_scope").asString()).isEqualTo("wallet:pay");
        assertThat(body.path("capabilities").path("storage").path("reason").asString()).isEqualTo("scope_missing");
        assertThat(body.path("features").path("group_gifts").asBoolean()).isFalse();
    }

    @Test
    void aServiceThisDeploymentDoesNotRunIsNotOffered() {
        JsonNode messaging = capabilities(TestDevelopers.tep("@cap_carol:test", "ma_cap", "messaging:send"), "")
                .path("capabilities").path("messaging");

        assertThat(messaging.path("available").asBoolean()).isFalse();
        assertThat(messaging.path("reason").asString()).isEqualTo("not_offered");
    }

    @Test
    void aWalletThatRefusesOrFailsMakesPaymentsUnavailableWithItsReason() {
        String tep = TestDevelopers.tep("@cap_dave:test", "ma_cap", "wallet:balance wallet:pay");
        answer("/wallet/v1/verification", "404", "{\"error\":{\"code\":\"WALLET_NOT_FOUND\",\"message\":\"No wallet\"}}");
        assertThat(capabilities(tep, "").path("capabilities").path("payment").path("reason").asString())
                .isEqualTo("wallet_not_found");

        answer("/wallet/v1/verification", "500", "{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"boom\"}}");
        JsonNode failed = capabilities(tep, "");
        assertThat(failed.path("capabilities").path("payment").path("reason").asString()).isEqualTo("service_unavailable");
        assertThat(failed.path("features").path("miniapp_payments").asBoolean()).isFalse();
    }

    @Test
    void devicesAreDescribedOnlyForAKnownPlatform() {
        String tep = TestDevelopers.tep("@cap_erin:test", "ma_cap", "user:read");
        assertThat(capabilities(tep, "").path("capabilities").path("camera").path("reason").asString()).isEqualTo("platform");
        assertThat(capabilities(tep, "?platform=ios").path("capabilities").path("biometric").path("types")
                .valueStream().map(JsonNode::asString).toList()).contains("face", "pin");
        client().get().uri("/api/v1/capabilities?platform=symbian").header("Authorization", tep).exchange()
                .expectStatus().isBadRequest();
        client().get().uri("/api/v1/capabilities").exchange().expectStatus().isUnauthorized();
    }

    private JsonNode capabilities(String tep, String query) {
        return client().get().uri("/api/v1/capabilities" + query).header("Authorization", tep).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static void answer(String path, String status, String body) {
        ANSWERS.put(path, new String[] {status, body});
    }

    private static HttpServer services() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (authorization != null) {
                    SEEN_AUTHORIZATION.put(path, authorization);
                }
                String[] answer = ANSWERS.getOrDefault(path, new String[] {"404", "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"x\"}}"});
                byte[] bytes = answer[1].getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(Integer.parseInt(answer[0]), bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private WebTestClient client() {
        return TestDevelopers.client(port);
    }
}
