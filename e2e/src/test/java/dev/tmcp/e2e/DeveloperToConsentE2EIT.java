package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole chain through the gateway on the real stack: the platform whitelists a developer, who
 * logs in at Keycloak through the console and gets a developer token (4.4); registers a public and
 * a hybrid mini-app (9.1.1); the platform approves them; a user meets the consent flow of 4.3.1
 * for sensitive scopes; the hybrid backend authenticates with its secret (client_credentials); and
 * storage stays apart between two mini-apps of the same user (10.3).
 */
class DeveloperToConsentE2EIT {

    private static String shopId;
    private static String hybridId;
    private static String backendId;
    private static String backendSecret;

    @BeforeAll
    static void aDeveloperRegistersTwoApprovedMiniApps() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String developer = Developers.developerToken();
        assertThat(developer).startsWith("dev.");

        Http.Response shop = Http.post(Tmcp.GATEWAY + "/mini-apps/v1/register", developer, Map.of(
                "name", "Consent Shop " + run, "category", "shopping",
                "technical", Map.of("entry_url", "https://shop.example/" + run, "client_type", "public",
                        "redirect_uris", List.of("https://shop.example/cb"),
                        "scopes_requested", List.of("user:read", "wallet:balance", "storage:read", "storage:write",
                                "messaging:send"))));
        assertThat(shop.status()).as("%s", shop.body()).isBetween(200, 201);
        assertThat(shop.text("status")).isEqualTo("pending_review");
        assertThat(shop.body().path("credentials").has("client_secret")).as("a public client has no secret").isFalse();
        shopId = shop.text("miniapp_id");

        Http.Response hybrid = Http.post(Tmcp.GATEWAY + "/mini-apps/v1/register", developer, Map.of(
                "name", "Hybrid Store " + run, "client_type", "hybrid",
                "technical", Map.of("entry_url", "https://store.example/" + run, "webhook_url", "https://api.store.example/hook",
                        "redirect_uris", List.of("https://store.example/cb"), "scopes_requested", List.of("user:read", "storage:read"))));
        assertThat(hybrid.status()).as("%s", hybrid.body()).isBetween(200, 201);
        hybridId = hybrid.text("miniapp_id");
        backendId = hybrid.body().path("credentials").path("confidential_client").path("client_id").asString();
        backendSecret = hybrid.body().path("credentials").path("confidential_client").path("client_secret").asString();
        assertThat(backendId).isEqualTo(hybridId + "_backend");
        assertThat(backendSecret).isNotBlank();

