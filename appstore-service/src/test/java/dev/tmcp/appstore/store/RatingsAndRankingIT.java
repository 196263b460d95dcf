package dev.tmcp.appstore.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.id.Ids;
import dev.tmcp.test.TestInfrastructure;
import dev.tmcp.test.TestTeps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * Ratings, search, app detail and ranking (spec 16.6.1, 16.6.3; decision 0049) on real PostgreSQL.
 * Each test makes its own apps and users; the host is an official app of the test's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.outbox.relay.enabled=false", "spring.kafka.listener.auto-startup=false",
        "tmcp.appstore.store.stats-interval=1h"})
class RatingsAndRankingIT {

    static final TestTeps TEPS = new TestTeps();
    static final String HOST = Ids.next("ma_rhost");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
        TestInfrastructure.kafka(registry);
        registry.add("tmcp.tep.jwks-uri", TEPS::jwksUri);
        registry.add("tmcp.tep.issuer", TEPS::issuer);
        registry.add("tmcp.appstore.registration.secret-key",
                () -> Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'K'));
    }

    @AfterAll
    static void stop() {
        TEPS.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    DatabaseClient db;
    @Autowired
    StoreStats stats;
    @Autowired
    ActivityListener activity;

    @Test
    void aUserWhoInstalledTheAppRatesItAndEditsTheirRatingWhichCountsOnce() {
        String app = app("Rated " + Ids.next(""), "community");
        String user = user();
        install(app, user);

        rate(user, app, Map.of("rating", 2), 200);
        JsonNode mine = rate(user, app, Map.of("rating", 5, "review", "Fast and simple"), 200);

        assertThat(mine.path("rating").asInt()).isEqualTo(5);
        JsonNode detail = get(user, "/api/v1/store/apps/" + app, 200);
        assertThat(detail.path("rating").path("count").asLong()).isEqualTo(1);
        assertThat(detail.path("rating").path("average").decimalValue()).isEqualByComparingTo("5.0");
        assertThat(detail.path("my_rating").path("review").asString()).isEqualTo("Fast and simple");
    }

    @Test
    void aUserWhoHasNotInstalledTheAppCannotRateIt() {
        String app = app("Unrated " + Ids.next(""), "community");

        rate(user(), app, Map.of("rating", 5), 403);
    }

    @Test
    void aThirdPartyAppCannotRateOnItsUsersBehalf() {
        String app = app("Self " + Ids.next(""), "community");
        String user = user();
        install(app, user);

        client().put().uri("/api/v1/store/apps/" + app + "/rating")
                .header("Authorization", "Bearer " + TEPS.tep(user, app, "user:read"))
                .bodyValue(Map.of("rating", 5)).exchange().expectStatus().isForbidden();
    }

    @Test
    void twoRatingsOfOneUserAtOnceCountOnce() throws Exception {
        String app = app("Race " + Ids.next(""), "community");
        String user = user();
        install(app, user);

        var first = CompletableFuture.runAsync(() -> rate(user, app, Map.of("rating", 4), 200));
        var second = CompletableFuture.runAsync(() -> rate(user, app, Map.of("rating", 2), 200));
        first.get();
        second.get();

        Map<String, Object> counters = db.sql("select rating_count, rating_sum, (select rating from app_rating where "
                        + "client_id = :id) as stored from mini_app where client_id = :id").bind("id", app)
                .fetch().one().block();
        assertThat(((Number) counters.get("rating_count")).longValue()).isEqualTo(1);
        assertThat(((Number) counters.get("rating_sum")).longValue()).isEqualTo(((Number) counters.get("stored")).longValue());
    }

    @Test
    void aRemovedRatingLeavesTheCountsAndReviewsAreListedNewestFirst() {
        String app = app("Reviewed " + Ids.next(""), "community");
        String ann = user();
        String ben = user();
        install(app, ann);
        install(app, ben);
        rate(ann, app, Map.of("rating", 3, "review", "ok"), 200);
        rate(ben, app, Map.of("rating", 5, "review", "great"), 200);
        rate(ben, app, Map.of("rating", 1), 200); // a rating without a review drops ben's text

        JsonNode reviews = get(ann, "/api/v1/store/apps/" + app + "/reviews", 200);
        assertThat(reviews.path("reviews").findValuesAsString("review")).containsExactly("ok");

        client().delete().uri("/api/v1/store/apps/" + app + "/rating").header("Authorization", host(ann))
                .exchange().expectStatus().is2xxSuccessful();
        assertThat(get(ann, "/api/v1/store/apps/" + app, 200).path("rating").path("count").asLong()).isEqualTo(1);
    }

    @Test
    void badRatingsAreA400() {
        String app = app("Bad " + Ids.next(""), "community");
        String user = user();
        install(app, user);

        rate(user, app, Map.of("rating", 6), 400);
        rate(user, app, Map.of("rating", 0), 400);
        rate(user, app, Map.of("rating", 3, "review", "x".repeat(2001)), 400);
        rate(user, app, Map.of(), 400);
    }

    @Test
    void searchFindsAppsByWordsOfTheirName() {
        String tag = Ids.next("").substring(14).toLowerCase();
        String coffee = app("Coffee " + tag + " Shop", "community");
        app("Tea " + tag + " House", "community");

        assertThat(search("coffee " + tag).path("apps").findValuesAsString("miniapp_id")).containsExactly(coffee);
        assertThat(search(tag + "%").path("apps")).isEmpty();
    }

    @Test
    void sessionsCountAsActiveUsersAndTheDetailShowsEachRankingFactor() {
        String app = app("Busy " + Ids.next(""), "community");
        String user = user();
        install(app, user);
        Instant now = Instant.now();
        activity.count(app, user, now).block();
        activity.count(app, user, now).block();
        activity.count(app, user(), now).block();

        stats.refresh().block();
        JsonNode ranking = get(user, "/api/v1/store/apps/" + app, 200).path("ranking");

        assertThat(ranking.path("factors").path("active_users_30d").path("value").asLong()).isEqualTo(2);
        assertThat(ranking.path("factors").path("daily_sessions_per_user").path("value").asDouble()).isEqualTo(1.5);
        assertThat(ranking.path("factors").path("install_count").path("weight").asDouble()).isEqualTo(0.30);
        assertThat(ranking.path("factors").path("days_since_release").path("scaled").asDouble()).isGreaterThan(0.9);
        assertThat(ranking.path("score").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void anAppWhoseInstallsGrewByMoreThanAFifthThisWeekIsTrending() {
        String app = app("Rising " + Ids.next(""), "community");
        String flat = app("Flat " + Ids.next(""), "community");
        for (int i = 0; i < 12; i++) {
            installAt(app, user(), Instant.now().minus(Duration.ofDays(1)));
            installAt(flat, user(), Instant.now().minus(Duration.ofDays(i < 6 ? 1 : 9)));
        }
        for (int i = 0; i < 5; i++) {
            installAt(app, user(), Instant.now().minus(Duration.ofDays(10)));
        }

        stats.refresh().block();

        assertThat(get(user(), "/api/v1/store/apps/" + app, 200).path("trending").asBoolean()).isTrue();
        assertThat(get(user(), "/api/v1/store/apps/" + flat, 200).path("trending").asBoolean()).isFalse();
    }

    @Test
    void theBestRatedAppComesFirstWhenSortedByRating() {
        String category = "cat_" + Ids.next("").substring(14).toLowerCase();
        String good = app("Good " + Ids.next(""), "community", category);
        String poor = app("Poor " + Ids.next(""), "community", category);
        for (int i = 0; i < 3; i++) {
            String u = user();
            install(good, u);
            install(poor, u);
            rate(u, good, Map.of("rating", 5), 200);
            rate(u, poor, Map.of("rating", 2), 200);
        }

        assertThat(get(user(), "/api/v1/store/apps?sort=rating&category=" + category, 200).path("apps")
                .findValuesAsString("miniapp_id")).containsExactly(good, poor);
    }

    @Test
    void anUnknownOrInactiveAppHasNoDetail() {
        get(user(), "/api/v1/store/apps/ma_nothing_here", 404);
    }

    private JsonNode rate(String user, String app, Map<String, Object> body, int status) {
        return client().put().uri("/api/v1/store/apps/" + app + "/rating").header("Authorization", host(user))
                .bodyValue(body).exchange().expectStatus().isEqualTo(status).expectBody(JsonNode.class)
                .returnResult().getResponseBody();
    }

    private JsonNode search(String q) {
        return client().get().uri(b -> b.path("/api/v1/store/apps").queryParam("q", "{q}").build(q))
                .header("Authorization", host(user())).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode get(String user, String path, int status) {
        return client().get().uri(path).header("Authorization", host(user)).exchange().expectStatus().isEqualTo(status)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private String host(String user) {
        ensureHost();
        return "Bearer " + TEPS.tep(user, HOST, "user:read");
    }

    private void ensureHost() {
        db.sql("insert into mini_app (client_id, name, client_type, status, classification) "
                + "values (:id, 'Host', 'public', 'active', 'official') on conflict do nothing").bind("id", HOST).then().block();
    }

    private String app(String name, String classification) {
        return app(name, classification, "ratings_it");
    }

    private String app(String name, String classification, String category) {
        String id = Ids.next("ma_rr");
        db.sql("insert into mini_app (client_id, name, client_type, status, classification, category) "
                        + "values (:id, :name, 'public', 'active', :c, :cat)")
                .bind("id", id).bind("name", name).bind("c", classification).bind("cat", category).then().block();
        return id;
    }

    private void install(String app, String user) {
        installAt(app, user, Instant.now());
    }

    private void installAt(String app, String user, Instant at) {
        db.sql("insert into installation (client_id, user_id, install_id, installed_at) values (:app, :user, :id, :at)")
                .bind("app", app).bind("user", user).bind("id", Ids.next("inst_")).bind("at", at.atOffset(java.time.ZoneOffset.UTC))
                .then().block();
        db.sql("update mini_app set install_count = install_count + 1 where client_id = :app").bind("app", app).then().block();
    }

    private static String user() {
        return "@" + Ids.next("r").toLowerCase() + ":test";
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }
}
