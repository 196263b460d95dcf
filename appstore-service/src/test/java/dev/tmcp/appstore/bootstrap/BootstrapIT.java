package dev.tmcp.appstore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.appstore.TestDevelopers;
import dev.tmcp.core.id.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
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
 * Client bootstrap (spec 16.8.2, 16.4; decision 0048) on real PostgreSQL: the manifest of the
 * client's platform with each app's signed bundle, mandatory apps installed on every device,
 * default ones on the user's first, one bootstrap per device, and only the host may call it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.outbox.relay.enabled=false", "spring.kafka.listener.auto-startup=false",
        "tmcp.tep.issuer=https://issuer.test"})
class BootstrapIT {

    static final String HOST = Ids.next("ma_bhost");
    static final String WALLET = Ids.next("ma_bwal");
    static final String NEWS = Ids.next("ma_bnews");
    static final String IOS_ONLY = Ids.next("ma_bios");
    static final String SHOP = Ids.next("ma_bshop");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestDevelopers.infrastructure(registry, 'B');
    }

    @LocalServerPort
    int port;
    @Autowired
    DatabaseClient db;

    private static boolean seeded;

    @BeforeAll
    static void reset() {
        seeded = false;
    }

    void apps() {
        if (seeded) {
            return;
        }
        app(HOST, "official", "optional", null, null);
        app(WALLET, "official", "mandatory", "android ios web desktop", 1);
        app(NEWS, "official", "default", "web", 2);
        app(IOS_ONLY, "official", "mandatory", "ios", 3);
        app(SHOP, "community", "optional", null, null);
        db.sql("insert into app_version (miniapp_id, version, release_notes, bundle_url, size_bytes, sha256, signature, published_by) "
                        + "values (:id, '1.0.0', 'first', 'https://cdn.example.com/wallet-1.0.0.bundle', 1234, :sha, 'jws', 'it')")
                .bind("id", WALLET).bind("sha", "ab".repeat(32)).then().block();
        seeded = true;
    }

    @Test
    void theFirstBootstrapAnswersThePlatformsManifestAndInstallsMandatoryAndDefaultApps() {
        apps();
        String user = user();

        JsonNode answer = bootstrap(user, HOST, "web", "device-1", 200);

        assertThat(answer.path("bootstrap_id").asString()).startsWith("bootstrap_");
        List<String> listed = answer.path("manifest").path("apps").findValuesAsString("miniapp_id");
        assertThat(listed).contains(WALLET, NEWS).doesNotContain(IOS_ONLY, SHOP, HOST);
        assertThat(listed.indexOf(WALLET)).isLessThan(listed.indexOf(NEWS));
        JsonNode wallet = find(answer.path("official_apps"), WALLET);
        assertThat(wallet.path("bundle_hash").asString()).isEqualTo("sha256:" + "ab".repeat(32));
        assertThat(wallet.path("credentials").path("client_id").asString()).isEqualTo(WALLET);
        assertThat(find(answer.path("manifest").path("apps"), WALLET).path("removable").asBoolean()).isFalse();
        assertThat(find(answer.path("manifest").path("apps"), NEWS).path("entry_point").asString())
                .isEqualTo("tween-internal://" + NEWS);
        assertThat(installed(user)).contains(WALLET, NEWS).doesNotContain(IOS_ONLY);
        assertThat(installedEvents(user)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aDeviceBootstrapsOnceAndANewDeviceDoesNotBringBackADefaultAppTheUserRemoved() {
        apps();
        String user = user();
        String first = bootstrap(user, HOST, "web", "device-a", 200).path("bootstrap_id").asString();
        db.sql("delete from installation where user_id = :u and client_id in (:news, :wallet)")
                .bind("u", user).bind("news", NEWS).bind("wallet", WALLET).then().block();

        assertThat(bootstrap(user, HOST, "web", "device-a", 200).path("bootstrap_id").asString()).isEqualTo(first);
        bootstrap(user, HOST, "web", "device-b", 200);

        assertThat(installed(user)).contains(WALLET).doesNotContain(NEWS);
    }

    @Test
    void onlyTheHostsOfficialAppBootstraps() {
        apps();
        bootstrap(user(), SHOP, "web", "device-1", 403);
    }

    @Test
    void aBootstrapWithoutAKnownPlatformOrADeviceIsA400() {
        apps();
        bootstrap(user(), HOST, "symbian", "device-1", 400);
        bootstrap(user(), HOST, "web", "", 400);
        bootstrap(user(), HOST, "web", "a b", 400);
    }

    private JsonNode bootstrap(String user, String client, String platform, String device, int status) {
        return client().post().uri("/api/v1/client/bootstrap").header("Authorization", TestDevelopers.tep(user, client, "user:read"))
                .bodyValue(Map.of("client_version", "2.1.0", "platform", platform, "manifest_version", "1.0", "device_id", device))
                .exchange().expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static JsonNode find(JsonNode apps, String id) {
        for (JsonNode app : apps) {
            if (id.equals(app.path("miniapp_id").asString())) {
                return app;
            }
        }
        throw new AssertionError(id + " not in " + apps);
    }

    private List<String> installed(String user) {
        return new ArrayList<>(db.sql("select client_id from installation where user_id = :u").bind("u", user)
                .map((r, m) -> r.get("client_id", String.class)).all().collectList().block());
    }

    private long installedEvents(String user) {
        return db.sql("select count(*) as n from outbox_event where payload like '%miniapp.installed%' and payload like :u")
                .bind("u", "%" + user + "%").map((r, m) -> r.get("n", Long.class)).one().block();
    }

    private void app(String id, String classification, String mode, String platforms, Integer order) {
        db.sql("insert into mini_app (client_id, name, client_type, status, classification, install_mode, removable, "
                        + "preinstall_platforms, display_order) values (:id, :id, 'public', 'active', :c, :mode, :removable, :p, :o)")
                .bind("id", id).bind("c", classification).bind("mode", mode).bind("removable", !"mandatory".equals(mode))
                .bind("p", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, platforms))
                .bind("o", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.INTEGER, order))
                .then().block();
    }

    private static String user() {
        return "@" + Ids.next("boot").toLowerCase() + ":test";
    }

    private WebTestClient client() {
        return TestDevelopers.client(port);
    }
}
