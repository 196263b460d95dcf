package dev.tmcp.appstore.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.appstore.TestDevelopers;
import dev.tmcp.core.id.Ids;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
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
 * Publishing versions and checking for updates (spec 16.8.1, decision 0048) on real PostgreSQL,
 * with a developer's bundle host on loopback (the local profile's address rule): what is signed is
 * what was served, users of the app are told, update checks offer only newer versions, and the
 * signature verifies with Node's crypto against the published key set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.outbox.relay.enabled=false", "spring.kafka.listener.auto-startup=false",
        "tmcp.tep.issuer=https://issuer.test", "tmcp.appstore.releases.allow-private-addresses=true",
        "tmcp.appstore.releases.allow-http=true", "tmcp.appstore.releases.max-bundle-size=64KB"})
class ReleasesIT {

    static final String ORG = "org_" + Ids.next("").substring(0, 8);
    static final BundleServer BUNDLES = new BundleServer();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestDevelopers.infrastructure(registry, 'R');
    }

    @AfterAll
    static void stop() {
        BUNDLES.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    DatabaseClient db;

    private final String developer = TestDevelopers.admin("@dev_rel:test", ORG);

    @Test
    void whatIsSignedIsTheBundleAsServedAndItVerifiesAgainstThePublishedKeys() throws Exception {
        String app = app("active", "optional");
        byte[] bundle = bytes(20_000);
        String url = BUNDLES.put("/" + app + "/1.1.0.bundle", bundle);

        JsonNode version = publish(app, "1.1.0", url, 201);

        assertThat(version.path("download").path("hash").asString()).isEqualTo("sha256:" + sha256(bundle));
        assertThat(version.path("download").path("size_bytes").asLong()).isEqualTo(bundle.length);
        assertThat(version.path("download").path("url").asString()).isEqualTo(url);
        Path file = Files.createTempFile("bundle", ".bin");
        Files.write(file, bundle);
        String jwks = client().get().uri("/api/v1/client/signing-keys").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Process node = new ProcessBuilder("node", "../docs/examples/verify-bundle-signature.mjs", jwks,
                version.path("download").path("signature").asString(), file.toString()).redirectErrorStream(true).start();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.exitValue()).as(out).isZero();
        assertThat(out).contains("\"miniapp_id\":\"" + app + "\"", "\"version\":\"1.1.0\"");
    }

    @Test
    void theAppsUsersAreToldOfTheNewVersionInTheSameTransaction() {
        String app = app("active", "optional");
        install(app, "@u1_rel:test");
        install(app, "@u2_rel:test");

        publish(app, "1.2.0", BUNDLES.put("/" + app + "/1.2.0.bundle", bytes(100)), 201);

        String payload = db.sql("select payload from outbox_event where event_key = :id and payload like '%miniapp.updated%'")
                .bind("id", app).map((r, m) -> r.get("payload", String.class)).one().block();
        assertThat(payload).contains("@u1_rel:test", "@u2_rel:test", "\"new_version\":\"1.2.0\"", "\"update_type\":\"minor\"");
    }

    @Test
    void anUpdateCheckOffersOnlyNewerVersionsOfKnownApps() {
        String app = app("active", "optional");
        publish(app, "1.0.0", BUNDLES.put("/" + app + "/1.0.0.bundle", bytes(50)), 201);
        publish(app, "2.0.1", BUNDLES.put("/" + app + "/2.0.1.bundle", bytes(60)), 201);

        JsonNode updates = checkUpdates(List.of(Map.of("miniapp_id", app, "current_version", "1.0.0"),
                Map.of("miniapp_id", "ma_nobody_knows", "current_version", "1.0.0")), 200).path("updates_available");

        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).path("new_version").asString()).isEqualTo("2.0.1");
        assertThat(updates.get(0).path("update_type").asString()).isEqualTo("major");
        assertThat(updates.get(0).path("mandatory").asBoolean()).isFalse();
        assertThat(updates.get(0).path("download").path("signature").asString()).isNotBlank();
        assertThat(checkUpdates(List.of(Map.of("miniapp_id", app, "current_version", "2.0.1")), 200)
                .path("updates_available")).isEmpty();
    }

    @Test
    void anUpdateOfAMandatoryAppIsMandatory() {
        String app = app("active", "mandatory");
        publish(app, "1.0.1", BUNDLES.put("/" + app + "/1.0.1.bundle", bytes(50)), 201);

        JsonNode update = checkUpdates(List.of(Map.of("miniapp_id", app, "current_version", "1.0.0")), 200)
                .path("updates_available").get(0);

        assertThat(update.path("update_type").asString()).isEqualTo("patch");
        assertThat(update.path("mandatory").asBoolean()).isTrue();
    }

    @Test
    void onlyAnActiveAppPublishesAndOnlyANewerVersion() {
        String pending = app("pending_review", "optional");
        publish(pending, "1.1.0", BUNDLES.put("/" + pending + "/1.1.0.bundle", bytes(10)), 409);

        String app = app("active", "optional");
        publish(app, "1.1.0", BUNDLES.put("/" + app + "/1.1.0.bundle", bytes(10)), 201);
        publish(app, "1.1.0", BUNDLES.url("/" + app + "/1.1.0.bundle"), 409);
        publish(app, "1.0.9", BUNDLES.put("/" + app + "/1.0.9.bundle", bytes(10)), 409);
    }

    @Test
    void aBundleThatCannotBeFetchedOrIsTooLargeIsRefused() {
        String app = app("active", "optional");
        publish(app, "1.1.0", BUNDLES.url("/" + app + "/absent.bundle"), 400);
        publish(app, "1.1.0", BUNDLES.put("/" + app + "/big.bundle", bytes(64 * 1024 + 1)), 413);
        publish(app, "1.1.0", "ftp://127.0.0.1/x.bundle", 400);
        publish(app, "1.1", BUNDLES.put("/" + app + "/ok.bundle", bytes(10)), 400);
        assertThat(db.sql("select count(*) as n from app_version where miniapp_id = :id").bind("id", app)
                .map((r, m) -> r.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void anotherOrganizationsDeveloperCannotPublish() {
        String app = app("active", "optional");
        client().post().uri("/mini-apps/v1/" + app + "/versions")
                .header("Authorization", TestDevelopers.admin("@stranger_rel:test", "org_stranger_rel"))
                .bodyValue(Map.of("version", "1.1.0", "release_notes", "x", "bundle_url", BUNDLES.url("/x")))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void malformedUpdateChecksAreA400() {
        checkUpdates(List.of(Map.of("miniapp_id", "ma_x", "current_version", "one")), 400);
        checkUpdates(List.of(Map.of("current_version", "1.0.0")), 400);
    }

    private JsonNode publish(String app, String version, String url, int status) {
        return client().post().uri("/mini-apps/v1/" + app + "/versions").header("Authorization", developer)
                .bodyValue(Map.of("version", version, "release_notes", "Faster checkout", "bundle_url", url))
                .exchange().expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode checkUpdates(List<Map<String, String>> installed, int status) {
        return client().post().uri("/api/v1/client/check-updates")
                .header("Authorization", TestDevelopers.tep("@alice_rel:test", "ma_host_rel", "user:read"))
                .bodyValue(Map.of("installed_apps", installed, "platform", "web", "client_version", "1.0.0"))
                .exchange().expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private String app(String status, String installMode) {
        String id = Ids.next("ma_rel");
        db.sql("insert into mini_app (client_id, name, client_type, status, classification, owner_org_id, install_mode) "
                        + "values (:id, 'Release Shop', 'public', :status, 'community', :org, :mode)")
                .bind("id", id).bind("status", status).bind("org", ORG).bind("mode", installMode).then().block();
        return id;
    }

    private void install(String app, String user) {
        db.sql("insert into installation (client_id, user_id, install_id) values (:app, :user, :id)")
                .bind("app", app).bind("user", user).bind("id", Ids.next("inst_")).then().block();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(n).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private WebTestClient client() {
        return TestDevelopers.client(port);
    }
}
