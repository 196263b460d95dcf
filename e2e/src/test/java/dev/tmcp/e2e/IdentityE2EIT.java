package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.test.StackEnv;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sessions of the token endpoint through the gateway, on the real stack: refresh rotation and reuse
 * detection, one-time subject tokens, revocation by the client and by the user, account deletion by
 * the platform — and that the gateway and the services stop accepting a dead session's TEPs.
 */
class IdentityE2EIT {

    private static final String TOKEN = Tmcp.GATEWAY + "/oauth2/token";
    private static final String BALANCE = Tmcp.GATEWAY + "/wallet/v1/balance";
    /** A service called directly, not through the gateway: it must check revocations itself. */
    private static final String BALANCE_DIRECT = StackEnv.get("WALLET_ADAPTER_URL") + "/wallet/v1/balance";

    @Test
    void aRefreshTokenRotatesAndItsReuseRevokesTheWholeFamily() {
        Homeserver.User user = Homeserver.register("rt_" + UUID.randomUUID().toString().substring(0, 8));
        Http.Response first = Tmcp.exchange(user.accessToken(), Tmcp.CLIENT_ID, "user:read wallet:balance", null);
        assertThat(first.status()).as("%s", first.body()).isEqualTo(200);

        Http.Response second = refresh(first.text("refresh_token"), null);
        assertThat(second.status()).as("%s", second.body()).isEqualTo(200);
        assertThat(second.text("refresh_token")).isNotEqualTo(first.text("refresh_token"));
        assertThat(second.text("scope")).isEqualTo("user:read wallet:balance");
        assertThat(Http.get(BALANCE, second.text("access_token")).status()).isEqualTo(200);

        Http.Response narrowed = refresh(second.text("refresh_token"), "user:read");
        assertThat(narrowed.status()).isEqualTo(200);
        assertThat(narrowed.text("scope")).isEqualTo("user:read");
        Http.Response widened = refresh(narrowed.text("refresh_token"), "user:read wallet:pay");
        assertThat(widened.status()).isEqualTo(400);
        assertThat(widened.text("error")).isEqualTo("invalid_scope");

        Http.Response reused = refresh(first.text("refresh_token"), null);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.text("error")).isEqualTo("invalid_grant");
        assertRevoked(second.text("access_token"));
        assertThat(refresh(narrowed.text("refresh_token"), null).text("error"))
                .as("every token of the family is dead").isEqualTo("invalid_grant");
    }

    @Test
    void aSubjectTokenIsExchangedOnlyOncePerMiniApp() {
        Homeserver.User user = Homeserver.register("once_" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(Tmcp.exchange(user.accessToken(), Tmcp.CLIENT_ID, "user:read", null).status()).isEqualTo(200);
        Http.Response replay = Tmcp.exchange(user.accessToken(), Tmcp.CLIENT_ID, "user:read", null);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.text("error")).isEqualTo("invalid_grant");
        assertThat(Tmcp.exchange(Homeserver.login(user), Tmcp.CLIENT_ID, "user:read", null).status())
                .as("a new Matrix token still works").isEqualTo(200);
    }

    @Test
    void revokingEndsEverySessionOfThatUserAndMiniAppWithinASecond() {
        Homeserver.User user = Homeserver.register("rv_" + UUID.randomUUID().toString().substring(0, 8));
        String tep1 = Tmcp.tep(user.accessToken(), "user:read wallet:balance", null);
        Http.Response other = Tmcp.exchange(Homeserver.login(user), Tmcp.CLIENT_ID, "user:read wallet:balance", null);
        String tep2 = other.text("access_token");
        assertThat(Http.get(BALANCE, tep2).status()).isEqualTo(200);
        assertThat(Http.get(BALANCE_DIRECT, tep2).status()).isEqualTo(200);

        Http.Response revoked = Http.post(Tmcp.GATEWAY + "/api/v1/auth/revoke", tep1, Map.of("reason", "user_initiated"));
        assertThat(revoked.status()).as("%s", revoked.body()).isEqualTo(200);
        assertThat(revoked.body().path("sessions_revoked").asInt()).isEqualTo(2);

        assertRevoked(tep1);
        assertRevoked(tep2);
        assertThat(refresh(other.text("refresh_token"), null).text("error")).isEqualTo("invalid_grant");
    }

    @Test
    void theUserCanRemoveAMiniAppsAuthorizationWithTheirOwnMatrixToken() {
        Homeserver.User user = Homeserver.register("ud_" + UUID.randomUUID().toString().substring(0, 8));
        String tep = Tmcp.tep(user.accessToken(), "user:read wallet:balance", null);

        Http.Response noToken = Http.send("DELETE", Tmcp.GATEWAY + "/api/v1/auth/authorizations/" + Tmcp.CLIENT_ID, null, null, null);
        assertThat(noToken.status()).isEqualTo(401);
        Http.Response removed = Http.delete(Tmcp.GATEWAY + "/api/v1/auth/authorizations/" + Tmcp.CLIENT_ID,
                Homeserver.login(user));
        assertThat(removed.status()).as("%s", removed.body()).isEqualTo(200);
        assertThat(removed.body().path("sessions_revoked").asInt()).isEqualTo(1);
        assertRevoked(tep);
    }

    @Test
    void deletingAnAccountIsForThePlatformOnlyAndErasesTheUsersData() {
        Homeserver.User user = Homeserver.register("del_" + UUID.randomUUID().toString().substring(0, 8));
        String tep = Tmcp.tep(user.accessToken(), "storage:read storage:write wallet:balance", null);
        assertThat(Http.put(Tmcp.GATEWAY + "/api/v1/storage/cart", tep, Map.of("value", "3 apples")).status()).isEqualTo(200);
        String admin = Tmcp.AUTH_SERVICE + "/admin/users/" + Http.enc(user.userId());

        Http.Response asMiniApp = Http.delete(admin, tep);
        assertThat(asMiniApp.status()).isEqualTo(403);
        assertThat(asMiniApp.text("error")).isEqualTo("forbidden_platform_endpoint");
        Http.Response anonymous = Http.send("DELETE", admin, null, null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        Http.Response wrongSecret = Http.send("DELETE", admin,
                Http.basic(StackEnv.get("TMCP_CONSOLE_CLIENT_ID"), "not-the-secret-at-all"), null, null);
        assertThat(wrongSecret.status()).isEqualTo(401);

        Http.Response deleted = Http.send("DELETE", admin,
                Http.basic(StackEnv.get("TMCP_CONSOLE_CLIENT_ID"), StackEnv.get("TMCP_CONSOLE_CLIENT_SECRET")), null, null);
        assertThat(deleted.status()).as("%s", deleted.body()).isEqualTo(200);
        assertRevoked(tep);

        String fresh = Tmcp.tep(Homeserver.login(user), "storage:read", null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Http.get(Tmcp.GATEWAY + "/api/v1/storage/cart", fresh).status())
                        .as("user.deleted reached storage-service").isEqualTo(404));
    }

    @Test
    void rotatingTheSigningKeyKeepsEarlierTepsValid() throws Exception {
        Homeserver.User user = Homeserver.register("kr_" + UUID.randomUUID().toString().substring(0, 8));
        String before = Tmcp.tep(user.accessToken(), "user:read wallet:balance", null);
        String oldKid = com.nimbusds.jwt.SignedJWT.parse(before.substring(4)).getHeader().getKeyID();

        Http.Response asMiniApp = Http.send("POST", Tmcp.AUTH_SERVICE + "/admin/keys/rotate", "Bearer " + before, null, null);
        assertThat(asMiniApp.status()).isEqualTo(403);
        Http.Response rotated = Http.send("POST", Tmcp.AUTH_SERVICE + "/admin/keys/rotate",
                Http.basic(StackEnv.get("TMCP_CONSOLE_CLIENT_ID"), StackEnv.get("TMCP_CONSOLE_CLIENT_SECRET")), null, null);
        assertThat(rotated.status()).as("%s", rotated.body()).isEqualTo(200);
        String newKid = rotated.text("active_kid");
        assertThat(newKid).isNotEqualTo(oldKid);

        Http.Response jwks = Http.get(Tmcp.GATEWAY + "/.well-known/jwks.json", null);
        assertThat(jwks.body().path("keys").valueStream().map(k -> k.path("kid").asString()))
                .contains(oldKid, newKid);
        String after = Tmcp.tep(Homeserver.login(user), "user:read wallet:balance", null);
        assertThat(com.nimbusds.jwt.SignedJWT.parse(after.substring(4)).getHeader().getKeyID()).isEqualTo(newKid);
        for (String tep : java.util.List.of(before, after)) {
            assertThat(Http.get(BALANCE, tep).status()).isEqualTo(200);
            assertThat(Http.get(BALANCE_DIRECT, tep).status()).isEqualTo(200);
        }
    }

    private static Http.Response refresh(String refreshToken, String scope) {
        Map<String, String> form = new java.util.HashMap<>(Map.of("grant_type", "refresh_token",
                "refresh_token", refreshToken, "client_id", Tmcp.CLIENT_ID));
        if (scope != null) {
            form.put("scope", scope);
        }
        return Http.form(TOKEN, form);
    }

    /** Refused at the gateway and by a service called directly, within a second of the revocation. */
    private static void assertRevoked(String tep) {
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Http.Response viaGateway = Http.get(BALANCE, tep);
            assertThat(viaGateway.status()).isEqualTo(401);
            assertThat(viaGateway.body().path("error").path("code").asString()).isEqualTo("INVALID_TOKEN");
            assertThat(Http.get(BALANCE_DIRECT, tep).status()).isEqualTo(401);
        });
    }
}
