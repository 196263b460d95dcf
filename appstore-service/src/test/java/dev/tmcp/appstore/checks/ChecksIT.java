package dev.tmcp.appstore.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tmcp.appstore.TestDevelopers;
import dev.tmcp.core.id.Ids;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The automated checks of spec 9.3.1 (decision 0050) on registrations, with the entry URL served on
 * loopback (the local profile's address rule): a clean app passes; a missing CSP, an http URL, an
 * unjustified consent scope or a credential in the registration each fail their check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.outbox.relay.enabled=false", "spring.kafka.listener.auto-startup=false",
        "tmcp.tep.issuer=https://issuer.test", "tmcp.appstore.webhooks.allow-private-addresses=true"})
class ChecksIT {

    static final String ORG = "org_" + Ids.next("").substring(14).toLowerCase();
    static final HttpServer SITE = site();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestDevelopers.infrastructure(registry, 'H');
    }

    @AfterAll
    static void stop() {
        SITE.stop(0);
    }

    @LocalServerPort
    int port;

    private final String developer = TestDevelopers.admin("@dev_checks:test", ORG);

    @Test
    void aCleanRegistrationPassesEveryCheckItCanRun() {
        String app = register(site("/strict"), "Orders ahead and pays for them from the user's wallet", "Good coffee");

        JsonNode report = run(app);

        assertThat(report.path("status").asString()).isEqualTo("automated_review_complete");
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(report.path("checks").path("csp_valid").asBoolean()).isTrue();
        assertThat(report.path("checks").path("https_only").asBoolean()).isTrue();
        assertThat(report.path("warnings").findValuesAsString("type")).containsOnly("LOCAL_HTTP_URL");
    }

    @Test
    void anEntryUrlWithoutAPolicyFailsTheCspCheck() {
        JsonNode report = run(register(site("/open"), "Orders ahead and pays for them from the user's wallet", "Coffee"));

        assertThat(report.path("checks").path("csp_valid").asBoolean()).isFalse();
        assertThat(report.path("warnings").findValuesAsString("type")).contains("CSP_MISSING");
    }

    @Test
    void aConsentScopeWithoutAReasonFailsTheScopesCheck() {
        JsonNode report = run(register(site("/strict"), null, "Coffee"));

        assertThat(report.path("checks").path("scopes_justified").asBoolean()).isFalse();
        assertThat(report.path("warnings").findValuesAsString("field")).contains("wallet:pay");
    }

    @Test
    void aCredentialInTheRegistrationFailsTheCredentialsCheck() {
        JsonNode report = run(register(site("/strict"), "Orders ahead and pays for them from the user's wallet",
                "Backend key AKIAIOSFODNN7EXAMPLE"));

        assertThat(report.path("checks").path("no_credentials").asBoolean()).isFalse();
        assertThat(report.path("passed").asBoolean()).isFalse();
    }

    @Test
    void anUnreachableEntryUrlLeavesTheCspCheckToTheReviewer() {
        JsonNode report = run(register("http://127.0.0.1:9/nothing", "Orders ahead and pays for them from the user's wallet",
                "Coffee"));

        assertThat(report.path("checks").has("csp_valid")).as("not run").isFalse();
        assertThat(report.path("warnings").findValuesAsString("type")).contains("ENTRY_URL_UNREACHABLE");
    }

    @Test
    void theLatestReportIsKept() {
        String app = register(site("/strict"), "Orders ahead and pays for them from the user's wallet", "Coffee");
        String id = run(app).path("check_id").asString();

        JsonNode latest = client().get().uri("/mini-apps/v1/" + app + "/checks").header("Authorization", developer).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(latest.path("check_id").asString()).isEqualTo(id);
    }

    private JsonNode run(String app) {
        return client().post().uri("/mini-apps/v1/" + app + "/checks").header("Authorization", developer).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private String register(String entryUrl, String whyPay, String description) {
        Map<String, Object> technical = new java.util.HashMap<>(Map.of("entry_url", entryUrl,
                "redirect_uris", List.of("https://shop.example.com/cb"), "scopes_requested", List.of("wallet:pay", "storage:read"),
                "client_type", "public"));
        if (whyPay != null) {
            technical.put("scope_justifications", Map.of("wallet:pay", whyPay));
        }
        return client().post().uri("/mini-apps/v1/register").header("Authorization", developer)
                .bodyValue(Map.of("name", "Checked Shop", "description", description, "technical", technical))
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .path("miniapp_id").asString();
    }

    private static String site(String path) {
        return "http://127.0.0.1:" + SITE.getAddress().getPort() + path;
    }

    private static HttpServer site() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/strict", exchange -> {
                exchange.getResponseHeaders().set("Content-Security-Policy",
                        "default-src 'self'; script-src 'self'; frame-ancestors https://host.example");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.createContext("/open", exchange -> {
                exchange.sendResponseHeaders(200, -1);
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
