package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.StackEnv;
import java.util.Map;
import java.util.UUID;

/** The developer side of the platform (4.4, 9.1.1): a whitelisted developer's token, and the platform's approval. */
final class Developers {

    static final String PLATFORM = Http.basic(StackEnv.get("TMCP_CONSOLE_CLIENT_ID"), StackEnv.get("TMCP_CONSOLE_CLIENT_SECRET"));
    private static final String CONSOLE_REDIRECT = "http://127.0.0.1:8080/console/callback";

    private Developers() {
    }

    /**
     * A new Keycloak user, whitelisted by the platform, logs in through the developer console and
     * gets a developer token at the gateway.
     */
    static String developerToken() {
        String username = "dev-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        KeycloakAdmin.createUser(username, password);
        Http.Response whitelisted = Http.send("POST", Tmcp.AUTH_SERVICE + "/admin/developers/whitelist", PLATFORM,
                "application/json", Http.JSON.writeValueAsString(Map.of("matrix_user_id", "@" + username + ":" + Homeserver.SERVER)));
        assertThat(whitelisted.status()).as("%s", whitelisted.body()).isBetween(200, 201);

        KeycloakBrowser browser = new KeycloakBrowser(username, password);
        String realm = StackEnv.get("KEYCLOAK_URL") + "/realms/" + StackEnv.get("KEYCLOAK_REALM");
        try {
            var redirect = browser.acceptConsentIfAsked(browser.login(browser.get(realm
                    + "/protocol/openid-connect/auth?response_type=code&client_id=tmcp-developer-console&scope=openid&state=c"
                    + "&redirect_uri=" + Http.enc(CONSOLE_REDIRECT))));
            String location = redirect.headers().firstValue("Location").orElseThrow(() -> new AssertionError(redirect.body()));
            Http.Response devToken = Http.send("POST", Tmcp.GATEWAY + "/oauth2/developer/token", PLATFORM,
                    "application/x-www-form-urlencoded", Http.formBody(Map.of("grant_type", "authorization_code",
                            "code", Http.query(location, "code"), "redirect_uri", CONSOLE_REDIRECT)));
            assertThat(devToken.status()).as("%s", devToken.body()).isEqualTo(200);
            return devToken.text("access_token");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void approve(String miniappId) {
        Http.Response approved = Http.send("POST", Tmcp.APPSTORE_SERVICE + "/admin/mini-apps/" + miniappId + "/approve", PLATFORM, null, null);
        assertThat(approved.status()).as("%s", approved.body()).isEqualTo(200);
    }

    /** The user approves a consent session with their own homeserver token (decision 0025). */
    static void consent(Homeserver.User user, String consentUiEndpoint) {
        String session = Http.query(Tmcp.GATEWAY + consentUiEndpoint, "session");
        Http.Response approved = Http.send("POST", Tmcp.GATEWAY + "/oauth2/consent", "Bearer " + user.accessToken(),
                "application/x-www-form-urlencoded", Http.formBody(Map.of("session", session, "decision", "approve")));
        assertThat(approved.status()).as("%s", approved.body()).isEqualTo(200);
    }
}
