package dev.tmcp.appstore.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.appstore.TestDevelopers;
import dev.tmcp.core.id.Ids;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * The review lifecycle (spec 9.2, 9.3.4) on real PostgreSQL: the platform's decisions, the
 * developer's submissions, withdrawals and appeals, refusals from the wrong status or the wrong
 * caller, the history, and the Keycloak client's event only on approval.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.outbox.relay.enabled=false", "spring.kafka.listener.auto-startup=false",
        "tmcp.tep.issuer=https://issuer.test", "tmcp.platform.client-id=console_review_it",
        "tmcp.platform.client-secret=console-review-it-secret-0123456789"})
class ReviewIT {

    static final String PLATFORM = "Basic " + Base64.getEncoder().encodeToString(
            "console_review_it:console-review-it-secret-0123456789".getBytes(StandardCharsets.UTF_8));
    static final String ORG = "org_" + Ids.next("").substring(0, 8);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestDevelopers.infrastructure(registry, 'D');
    }

    @LocalServerPort
    int port;
    @Autowired
    DatabaseClient db;

    @Test
    void aRejectedAppIsAppealedAndThenApprovedWithItsEventWrittenOnlyThen() throws Exception {
        String dev = developer();
        String app = register(dev);

        JsonNode rejected = admin("reject", app, Map.of("reasons", List.of("CSP header missing on the entry URL")), 200);
        assertThat(rejected.path("status").asString()).isEqualTo("rejected");
        assertThat(events(app)).isZero();

        JsonNode appeal = post("/mini-apps/v1/" + app + "/appeal", dev, Map.of("reason", "CSP added",
                "changes_made", List.of("Content-Security-Policy with nonces"),
                "evidence", List.of("https://example.com/csp-report.pdf")), 201);
        assertThat(appeal.path("appeal_id").asString()).startsWith("appeal_");
        assertThat(appeal.path("status").asString()).isEqualTo("under_review");
        assertThat(appeal.path("estimated_resolution").asString()).isNotBlank();

        assertThat(admin("approve", app, null, 200).path("status").asString()).isEqualTo("active");
        assertThat(events(app)).isEqualTo(1);

        JsonNode history = get("/mini-apps/v1/" + app + "/review", dev);
        assertThat(history.path("status").asString()).isEqualTo("active");
        assertThat(history.path("history").findValuesAsString("action")).containsExactly("reject", "appeal", "approve");
        assertThat(history.path("history").get(0).path("reasons").get(0).asString()).isEqualTo("CSP header missing on the entry URL");
    }

    @Test
    void thePlatformsDecisionsAreQueuedForTheAppsBackendAndASuspensionForAuthService() throws Exception {
        String dev = developer();
        String app = register(dev);
        post("/mini-apps/v1/" + app + "/withdraw", dev, null, 200);
        post("/mini-apps/v1/" + app + "/submit", dev, null, 200);

        admin("approve", app, null, 200);
        admin("suspend", app, Map.of("reasons", List.of("Fraud reports")), 200);

        List<String> webhooks = db.sql("select event_type from webhook_delivery where miniapp_id = :id order by created_at")
                .bind("id", app).map((r, m) -> r.get("event_type", String.class)).all().collectList().block();
        assertThat(webhooks).containsExactly("app.approved", "app.suspended");
        String body = db.sql("select body from webhook_delivery where miniapp_id = :id and event_type = 'app.suspended'")
                .bind("id", app).map((r, m) -> r.get("body", String.class)).one().block();
        assertThat(body).contains("\"reasons\":[\"Fraud reports\"]", "\"previous_status\":\"active\"");
        assertThat(db.sql("select count(*) as n from outbox_event where event_key = :id and payload like '%miniapp.suspended%'")
                .bind("id", app).map((r, m) -> r.get("n", Long.class)).one().block()).isEqualTo(1);
    }

    @Test
    void anActiveAppIsSuspendedWithAReasonAndReinstated() throws Exception {
        String app = register(developer());
        admin("approve", app, null, 200);

        admin("suspend", app, Map.of("reasons", List.of()), 400);
        assertThat(admin("suspend", app, Map.of("reasons", List.of("Fraud reports")), 200).path("status").asString())
                .isEqualTo("suspended");
        assertThat(admin("reinstate", app, null, 200).path("status").asString()).isEqualTo("active");
    }

    @Test
    void aDeveloperWithdrawsASubmissionAndSubmitsItAgain() throws Exception {
        String dev = developer();
        String app = register(dev);

        assertThat(post("/mini-apps/v1/" + app + "/withdraw", dev, null, 200).path("status").asString()).isEqualTo("draft");
        admin("approve", app, null, 409);
        assertThat(post("/mini-apps/v1/" + app + "/submit", dev, null, 200).path("status").asString())
                .isEqualTo("pending_review");
        assertThat(admin("review", app, null, 200).path("status").asString()).isEqualTo("under_review");
    }

    @Test
    void decisionsFromTheWrongStatusAreConflicts() throws Exception {
        String dev = developer();
        String app = register(dev);

        admin("reinstate", app, null, 409);
        admin("suspend", app, Map.of("reasons", List.of("x")), 409);
        post("/mini-apps/v1/" + app + "/appeal", dev, Map.of("reason", "please"), 409);
        post("/mini-apps/v1/" + app + "/submit", dev, null, 409);
    }

    @Test
    void twoApprovalsAtOnceApproveOnce() throws Exception {
        String app = register(developer());

        var first = CompletableFuture.supplyAsync(() -> status("/admin/mini-apps/" + app + "/approve"));
        var second = CompletableFuture.supplyAsync(() -> status("/admin/mini-apps/" + app + "/approve"));

        assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(200, 409);
        assertThat(events(app)).isEqualTo(1);
    }

    @Test
    void developersCannotDecideAndStrangersSeeNothing() throws Exception {
        String dev = developer();
        String app = register(dev);
        String stranger = TestDevelopers.admin("@stranger:test", "org_stranger_review");

        client().post().uri("/admin/mini-apps/" + app + "/approve").header("Authorization", dev).exchange()
                .expectStatus().isForbidden();
        client().post().uri("/mini-apps/v1/" + app + "/withdraw").header("Authorization", stranger).exchange()
                .expectStatus().isNotFound();
        client().get().uri("/mini-apps/v1/" + app + "/review").header("Authorization", stranger).exchange()
                .expectStatus().isNotFound();
        String viewer = TestDevelopers.developerToken("@viewer:test", List.of(Map.of("org_id", ORG, "name", ORG, "role", "viewer")),
                List.of("miniapp:read"), Ids.next("dses_"));
        client().post().uri("/mini-apps/v1/" + app + "/withdraw").header("Authorization", viewer).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void anAppealNeedsAReasonAndHttpsEvidence() throws Exception {
        String dev = developer();
        String app = register(dev);
        admin("reject", app, Map.of("reasons", List.of("no privacy policy")), 200);

        post("/mini-apps/v1/" + app + "/appeal", dev, Map.of("changes_made", List.of("x")), 400);
        post("/mini-apps/v1/" + app + "/appeal", dev, Map.of("reason", "fixed", "evidence", List.of("http://x/y")), 400);
        post("/mini-apps/v1/" + app + "/appeal", dev, Map.of("reason", "x".repeat(2001)), 400);
    }

    private String developer() throws Exception {
        return TestDevelopers.admin("@dev" + Ids.next("").substring(0, 6) + ":test", ORG);
    }

    private String register(String token) {
        Map<String, Object> request = Map.of("name", "Review Shop", "short_name", "Shop", "category", "shopping",
                "developer", Map.of("company_name", "Example Corp", "email", "dev@example.com"),
                "technical", Map.of("entry_url", "https://shop.example.com", "redirect_uris", List.of("https://shop.example.com/cb"),
                        "webhook_url", "https://api.example.com/hook", "scopes_requested", List.of("user:read", "wallet:pay"),
                        "client_type", "hybrid"));
        return client().post().uri("/mini-apps/v1/register").header("Authorization", token).bodyValue(request).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .path("miniapp_id").asString();
    }

    private JsonNode admin(String action, String app, Object body, int status) {
        return post("/admin/mini-apps/" + app + "/" + action, PLATFORM, body, status);
    }

    private JsonNode post(String path, String authorization, Object body, int status) {
        var spec = client().post().uri(path).header("Authorization", authorization);
        var exchange = body == null ? spec.exchange() : spec.bodyValue(body).exchange();
        return exchange.expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode get(String path, String authorization) {
        return client().get().uri(path).header("Authorization", authorization).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private int status(String path) {
        return client().post().uri(path).header("Authorization", PLATFORM).exchange().returnResult(String.class)
                .getStatus().value();
    }

    private long events(String app) {
        return db.sql("select count(*) as n from outbox_event where event_key = :id and payload like '%miniapp.registered%'")
                .bind("id", app).map((r, m) -> r.get("n", Long.class)).one().block();
    }

    private WebTestClient client() {
        return TestDevelopers.client(port);
    }
}
