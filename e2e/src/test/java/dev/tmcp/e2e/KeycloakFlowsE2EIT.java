package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.StackEnv;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Spec 4.3.2 and 4.3.3 with Keycloak in the role of MAS: the mini-app runs the device authorization
 * grant or authorization code + PKCE (S256) against Keycloak — the user's side is Keycloak's real
 * pages, driven here with an HTTP client and a cookie jar — and exchanges the Keycloak token for a
 * TEP, receiving a fresh short-lived Keycloak token as {@code matrix_access_token} (step 7).
 */
class KeycloakFlowsE2EIT {

    private static final String REALM = StackEnv.get("KEYCLOAK_URL") + "/realms/" + StackEnv.get("KEYCLOAK_REALM");
    private static final String OIDC = REALM + "/protocol/openid-connect";
    private static final String REDIRECT = "http://127.0.0.1:8080/demo/callback";
    private static final Pattern LOGIN_FORM = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"");

    @Test
    void deviceAuthorizationGrantEndsInATep() throws Exception {
        Http.Response device = Http.form(OIDC + "/auth/device", Map.of("client_id", Tmcp.CLIENT_ID, "scope", "openid"));
        assertThat(device.status()).as("%s", device.body()).isEqualTo(200);
        assertThat(device.text("user_code")).isNotBlank();

        Http.Response early = Http.form(OIDC + "/token", Map.of("grant_type",
                "urn:ietf:params:oauth:grant-type:device_code", "device_code", device.text("device_code"), "client_id", Tmcp.CLIENT_ID));
        assertThat(early.text("error")).as("before the user approves").isEqualTo("authorization_pending");

        Browser browser = new Browser();
        HttpResponse<String> page = browser.get(device.text("verification_uri_complete"));
        page = browser.login(page);
        page = browser.acceptConsentIfAsked(page);
        assertThat(page.statusCode()).isLessThan(400);

        Http.Response token = Http.form(OIDC + "/token", Map.of("grant_type",
                "urn:ietf:params:oauth:grant-type:device_code", "device_code", device.text("device_code"), "client_id", Tmcp.CLIENT_ID));
        assertThat(token.status()).as("%s", token.body()).isEqualTo(200);
        assertTepWithMatrixToken(token.text("access_token"));
    }

    @Test
    void authorizationCodeWithPkceEndsInATepAndPlainPkceIsRefused() throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));

        Browser plain = new Browser();
        HttpResponse<String> refused = plain.get(authorize(verifier, "plain"));
        assertThat(refused.statusCode() >= 400 || refused.headers().firstValue("Location").orElse("").contains("error="))
                .as("S256 only: a plain challenge is refused").isTrue();

        Browser browser = new Browser();
        HttpResponse<String> login = browser.get(authorize(challenge, "S256"));
        HttpResponse<String> redirect = browser.acceptConsentIfAsked(browser.login(login));
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT);
        String code = query(location, "code");

        Http.Response wrongVerifier = Http.form(OIDC + "/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", Tmcp.CLIENT_ID, "code_verifier", verifier + "x"));
        assertThat(wrongVerifier.status()).isEqualTo(400);

        Browser again = new Browser();
        String code2 = query(again.acceptConsentIfAsked(again.login(again.get(authorize(challenge, "S256"))))
                .headers().firstValue("Location").orElseThrow(), "code");
        Http.Response token = Http.form(OIDC + "/token", Map.of("grant_type", "authorization_code", "code", code2,
                "redirect_uri", REDIRECT, "client_id", Tmcp.CLIENT_ID, "code_verifier", verifier));
        assertThat(token.status()).as("%s", token.body()).isEqualTo(200);
        assertTepWithMatrixToken(token.text("access_token"));
    }

    private static void assertTepWithMatrixToken(String keycloakToken) {
        Http.Response exchanged = Tmcp.exchange(keycloakToken, Tmcp.CLIENT_ID, "user:read", null);
        assertThat(exchanged.status()).as("%s", exchanged.body()).isEqualTo(200);
        assertThat(exchanged.text("access_token")).startsWith("tep.");
        assertThat(exchanged.text("user_id")).isEqualTo("@" + StackEnv.get("KC_TEST_USER") + ":" + Homeserver.SERVER);
        assertThat(exchanged.body().path("delegated_session").asBoolean()).isFalse();

        String matrixToken = exchanged.text("matrix_access_token");
        assertThat(matrixToken).isNotBlank().isNotEqualTo(keycloakToken);
        assertThat(exchanged.body().path("matrix_expires_in").asLong()).isBetween(1L, 300L);
        Http.Response introspected = Http.send("POST", OIDC + "/token/introspect",
                Http.basic(StackEnv.get("KEYCLOAK_CLIENT_ID"), StackEnv.get("KEYCLOAK_CLIENT_SECRET")),
                "application/x-www-form-urlencoded", Http.formBody(Map.of("token", matrixToken)));
        JsonNode claims = introspected.body();
        assertThat(claims.path("active").asBoolean()).as("the matrix_access_token is a live Keycloak token").isTrue();
        assertThat(claims.path("preferred_username").asString()).isEqualTo(StackEnv.get("KC_TEST_USER"));
    }

    private static String authorize(String challenge, String method) {
        return OIDC + "/auth?response_type=code&client_id=" + Tmcp.CLIENT_ID + "&redirect_uri=" + Http.enc(REDIRECT)
                + "&scope=openid&state=s1&code_challenge=" + challenge + "&code_challenge_method=" + method;
    }

    private static String query(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError(name + " missing from " + url);
    }

    /** A user's browser: a cookie jar, no automatic redirects outside Keycloak. */
    private static final class Browser {

        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> get(String url) throws Exception {
            return follow(client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        HttpResponse<String> login(HttpResponse<String> page) throws Exception {
            Matcher form = LOGIN_FORM.matcher(page.body());
            assertThat(form.find()).as("Keycloak login form in:%n%s", page.body()).isTrue();
            return post(form.group(1).replace("&amp;", "&"), Map.of("username", StackEnv.get("KC_TEST_USER"),
                    "password", StackEnv.get("KC_TEST_PASSWORD"), "credentialId", ""));
        }

        HttpResponse<String> acceptConsentIfAsked(HttpResponse<String> page) throws Exception {
            Matcher consent = Pattern.compile("action=\"([^\"]*login-actions/(?:consent|required-action)[^\"]*)\"").matcher(page.body());
            if (page.statusCode() == 200 && consent.find()) {
                return post(consent.group(1).replace("&amp;", "&"), Map.of("accept", "Yes"));
            }
            return page;
        }

        private HttpResponse<String> post(String url, Map<String, String> fields) throws Exception {
            return follow(client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(Http.formBody(fields))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        /** Follows redirects within Keycloak; stops at one leaving it (the mini-app's redirect_uri). */
        private HttpResponse<String> follow(HttpResponse<String> response) throws Exception {
            while (response.statusCode() / 100 == 3) {
                String location = response.headers().firstValue("Location").orElseThrow();
                URI next = response.uri().resolve(location);
                if (!next.toString().startsWith(StackEnv.get("KEYCLOAK_URL"))) {
                    return response;
                }
                response = client.send(HttpRequest.newBuilder(next).GET().build(), HttpResponse.BodyHandlers.ofString());
            }
            return response;
        }
    }
}
