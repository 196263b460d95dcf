package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Storage through the gateway: the namespace comes from the TEP, limits answer 413, scopes and rates hold. */
class StorageE2EIT {

    static Homeserver.User erin;
    static Homeserver.User frank;
    static String erinTep;
    static String frankTep;

    @BeforeAll
    static void twoUsers() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        erin = Homeserver.register("erin_" + run);
        frank = Homeserver.register("frank_" + run);
        erinTep = Tmcp.tep(erin.accessToken(), "storage:read storage:write", null);
        frankTep = Tmcp.tep(frank.accessToken(), "storage:read storage:write", null);
    }

    static String url(String path) {
        return Tmcp.GATEWAY + "/api/v1/storage" + path;
    }

    @Test
    void eachUserSeesOnlyTheirOwnValues() {
        assertThat(Http.put(url("/cart_items"), erinTep, Map.of("value", "{\"items\":[1]}",
                "metadata", Map.of("content_type", "application/json"))).status()).isEqualTo(200);
        assertThat(Http.put(url("/cart_items"), frankTep, Map.of("value", "frank's")).status()).isEqualTo(200);

        Http.Response erinsCart = Http.get(url("/cart_items"), erinTep);
        assertThat(erinsCart.text("value")).isEqualTo("{\"items\":[1]}");
        assertThat(erinsCart.body().path("metadata").path("content_type").asString()).isEqualTo("application/json");
        assertThat(Http.get(url("/cart_items"), frankTep).text("value")).isEqualTo("frank's");

        Http.Response listed = Http.get(url("?prefix=cart_&limit=10"), erinTep);
        assertThat(listed.body().path("keys").valueStream().map(k -> k.path("key").asString()).toList())
                .containsExactly("cart_items");
        Http.Response batch = Http.post(url("/batch/get"), erinTep, Map.of("keys", List.of("cart_items", "nope")));
        assertThat(batch.body().path("not_found").get(0).asString()).isEqualTo("nope");
    }

    @Test
    void limitsAnswer413AndScopesAnswer403() {
        Http.Response big = Http.put(url("/big"), erinTep, Map.of("value", "x".repeat(1024 * 1024 + 1)));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.body().path("error").path("code").asString()).isEqualTo("STORAGE_QUOTA_EXCEEDED");
        assertThat(big.body().path("error").path("details").has("quota_bytes")).isTrue();
        assertThat(Http.put(url("/fits"), erinTep, Map.of("value", "x".repeat(1024 * 1024))).status()).isEqualTo(200);

        String readOnly = Tmcp.tep(Homeserver.login(erin), "storage:read", null);
        Http.Response refused = Http.put(url("/k"), readOnly, Map.of("value", "v"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("error").path("code").asString()).isEqualTo("INSUFFICIENT_PERMISSIONS");
    }

    @Test
    void theJsonRpcBridgeCarriesStorageCalls() {
        String rpc = Tmcp.GATEWAY + "/api/v1/rpc";
        Http.Response set = Http.post(rpc, erinTep, Map.of("jsonrpc", "2.0", "id", 1, "method", "tween.storage.set",
                "params", Map.of("key", "prefs", "value", "dark", "ttl", 3600),
                "context", Map.of("room_id", "!r:" + Homeserver.SERVER)));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body().path("id").asInt()).isEqualTo(1);
        assertThat(set.body().path("result").path("key").asString()).isEqualTo("prefs");

        Http.Response get = Http.post(rpc, erinTep, Map.of("jsonrpc", "2.0", "id", "two", "method", "tween.storage.get",
                "params", Map.of("key", "prefs")));
        assertThat(get.body().path("result").path("value").asString()).isEqualTo("dark");
        assertThat(get.body().path("id").asString()).isEqualTo("two");
        assertThat(Http.get(url("/prefs"), frankTep).status()).as("still per user").isEqualTo(404);

        Http.Response missing = Http.post(rpc, erinTep, Map.of("jsonrpc", "2.0", "id", 3, "method", "tween.storage.get",
                "params", Map.of("key", "never-set")));
        assertThat(missing.body().path("error").path("code").asInt()).isEqualTo(-32000);
        assertThat(missing.body().path("error").path("data").path("code").asString()).isEqualTo("NOT_FOUND");

        assertThat(Http.post(rpc, erinTep, Map.of("jsonrpc", "2.0", "id", 4, "method", "tween.nope"))
                .body().path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(Http.post(rpc, erinTep, Map.of("jsonrpc", "2.0", "id", 5, "method", "tween.storage.get", "params", Map.of()))
                .body().path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(Http.post(rpc, erinTep, "{not json").body().path("error").path("code").asInt()).isEqualTo(-32700);
        assertThat(Http.post(rpc, null, Map.of("jsonrpc", "2.0", "id", 6, "method", "tween.storage.get")).status())
                .isEqualTo(401);
    }

    @Test
    void uninstallingTheMiniAppDeletesThatUsersStorage() {
        Homeserver.User heidi = Homeserver.register("heidi_" + UUID.randomUUID().toString().substring(0, 8));
        String tep = Tmcp.tep(heidi.accessToken(), "storage:read storage:write", null);
        assertThat(Http.put(url("/cart"), tep, Map.of("value", "3 apples")).status()).isEqualTo(200);
        assertThat(Http.put(url("/cart"), frankTep, Map.of("value", "frank keeps his")).status()).isEqualTo(200);

        String install = Tmcp.GATEWAY + "/api/v1/store/apps/" + Tmcp.CLIENT_ID + "/install";
        assertThat(Http.post(install, tep, Map.of()).text("install_id")).startsWith("install_");
        Http.Response removed = Http.delete(install, tep);
        assertThat(removed.status()).as("%s", removed.body()).isEqualTo(200);
        assertThat(removed.text("status")).isEqualTo("uninstalled");

        // The uninstall event travels appstore outbox -> Kafka -> storage-service, and to auth-service,
        // which ends heidi's session in the app (decision 0048): she opens it again to look.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> Http.get(url("/cart"), tep).status() == 401);
        String again = Tmcp.tep(Homeserver.login(heidi), "storage:read storage:write", null);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Http.get(url("/cart"), again).status() == 404);
        assertThat(Http.get(url("/cart"), frankTep).text("value")).isEqualTo("frank keeps his");
        assertThat(Http.delete(Tmcp.GATEWAY + "/api/v1/store/apps/ma_someone_else/install", again).status()).isEqualTo(403);
    }

    @Test
    void theStorageRateRowIsEnforcedPerUserAndRepeatedRefusalsSuspendTheAccount() {
        Homeserver.User grace = Homeserver.register("grace_" + UUID.randomUUID().toString().substring(0, 8));
        String tep = Tmcp.tep(grace.accessToken(), "storage:read", null);
        int allowed = 0;
        int limited = 0;
        Http.Response firstLimited = null;
        Http.Response suspended = null;
        long start = System.nanoTime();
        for (int i = 0; i < 160; i++) {
            Http.Response r = Http.get(url("/anything"), tep);
            switch (r.status()) {
                case 404 -> allowed++;
                case 429 -> {
                    limited++;
                    firstLimited = firstLimited == null ? r : firstLimited;
                }
                case 403 -> suspended = suspended == null ? r : suspended;
                default -> throw new AssertionError("unexpected " + r.status() + ": " + r.body());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // Spec 11.4.2: the bucket starts with limit + burst (100 + 20) and refills 100 a minute.
        assertThat(allowed).isBetween(120, 120 + (int) Math.ceil(seconds * 100 / 60.0) + 1);
        assertThat(firstLimited.body().path("error").path("code").asString()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(firstLimited.body().path("error").path("limit").asInt()).isEqualTo(100);
        assertThat(firstLimited.body().path("error").path("window").asString()).isEqualTo("1 minute");
        assertThat(firstLimited.body().path("error").path("request_id").asString()).isNotBlank();
        assertThat(firstLimited.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(firstLimited.raw().headers().firstValue("X-RateLimit-Remaining")).contains("0");
        // Spec 11.4.5: the tenth refusal within an hour suspends the account.
        assertThat(limited).isEqualTo(9);
        assertThat(suspended).isNotNull();
        assertThat(suspended.body().path("error").path("code").asString()).isEqualTo("ACCOUNT_SUSPENDED");
        assertThat(suspended.body().path("error").path("suspended_until").asString()).isNotBlank();
    }
}
