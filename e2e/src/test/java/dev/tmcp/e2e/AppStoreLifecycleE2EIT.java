package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mini-app's life in the store through the gateway on the real stack (spec 9.2, 16.6, 16.8;
 * decisions 0043, 0048, 0049): its developer registers, submits, is rejected, appeals, is approved
 * and publishes 1.1.0 from a bundle host of their own; then users, each in a test of their own,
 * find it, install and rate it through the host, are offered 1.1.0 with a signature that Node's
 * crypto verifies, and uninstall it, after which the app's own TEP stops working. A suspended
 * app's TEPs stop working too.
 */
class AppStoreLifecycleE2EIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CATEGORY = "lifecycle_" + RUN;
    private static final byte[] BUNDLE = ("lifecycle bundle " + RUN).repeat(500).getBytes(StandardCharsets.UTF_8);
    private static HttpServer bundleHost;
    private static String app;
    private static String developer;

    @BeforeAll
    static void aDeveloperGetsTheirAppThroughReviewAndPublishes110() throws Exception {
        bundleHost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bundleHost.createContext("/bundles/1.1.0.bundle", exchange -> {
            exchange.sendResponseHeaders(200, BUNDLE.length);
            exchange.getResponseBody().write(BUNDLE);
            exchange.close();
        });
        bundleHost.start();

        developer = Developers.developerToken();
        Http.Response registered = Http.post(Tmcp.GATEWAY + "/mini-apps/v1/register", developer, Map.of(
                "name", "Lifecycle Coffee " + RUN, "category", CATEGORY,
                "technical", Map.of("entry_url", "https://coffee.example/" + RUN, "client_type", "public",
                        "redirect_uris", List.of("https://coffee.example/cb"), "scopes_requested", List.of("storage:read"))));
        assertThat(registered.status()).as("%s", registered.body()).isEqualTo(201);
        app = registered.text("miniapp_id");

        platform("reject", Map.of("reasons", List.of("The entry URL sends no Content-Security-Policy")));
        Http.Response appeal = Http.post(Tmcp.GATEWAY + "/mini-apps/v1/" + app + "/appeal", developer, Map.of(
                "reason", "CSP added", "changes_made", List.of("Content-Security-Policy on every page")));
        assertThat(appeal.status()).as("%s", appeal.body()).isEqualTo(201);
        platform("approve", null);

        Http.Response published = Http.post(Tmcp.GATEWAY + "/mini-apps/v1/" + app + "/versions", developer, Map.of(
                "version", "1.1.0", "release_notes", "Order ahead",
                "bundle_url", "http://127.0.0.1:" + bundleHost.getAddress().getPort() + "/bundles/1.1.0.bundle"));
        assertThat(published.status()).as("%s", published.body()).isEqualTo(201);
    }

    @AfterAll
    static void stopTheBundleHost() {
        bundleHost.stop(0);
    }

    @Test
    void aUserFindsTheAppByItsCategoryAndByWordsOfItsName() {
        String host = hostTep(user("find"));

        Http.Response byCategory = Http.get(Tmcp.GATEWAY + "/api/v1/store/apps?category=" + CATEGORY, host);
        Http.Response bySearch = Http.get(Tmcp.GATEWAY + "/api/v1/store/apps?q=" + Http.enc("coffee " + RUN), host);

        assertThat(byCategory.body().path("apps").findValuesAsString("miniapp_id")).containsExactly(app);
        assertThat(bySearch.body().path("apps").findValuesAsString("miniapp_id")).containsExactly(app);
        assertThat(bySearch.body().path("apps").get(0).path("version").asString()).isEqualTo("1.1.0");
    }

    @Test
    void aUserInstallsTheAppThroughTheHostAndRatesIt() {
        String host = hostTep(user("rate"));

        Http.Response installed = Http.post(Tmcp.GATEWAY + "/api/v1/store/apps/" + app + "/install", host, Map.of());
        Http.Response rated = Http.put(Tmcp.GATEWAY + "/api/v1/store/apps/" + app + "/rating", host,
                Map.of("rating", 4, "review", "Good coffee " + RUN));

        assertThat(installed.status()).as("%s", installed.body()).isEqualTo(200);
        assertThat(rated.status()).as("%s", rated.body()).isEqualTo(200);
        Http.Response detail = Http.get(Tmcp.GATEWAY + "/api/v1/store/apps/" + app, host);
        assertThat(detail.body().path("installed").asBoolean()).isTrue();
        assertThat(detail.body().path("my_rating").path("rating").asInt()).isEqualTo(4);
        assertThat(detail.body().path("ranking").path("factors").has("install_count")).isTrue();
    }

    @Test
    void anUpdateCheckOffers110WithASignatureThatAnIndependentLibraryVerifies() throws Exception {
        String host = hostTep(user("update"));

        Http.Response check = Http.post(Tmcp.GATEWAY + "/api/v1/client/check-updates", host, Map.of(
                "installed_apps", List.of(Map.of("miniapp_id", app, "current_version", "1.0.0")),
                "platform", "web", "client_version", "1.0.0"));

        assertThat(check.status()).as("%s", check.body()).isEqualTo(200);
        var update = check.body().path("updates_available").get(0);
        assertThat(update.path("new_version").asString()).isEqualTo("1.1.0");
        assertThat(update.path("update_type").asString()).isEqualTo("minor");
        Path file = Files.createTempFile("bundle", ".bin");
        Files.write(file, BUNDLE);
        Http.Response keys = Http.get(Tmcp.GATEWAY + "/api/v1/client/signing-keys", null);
        assertThat(keys.status()).isEqualTo(200);
        Process node = new ProcessBuilder("node", "../docs/examples/verify-bundle-signature.mjs", keys.raw().body(),
                update.path("download").path("signature").asString(), file.toString()).redirectErrorStream(true).start();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.exitValue()).as(out).isZero();
        assertThat(out).contains("\"miniapp_id\":\"" + app + "\"");
    }

    @Test
    void uninstallingTheAppEndsItsTep() throws Exception {
        Homeserver.User user = user("gone");
        String host = hostTep(user);
        assertThat(Http.post(Tmcp.GATEWAY + "/api/v1/store/apps/" + app + "/install", host, Map.of()).status()).isEqualTo(200);
        Http.Response exchanged = Tmcp.exchange(user.accessToken(), app, "storage:read", null);
        assertThat(exchanged.status()).as("%s", exchanged.body()).isEqualTo(200);
        String appTep = exchanged.text("access_token");
        assertThat(Http.get(Tmcp.GATEWAY + "/api/v1/storage-usage", appTep).status()).isEqualTo(200);

        assertThat(Http.delete(Tmcp.GATEWAY + "/api/v1/store/apps/" + app + "/install", host).status()).isEqualTo(200);

        int status = 200;
        for (Instant deadline = Instant.now().plus(Duration.ofSeconds(30)); status == 200 && Instant.now().isBefore(deadline);) {
            Thread.sleep(250);
            status = Http.get(Tmcp.GATEWAY + "/api/v1/storage-usage", appTep).status();
        }
        assertThat(status).as("the app's TEP after the uninstall").isEqualTo(401);
    }

    @Test
    void suspendingAnAppEndsTheTepsItsUsersHold() throws Exception {
        Http.Response registered = Http.post(Tmcp.GATEWAY + "/mini-apps/v1/register", developer, Map.of(
                "name", "Suspended Shop " + RUN, "category", CATEGORY,
                "technical", Map.of("entry_url", "https://suspended.example/" + RUN, "client_type", "public",
                        "redirect_uris", List.of("https://suspended.example/cb"), "scopes_requested", List.of("storage:read"))));
        assertThat(registered.status()).as("%s", registered.body()).isEqualTo(201);
        String suspended = registered.text("miniapp_id");
        platform(suspended, "approve", null);
        String tep = Tmcp.exchange(user("held").accessToken(), suspended, "storage:read", null).text("access_token");
        assertThat(Http.get(Tmcp.GATEWAY + "/api/v1/storage-usage", tep).status()).isEqualTo(200);

        platform(suspended, "suspend", Map.of("reasons", List.of("Fraud reports")));

        int status = 200;
        for (Instant deadline = Instant.now().plus(Duration.ofSeconds(30)); status == 200 && Instant.now().isBefore(deadline);) {
            Thread.sleep(250);
            status = Http.get(Tmcp.GATEWAY + "/api/v1/storage-usage", tep).status();
        }
        assertThat(status).as("a TEP of the suspended app").isEqualTo(401);
    }

    private static void platform(String action, Object body) {
        platform(app, action, body);
    }

    private static void platform(String app, String action, Object body) {
        Http.Response r = Http.send("POST", Tmcp.APPSTORE_SERVICE + "/admin/mini-apps/" + app + "/" + action, Developers.PLATFORM,
                body == null ? null : "application/json", body == null ? null : Http.JSON.writeValueAsString(body));
        assertThat(r.status()).as("%s %s", action, r.body()).isEqualTo(200);
    }

    private static Homeserver.User user(String name) {
        return Homeserver.register(name + "_" + RUN + "_" + UUID.randomUUID().toString().substring(0, 4));
    }

    /** The host's own TEP for this user: its official app's. */
    private static String hostTep(Homeserver.User user) {
        return Tmcp.walletAdminTep(user.accessToken());
    }
}
