package dev.tmcp.appstore.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.appstore.TestDevelopers;
import dev.tmcp.core.crypto.Digests;
import dev.tmcp.core.id.Ids;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A developer manages their organization's apps (decision 0050) on real PostgreSQL: list and read,
 * update within the rules, delete only what was never approved, and new client secrets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.outbox.relay.enabled=false", "spring.kafka.listener.auto-startup=false",
        "tmcp.tep.issuer=https://issuer.test", "tmcp.platform.client-id=console_myapps_it",
        "tmcp.platform.client-secret=console-myapps-it-secret-0123456789"})
class MyAppsIT {

    static final String PLATFORM = "Basic " + Base64.getEncoder().encodeToString(
            "console_myapps_it:console-myapps-it-secret-0123456789".getBytes(StandardCharsets.UTF_8));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestDevelopers.infrastructure(registry, 'M');
    }

    @LocalServerPort
    int port;
    @Autowired
    DatabaseClient db;

    @Test
    void aDeveloperListsTheirOrganizationsAppsAndNotOthers() {
        String org = org();
        String dev = TestDevelopers.admin("@dev_list:test", org);
        String mine = register(dev, "public");
        String theirs = register(TestDevelopers.admin("@dev_other:test", org()), "public");

        JsonNode apps = call("GET", "/mini-apps/v1", dev, null, 200).path("apps");

        assertThat(apps.findValuesAsString("miniapp_id")).contains(mine).doesNotContain(theirs);
        assertThat(apps.get(0).path("org_id").asString()).isEqualTo(org);
    }

    @Test
    void aDeveloperReadsTheirApp() {
        String dev = TestDevelopers.admin("@dev_read:test", org());
        String app = register(dev, "hybrid");

        JsonNode detail = call("GET", "/mini-apps/v1/" + app, dev, null, 200);

        assertThat(detail.path("status").asString()).isEqualTo("pending_review");
        assertThat(detail.path("backend_client_id").asString()).isEqualTo(app + "_backend");
        assertThat(detail.path("scopes").valueStream().map(JsonNode::asString).toList()).contains("user:read");
        assertThat(detail.has("client_secret_hash")).isFalse();
    }

    @Test
    void descriptiveFieldsChangeAnyTimeButTheEntryUrlOnlyBeforeApproval() {
        String dev = TestDevelopers.admin("@dev_update:test", org());
        String app = register(dev, "public");
        call("PATCH", "/mini-apps/v1/" + app, dev, Map.of("entry_url", "https://shop2.example.com"), 200);
        approve(app);

        JsonNode renamed = call("PATCH", "/mini-apps/v1/" + app, dev, Map.of("name", "Renamed Shop",
                "branding", Map.of("primary_color", "#112233")), 200);
        assertThat(renamed.path("name").asString()).isEqualTo("Renamed Shop");
        assertThat(renamed.path("entry_url").asString()).isEqualTo("https://shop2.example.com");
        assertThat(renamed.path("branding").path("primary_color").asString()).isEqualTo("#112233");
        call("PATCH", "/mini-apps/v1/" + app, dev, Map.of("redirect_uris", List.of("https://evil.example/cb")), 409);
    }

    @Test
    void badUpdatesAreA400() {
        String dev = TestDevelopers.admin("@dev_bad:test", org());
        String app = register(dev, "public");

        call("PATCH", "/mini-apps/v1/" + app, dev, Map.of("branding", Map.of("primary_color", "red")), 400);
        call("PATCH", "/mini-apps/v1/" + app, dev, Map.of("short_name", "x".repeat(61)), 400);
        call("PATCH", "/mini-apps/v1/" + app, dev, Map.of("entry_url", "http://shop.example.com"), 400);
        call("PATCH", "/mini-apps/v1/" + app, dev, Map.of("name", " "), 400);
    }

    @Test
    void aRegistrationWithFieldsLongerThanTheirColumnsIsA400NotA500() {
        String dev = TestDevelopers.admin("@dev_long:test", org());
        Map<String, Object> request = Map.of("name", "Long Shop", "short_name", "s".repeat(61), "category", "shopping",
                "technical", Map.of("entry_url", "https://shop.example.com", "redirect_uris", List.of("https://shop.example.com/cb"),
                        "scopes_requested", List.of("user:read"), "client_type", "public"));

        call("POST", "/mini-apps/v1/register", dev, request, 400);
        call("POST", "/mini-apps/v1/register", dev, Map.of("name", "Long Shop", "category", "c".repeat(61),
                "technical", request.get("technical")), 400);
    }

    @Test
    void anAppThatWasNeverApprovedIsDeletedAndAnApprovedOneIsNot() {
        String dev = TestDevelopers.admin("@dev_delete:test", org());
        String draft = register(dev, "public");
        String live = register(dev, "public");
        approve(live);

        client().delete().uri("/mini-apps/v1/" + draft).header("Authorization", dev).exchange().expectStatus().isNoContent();
        call("GET", "/mini-apps/v1/" + draft, dev, null, 404);
        client().delete().uri("/mini-apps/v1/" + live).header("Authorization", dev).exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void aNewClientSecretReplacesTheOldOneAtOnce() {
        String dev = TestDevelopers.admin("@dev_secret:test", org());
        String app = register(dev, "hybrid");

        JsonNode rotated = call("POST", "/mini-apps/v1/" + app + "/secret", dev, null, 200);

        assertThat(rotated.path("client_id").asString()).isEqualTo(app + "_backend");
        String stored = db.sql("select backend_secret_hash from mini_app where client_id = :id").bind("id", app)
                .map((r, m) -> r.get("backend_secret_hash", String.class)).one().block();
        assertThat(stored).isEqualTo(Digests.sha256Hex(rotated.path("client_secret").asString()));
        call("POST", "/mini-apps/v1/" + register(dev, "public") + "/secret", dev, null, 400);
    }

    @Test
    void aViewerReadsButDoesNotChangeAndAStrangerSeesNothing() {
        String org = org();
        String app = register(TestDevelopers.admin("@dev_owner:test", org), "confidential");
        String viewer = TestDevelopers.developerToken("@viewer_myapps:test",
                List.of(Map.of("org_id", org, "name", org, "role", "viewer")), List.of("miniapp:read"), Ids.next("dses_"));

        call("GET", "/mini-apps/v1/" + app, viewer, null, 200);
        call("POST", "/mini-apps/v1/" + app + "/secret", viewer, null, 403);
        call("PATCH", "/mini-apps/v1/" + app, viewer, Map.of("name", "Mine now"), 403);
        call("GET", "/mini-apps/v1/" + app, TestDevelopers.admin("@stranger_myapps:test", org()), null, 404);
    }

    private String register(String token, String type) {
        Map<String, Object> technical = "confidential".equals(type)
                ? Map.of("entry_url", "https://shop.example.com", "webhook_url", "https://api.example.com/hook",
                        "scopes_requested", List.of("user:read"), "client_type", type)
                : Map.of("entry_url", "https://shop.example.com", "redirect_uris", List.of("https://shop.example.com/cb"),
                        "webhook_url", "https://api.example.com/hook", "scopes_requested", List.of("user:read"), "client_type", type);
        return call("POST", "/mini-apps/v1/register", token, Map.of("name", "My Shop", "category", "shopping",
                "technical", technical), 201).path("miniapp_id").asString();
    }

    private void approve(String app) {
        call("POST", "/admin/mini-apps/" + app + "/approve", PLATFORM, null, 200);
    }

    private JsonNode call(String method, String path, String authorization, Object body, int status) {
        var spec = client().method(org.springframework.http.HttpMethod.valueOf(method)).uri(path).header("Authorization", authorization);
        var exchange = body == null ? spec.exchange() : spec.bodyValue(body).exchange();
        return exchange.expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static String org() {
        return "org_" + Ids.next("").substring(14).toLowerCase();
    }

    private WebTestClient client() {
        return TestDevelopers.client(port);
    }
}
