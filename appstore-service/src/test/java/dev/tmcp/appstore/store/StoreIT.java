package dev.tmcp.appstore.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.id.Ids;
import dev.tmcp.test.TestInfrastructure;
import dev.tmcp.test.TestTeps;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
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
 * Store discovery (spec 16.6.1) on real PostgreSQL: only active apps, categories with counts,
 * filters, sorts, pagination and the caller's own installs. Each run uses a category of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.outbox.relay.enabled=false", "spring.kafka.listener.auto-startup=false"})
class StoreIT {

    static final TestTeps TEPS = new TestTeps();
    static final String CATEGORY = "cat_" + Ids.next("").substring(0, 8).toLowerCase();
    static final String ALICE = "@alice_store:localhost";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
        TestInfrastructure.kafka(registry);
        registry.add("tmcp.tep.jwks-uri", TEPS::jwksUri);
        registry.add("tmcp.tep.issuer", TEPS::issuer);
        registry.add("tmcp.appstore.registration.secret-key",
                () -> Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'E'));
    }

    @AfterAll
    static void stop() {
        TEPS.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    DatabaseClient db;

    static String popular;
    static String quiet;
    static String official;

    @BeforeAll
    static void names() {
        popular = Ids.next("ma_st");
        quiet = Ids.next("ma_st");
        official = Ids.next("ma_st");
    }

    void apps() {
        if (db.sql("select count(*) as n from mini_app where client_id = :id").bind("id", popular)
                .map((r, m) -> r.get("n", Long.class)).one().block() > 0) {
            return;
        }
        insert(popular, "Zeta Shop", "community", "active");
        insert(quiet, "Alpha Shop", "community", "active");
        insert(official, "Mid Wallet", "official", "active");
        insert(Ids.next("ma_st"), "Hidden Pending", "community", "pending_review");
        insert(Ids.next("ma_st"), "Hidden Suspended", "community", "suspended");
        for (int i = 0; i < 3; i++) {
            install(popular, "@u" + i + ":localhost");
        }
        install(official, "@u0:localhost");
        install(official, "@u1:localhost");
        install(quiet, ALICE);
    }

    @Test
    void onlyActiveAppsOfTheCategoryAreListedMostInstalledFirst() {
        apps();
        JsonNode page = browse("?category=" + CATEGORY);

        assertThat(page.path("apps").findValuesAsString("miniapp_id")).containsExactly(popular, official, quiet);
        assertThat(page.path("apps").get(0).path("install_count").asLong()).isEqualTo(3);
        assertThat(page.path("pagination").path("total").asLong()).isEqualTo(3);
        assertThat(page.path("pagination").path("has_more").asBoolean()).isFalse();
    }

    @Test
    void theCallersOwnInstallsAreMarked() {
        apps();
        JsonNode page = browse("?category=" + CATEGORY + "&sort=name");

        assertThat(page.path("apps").findValuesAsString("miniapp_id")).containsExactly(quiet, official, popular);
        assertThat(page.path("apps").get(0).path("installed").asBoolean()).isTrue();
        assertThat(page.path("apps").get(1).path("installed").asBoolean()).isFalse();
    }

    @Test
    void pagesSayWhetherMoreFollow() {
        apps();
        JsonNode first = browse("?category=" + CATEGORY + "&sort=name&limit=2");
        JsonNode second = browse("?category=" + CATEGORY + "&sort=name&limit=2&offset=2");

        assertThat(first.path("apps")).hasSize(2);
        assertThat(first.path("pagination").path("has_more").asBoolean()).isTrue();
        assertThat(second.path("apps").findValuesAsString("miniapp_id")).containsExactly(popular);
        assertThat(second.path("pagination").path("has_more").asBoolean()).isFalse();
    }

    @Test
    void theClassificationFilterKeepsOnlyThatClassification() {
        apps();
        assertThat(browse("?category=" + CATEGORY + "&classification=official").path("apps")
                .findValuesAsString("miniapp_id")).containsExactly(official);
    }

    @Test
    void categoriesCountTheirActiveApps() {
        apps();
        JsonNode categories = get("/api/v1/store/categories", 200).path("categories");
        JsonNode ours = null;
        for (JsonNode c : categories) {
            if (CATEGORY.equals(c.path("category_id").asString())) {
                ours = c;
            }
        }
        assertThat(ours).isNotNull();
        assertThat(ours.path("app_count").asLong()).isEqualTo(3);
    }

    @Test
    void badParametersAreA400AndNoTepA401() {
        get("/api/v1/store/apps?limit=500", 400);
        get("/api/v1/store/apps?sort=random", 400);
        client().get().uri("/api/v1/store/apps").exchange().expectStatus().isUnauthorized();
    }

    private JsonNode browse(String query) {
        return get("/api/v1/store/apps" + query, 200);
    }

    private JsonNode get(String path, int status) {
        return client().get().uri(path).header("Authorization", "Bearer " + TEPS.tep(ALICE, "ma_tween_wallet", "user:read"))
                .exchange().expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private void insert(String id, String name, String classification, String status) {
        db.sql("insert into mini_app (client_id, name, client_type, status, classification, category) "
                        + "values (:id, :name, 'public', :status, :classification, :category)")
                .bind("id", id).bind("name", name).bind("status", status).bind("classification", classification)
                .bind("category", CATEGORY).then().block();
    }

    private void install(String app, String user) {
        db.sql("insert into installation (client_id, user_id, install_id) values (:app, :user, :id)")
                .bind("app", app).bind("user", user).bind("id", Ids.next("inst_")).then().block();
        db.sql("update mini_app set install_count = install_count + 1 where client_id = :app").bind("app", app).then().block();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }
}
