package dev.tmcp.appstore.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.appstore.TestDevelopers;
import dev.tmcp.core.id.Ids;
import dev.tmcp.web.tep.SessionRevocations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Registration (spec 9.1.1) on real PostgreSQL and Redis: the three response shapes, secrets never
 * stored in clear, the registry lookup auth-service relies on (including {@code ma_x_backend}),
 * viewers refused, {@code official} only with the platform credentials, platform approval. The
 * developer tokens are signed by a test key published on a local JWKS endpoint, verified by the
 * production TepVerifier.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.outbox.relay.enabled=false", "spring.kafka.listener.auto-startup=false",
        "tmcp.tep.issuer=https://issuer.test", "tmcp.platform.client-id=console_it",
        "tmcp.platform.client-secret=console-it-secret-0123456789"})
class RegistrationIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PLATFORM = "Basic " + Base64.getEncoder().encodeToString(
            "console_it:console-it-secret-0123456789".getBytes(StandardCharsets.UTF_8));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestDevelopers.infrastructure(registry, 'B');
    }

    @LocalServerPort
    int port;
    @Autowired
    DatabaseClient db;
    @Autowired
    SessionRevocations revocations;
    @Autowired
    SecretBox box;

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    static String developerToken(String developer, List<Map<String, Object>> orgs, List<String> permissions, String session)
            throws Exception {
        return TestDevelopers.developerToken(developer, orgs, permissions, session);
    }

    static String admin() throws Exception {
        return developerToken("@dev:test", List.of(Map.of("org_id", "org_a", "name", "A", "role", "admin")),
                List.of("miniapp:register", "miniapp:manage", "webhook:configure"), Ids.next("dses_"));
    }

    static Map<String, Object> request(String type) {
        return Map.of("name", "Shopping Assistant", "short_name", "ShopAssist", "category", "shopping",
                "developer", Map.of("company_name", "Example Corp", "email", "dev@example.com"),
                "technical", Map.of("entry_url", "https://miniapp.example.com",
                        "redirect_uris", List.of("https://miniapp.example.com/oauth/callback"),
                        "webhook_url", "https://api.example.com/webhooks/tween",
                        "scopes_requested", List.of("user:read", "wallet:pay", "storage:read"), "client_type", type),
                "branding", Map.of("icon_url", "https://cdn.example.com/icon.png", "primary_color", "#FF6B00"));
    }

    JsonNode register(String authorization, Object body, int status) {
        byte[] answer = client().post().uri("/mini-apps/v1/register").header("Authorization", authorization)
                .bodyValue(body).exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
        return JSON.readTree(answer);
    }

    Map<String, Object> row(String id) {
        return db.sql("select * from mini_app where client_id = :id").bind("id", id).fetch().one().block();
    }

    @Test
    void publicConfidentialAndHybridHaveTheResponsesOfTheSpec() throws Exception {
        JsonNode pub = register(admin(), request("public"), 201);
        assertThat(fields(pub)).containsExactly("miniapp_id", "status", "credentials", "created_at");
        assertThat(pub.path("status").asString()).isEqualTo("pending_review");
        assertThat(fields(pub.path("credentials"))).containsExactly("client_id", "webhook_secret");
        String publicId = pub.path("miniapp_id").asString();
        assertThat(pub.path("credentials").path("client_id").asString()).isEqualTo(publicId).startsWith("ma_");

        JsonNode conf = register(admin(), request("confidential"), 201);
        assertThat(fields(conf.path("credentials"))).containsExactly("client_id", "client_secret", "webhook_secret");
        String secret = conf.path("credentials").path("client_secret").asString();
        assertThat(Base64.getUrlDecoder().decode(secret.substring("secret_".length()))).hasSize(32);

        Map<String, Object> hybridRequest = new java.util.HashMap<>(request("public"));
        hybridRequest.put("client_type", "hybrid");
        @SuppressWarnings("unchecked")
        Map<String, Object> technical = new java.util.HashMap<>((Map<String, Object>) hybridRequest.get("technical"));
        technical.remove("client_type");
        hybridRequest.put("technical", technical);
        JsonNode hybrid = register(admin(), hybridRequest, 201);
        JsonNode credentials = hybrid.path("credentials");
        assertThat(fields(credentials)).containsExactly("public_client", "confidential_client", "webhook_secret");
        String hybridId = hybrid.path("miniapp_id").asString();
        assertThat(credentials.path("public_client").path("client_id").asString()).isEqualTo(hybridId);
        assertThat(credentials.path("confidential_client").path("client_id").asString()).isEqualTo(hybridId + "_backend");
        assertThat(fields(credentials.path("confidential_client"))).containsExactly("client_id", "client_secret", "description");
        String backendSecret = credentials.path("confidential_client").path("client_secret").asString();
        String webhookSecret = credentials.path("webhook_secret").asString();
        assertThat(webhookSecret).startsWith("whsec_");

        // Stored: digests and a ciphertext, never a secret in clear.
        Map<String, Object> confRow = row(conf.path("miniapp_id").asString());
        assertThat(confRow.get("client_secret_hash")).isEqualTo(Digests.sha256Hex(secret));
        Map<String, Object> hybridRow = row(hybridId);
        assertThat(hybridRow.get("backend_secret_hash")).isEqualTo(Digests.sha256Hex(backendSecret));
        assertThat(hybridRow.get("webhook_secret_hash")).isEqualTo(Digests.sha256Hex(webhookSecret));
        assertThat(box.open((String) hybridRow.get("webhook_secret_enc"), hybridId)).isEqualTo(webhookSecret);
        String everything = "" + db.sql("select string_agg(t::text, '|') as all_rows from mini_app t").fetch().one().block()
                .get("all_rows") + db.sql("select coalesce(string_agg(payload, '|'), '') as p from outbox_event")
                .fetch().one().block().get("p");
        assertThat(everything).doesNotContain(secret, backendSecret, webhookSecret);
        assertThat(hybridRow.get("owner_org_id")).isEqualTo("org_a");
        assertThat(hybridRow.get("classification")).isEqualTo("community");

        // No Keycloak client before approval: auth-service creates it from miniapp.registered.
        assertThat(db.sql("select count(*) as n from outbox_event where event_key = :id").bind("id", hybridId)
                .map((r, m) -> r.get("n", Long.class)).one().block()).isZero();

        // The registry answer auth-service's ClientAuthentication relies on, also by backend id.
        byte[] internal = client().get().uri("/internal/v1/miniapps/{id}", hybridId + "_backend")
                .header("Authorization", serviceToken()).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        JsonNode app = JSON.readTree(internal);
        assertThat(app.path("client_id").asString()).isEqualTo(hybridId);
        assertThat(app.path("backend_client_id").asString()).isEqualTo(hybridId + "_backend");
        assertThat(app.path("backend_secret_hash").asString()).isEqualTo(Digests.sha256Hex(backendSecret));
        assertThat(app.path("status").asString()).isEqualTo("pending_review");
        assertThat(app.path("scopes").findValuesAsString("scope")).containsExactly("storage:read", "user:read", "wallet:pay");

        // Platform approval makes it usable; approving twice is a conflict; developers cannot approve.
        client().post().uri("/admin/mini-apps/{id}/approve", hybridId).header("Authorization", admin())
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.error").isEqualTo("forbidden_platform_endpoint");
        client().post().uri("/admin/mini-apps/{id}/approve", hybridId).header("Authorization", PLATFORM)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("active");
        client().post().uri("/admin/mini-apps/{id}/approve", hybridId).header("Authorization", PLATFORM)
                .exchange().expectStatus().isEqualTo(409);
        assertThat(row(hybridId).get("status")).isEqualTo("active");

        // Approval writes the event auth-service turns into Keycloak clients, in the same transaction.
        String event = db.sql("select payload from outbox_event where event_key = :id").bind("id", hybridId)
                .map((r, m) -> r.get("payload", String.class)).one().block();
        assertThat(JSON.readTree(event).path("data").path("backend_client_id").asString()).isEqualTo(hybridId + "_backend");
        assertThat(JSON.readTree(event).path("data").path("scopes").toString()).contains("wallet:pay");
    }

    @Test
    void viewersAndPlainDevelopersAreRefusedWhatTheirRoleLacks() throws Exception {
        String viewer = developerToken("@viewer:test", List.of(Map.of("org_id", "org_v", "name", "V", "role", "viewer")),
                List.of("miniapp:read"), Ids.next("dses_"));
        assertThat(register(viewer, request("public"), 403).path("error").asString()).isEqualTo("insufficient_permissions");
        // Permission from another organization does not count for one where the developer is a viewer.
        String mixed = developerToken("@mixed:test", List.of(Map.of("org_id", "org_own", "name", "Own", "role", "admin"),
                Map.of("org_id", "org_v", "name", "V", "role", "viewer")), List.of("miniapp:register", "miniapp:read"),
                Ids.next("dses_"));
        Map<String, Object> forViewerOrg = new java.util.HashMap<>(request("public"));
        forViewerOrg.put("org_id", "org_v");
        assertThat(register(mixed, forViewerOrg, 403).path("error").asString()).isEqualTo("insufficient_permissions");

        Map<String, Object> official = new java.util.HashMap<>(request("public"));
        official.put("classification", "official");
        assertThat(register(admin(), official, 403).path("error").asString()).isEqualTo("insufficient_permissions");
        JsonNode byPlatform = register(PLATFORM, official, 201);
        assertThat(row(byPlatform.path("miniapp_id").asString()).get("classification")).isEqualTo("official");

        Map<String, Object> privileged = new java.util.HashMap<>(request("public"));
        privileged.put("technical", Map.of("entry_url", "https://x.example", "redirect_uris", List.of("https://x.example/cb"),
                "scopes_requested", List.of("wallet:admin")));
        assertThat(register(admin(), privileged, 400).path("error").path("code").asString()).isEqualTo("INVALID_SCOPE");

        // A TEP is not a developer token; a revoked developer session is refused.
        assertThat(register("Bearer tep.whatever", request("public"), 403).path("error").asString())
                .isEqualTo("forbidden_platform_endpoint");
        String session = Ids.next("dses_");
        String removed = developerToken("@removed:test", List.of(Map.of("org_id", "org_r", "name", "R", "role", "admin")),
                List.of("miniapp:register"), session);
        revocations.revoke(List.of(session), Duration.ofMinutes(5)).block();
        assertThat(register(removed, request("public"), 401).path("error").asString()).isEqualTo("invalid_developer_token");
        assertThat(register("Basic " + Base64.getEncoder().encodeToString("console_it:wrong".getBytes()), official, 401)
                .path("error").asString()).isEqualTo("invalid_client");

        Map<String, Object> insecure = new java.util.HashMap<>(request("hybrid"));
        insecure.put("technical", Map.of("entry_url", "http://shop.example.com", "redirect_uris", List.of("https://x/cb"),
                "webhook_url", "https://api.example.com/w", "scopes_requested", List.of("user:read"), "client_type", "hybrid"));
        assertThat(register(admin(), insecure, 400).path("error").path("code").asString()).isEqualTo("INVALID_REQUEST");
    }

    private String serviceToken() throws Exception {
        return TestDevelopers.serviceToken();
    }

    private static List<String> fields(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }
}