        Http.Response early = Tmcp.exchange(Homeserver.register("early_" + run).accessToken(), shopId, "storage:read", null);
        assertThat(early.status()).as("not approved yet").isEqualTo(401);
        Developers.approve(shopId);
        Developers.approve(hybridId);
    }

    @Test
    void sensitiveScopesNeedConsentWhichTheUserGivesAtTheConsentEndpoint() {
        Homeserver.User user = Homeserver.register("consent_" + UUID.randomUUID().toString().substring(0, 8));
        Http.Response asked = Tmcp.exchange(user.accessToken(), shopId, "user:read wallet:balance storage:read", null);
        assertThat(asked.status()).as("%s", asked.body()).isEqualTo(403);
        assertThat(asked.text("error")).isEqualTo("consent_required");
        assertThat(asked.body().path("consent_required_scopes").valueStream().map(n -> n.asString()))
                .containsExactly("user:read", "wallet:balance");
        assertThat(asked.body().path("pre_approved_scopes").valueStream().map(n -> n.asString())).containsExactly("storage:read");
        String endpoint = asked.text("consent_ui_endpoint");
        assertThat(endpoint).startsWith("/oauth2/consent?session=");

        Http.Response page = Http.send("GET", Tmcp.GATEWAY + endpoint, null, null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains("Consent Shop").contains("Read your wallet balance");

        String session = Http.query(Tmcp.GATEWAY + endpoint, "session");
        // Only the user's own client decides (decision 0025): it presents the user's homeserver token.
        Developers.consent(user, endpoint);
        Http.Response reused = Http.send("POST", Tmcp.GATEWAY + "/oauth2/consent", "Bearer " + user.accessToken(),
                "application/x-www-form-urlencoded", Http.formBody(Map.of("session", session, "decision", "approve")));
        assertThat(reused.status()).as("a consent session is used once").isEqualTo(400);

        Http.Response granted = Tmcp.exchange(user.accessToken(), shopId, "user:read wallet:balance storage:read", null);
        assertThat(granted.status()).as("%s", granted.body()).isEqualTo(200);
        assertThat(granted.text("scope")).isEqualTo("user:read wallet:balance storage:read");
        assertThat(Http.get(Tmcp.GATEWAY + "/wallet/v1/balance", granted.text("access_token")).status()).isEqualTo(200);
    }

    @Test
    void aMiniAppSendsARichCardThroughTheJsonRpcBridgeAsItsOwnVirtualUser() {
        Homeserver.User user = Homeserver.register("card_" + UUID.randomUUID().toString().substring(0, 8));
        String room = Homeserver.privateRoom(user);
        Http.Response asked = Tmcp.exchange(user.accessToken(), shopId, "messaging:send", room);
        assertThat(asked.text("error")).isEqualTo("consent_required");
        Developers.consent(user, asked.text("consent_ui_endpoint"));
        Http.Response granted = Tmcp.exchange(user.accessToken(), shopId, "messaging:send", room);
        assertThat(granted.status()).as("%s", granted.body()).isEqualTo(200);

        Http.Response sent = Http.post(Tmcp.GATEWAY + "/api/v1/client/bridge", granted.text("access_token"), Map.of(
                "jsonrpc", "2.0", "id", 7, "method", "tween.messaging.sendCard",
                "params", Map.of("card", Map.of("type", "product", "title", "Blue mug", "description", "Ceramic, 350 ml"),
                        "body", "Blue mug")));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body().path("error").isMissingNode()).as("%s", sent.body()).isTrue();
        assertThat(sent.body().path("id").asInt()).isEqualTo(7);

        var events = Homeserver.awaitTimeline(user, room, "m.room.message", java.time.Duration.ofSeconds(30));
        assertThat(events).anySatisfy(event -> {
            assertThat(event.path("sender").asString()).startsWith("@ma_");
            assertThat(event.path("content").path("msgtype").asString()).isEqualTo("m.tween.card");
            assertThat(event.path("content").toString()).contains("Blue mug");
        });
    }

    @Test
    void aMiniAppCannotApproveItsOwnConsent() {
        Homeserver.User user = Homeserver.register("own_" + UUID.randomUUID().toString().substring(0, 8));
        String tep = Tmcp.exchange(user.accessToken(), shopId, "storage:read", null).text("access_token");
        Http.Response asked = Tmcp.exchange(Homeserver.login(user), shopId, "storage:read wallet:balance", null);
        assertThat(asked.text("error")).isEqualTo("consent_required");
        String session = Http.query(Tmcp.GATEWAY + asked.text("consent_ui_endpoint"), "session");
        String form = Http.formBody(Map.of("session", session, "decision", "approve"));

        Http.Response byId = Http.send("POST", Tmcp.GATEWAY + "/oauth2/consent", null, "application/x-www-form-urlencoded", form);
        Http.Response byTep = Http.send("POST", Tmcp.GATEWAY + "/oauth2/consent", "Bearer " + tep,
                "application/x-www-form-urlencoded", form);

        assertThat(byId.status()).as("the session id alone: %s", byId.body()).isEqualTo(401);
        assertThat(byId.body().path("error").path("code").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(byTep.status()).as("the mini-app's own TEP: %s", byTep.body()).isEqualTo(403);
        assertThat(byTep.body().path("error").path("code").asString()).isEqualTo("INSUFFICIENT_PERMISSIONS");
        assertThat(Tmcp.exchange(Homeserver.login(user), shopId, "storage:read wallet:balance", null).text("error"))
                .as("nothing was approved").isEqualTo("consent_required");
    }

    @Test
    void theHybridBackendAuthenticatesWithItsSecretAndCannotActForAUser() {
        Http.Response ok = Http.send("POST", Tmcp.GATEWAY + "/oauth2/token", Http.basic(backendId, backendSecret),
                "application/x-www-form-urlencoded", Http.formBody(Map.of("grant_type", "client_credentials", "scope", "storage:read")));
        assertThat(ok.status()).as("%s", ok.body()).isEqualTo(200);
        assertThat(ok.text("access_token")).startsWith("cli.");
        assertThat(ok.body().has("refresh_token")).isFalse();

        Http.Response post = Http.form(Tmcp.GATEWAY + "/oauth2/token", Map.of("grant_type", "client_credentials",
                "client_id", backendId, "client_secret", backendSecret, "scope", "storage:read"));
        assertThat(post.status()).as("client_secret_post too").isEqualTo(200);

        Http.Response wrong = Http.send("POST", Tmcp.GATEWAY + "/oauth2/token", Http.basic(backendId, backendSecret + "x"),
                "application/x-www-form-urlencoded", Http.formBody(Map.of("grant_type", "client_credentials")));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text("error")).isEqualTo("invalid_client");

        Http.Response publicHalf = Http.form(Tmcp.GATEWAY + "/oauth2/token", Map.of("grant_type", "client_credentials",
                "client_id", hybridId));
        assertThat(publicHalf.status()).as("the public frontend has no client_credentials").isEqualTo(400);

        Http.Response sensitive = Http.send("POST", Tmcp.GATEWAY + "/oauth2/token", Http.basic(backendId, backendSecret),
                "application/x-www-form-urlencoded", Http.formBody(Map.of("grant_type", "client_credentials", "scope", "user:read")));
        assertThat(sensitive.text("error")).as("no user, no consent: sensitive scopes are refused").isEqualTo("invalid_scope");

        Homeserver.User user = Homeserver.register("hyb_" + UUID.randomUUID().toString().substring(0, 8));
        Http.Response asBackend = Http.send("POST", Tmcp.GATEWAY + "/oauth2/token", Http.basic(backendId, backendSecret),
                "application/x-www-form-urlencoded", Http.formBody(Map.of("grant_type", Tmcp.TOKEN_EXCHANGE,
                        "subject_token", user.accessToken(), "subject_token_type", Tmcp.ACCESS_TOKEN)));
        assertThat(asBackend.text("error")).isEqualTo("unauthorized_client");
    }

    @Test
    void eachRegisteredClientExistsInKeycloakWithItsGrantTypes() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            var frontend = KeycloakAdmin.client(hybridId);
            var backend = KeycloakAdmin.client(backendId);
            assertThat(frontend.path("publicClient").asBoolean()).isTrue();
            assertThat(frontend.path("attributes").path("oauth2.device.authorization.grant.enabled").asString()).isEqualTo("true");
            assertThat(frontend.path("attributes").path("pkce.code.challenge.method").asString()).isEqualTo("S256");
            assertThat(backend.path("publicClient").asBoolean(true)).isFalse();
            assertThat(backend.path("serviceAccountsEnabled").asBoolean()).isTrue();
        });
    }

    @Test
    void twoMiniAppsOfOneUserNeverSeeEachOthersStorage() {
        Homeserver.User user = Homeserver.register("iso_" + UUID.randomUUID().toString().substring(0, 8));
        String demo = Tmcp.tep(user.accessToken(), "storage:read storage:write", null);
        Http.Response other = Tmcp.exchange(user.accessToken(), shopId, "storage:read storage:write", null);
        assertThat(other.status()).as("%s", other.body()).isEqualTo(200);
        String shop = other.text("access_token");

        assertThat(Http.put(Tmcp.GATEWAY + "/api/v1/storage/cart", demo, Map.of("value", "demo's cart")).status()).isEqualTo(200);
        assertThat(Http.get(Tmcp.GATEWAY + "/api/v1/storage/cart", shop).status()).isEqualTo(404);
        assertThat(Http.put(Tmcp.GATEWAY + "/api/v1/storage/cart", shop, Map.of("value", "shop's cart")).status()).isEqualTo(200);
        assertThat(Http.get(Tmcp.GATEWAY + "/api/v1/storage/cart", demo).text("value")).isEqualTo("demo's cart");
        assertThat(Http.get(Tmcp.GATEWAY + "/api/v1/storage/cart", shop).text("value")).isEqualTo("shop's cart");
    }
}
