package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.StackEnv;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

    @Test
    void deviceAuthorizationGrantEndsInATep() throws Exception {
        String verifier = verifier();
        Http.Response device = Http.form(OIDC + "/auth/device", Map.of("client_id", Tmcp.CLIENT_ID, "scope", "openid",
                "code_challenge", challenge(verifier), "code_challenge_method", "S256"));
        assertThat(device.status()).as("%s", device.body()).isEqualTo(200);
        assertThat(device.text("user_code")).isNotBlank();

        Map<String, String> poll = Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "device_code", device.text("device_code"), "client_id", Tmcp.CLIENT_ID, "code_verifier", verifier);
        Http.Response early = Http.form(OIDC + "/token", poll);
        assertThat(early.text("error")).as("before the user approves").isEqualTo("authorization_pending");

        KeycloakBrowser browser = new KeycloakBrowser(StackEnv.get("KC_TEST_USER"), StackEnv.get("KC_TEST_PASSWORD"));
        HttpResponse<String> page = browser.get(device.text("verification_uri_complete"));
        page = browser.login(page);
        page = browser.acceptConsentIfAsked(page);
        assertThat(page.statusCode()).isLessThan(400);

        Http.Response token = pollAsADeviceDoes(poll, device.body().path("interval").asInt(5));
        assertThat(token.status()).as("%s", token.body()).isEqualTo(200);
        assertTepWithMatrixToken(token.text("access_token"));
    }

    /** RFC 8628 3.5: wait the interval between polls, five seconds more after each slow_down. */
    private static Http.Response pollAsADeviceDoes(Map<String, String> poll, int interval) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        while (true) {
            Thread.sleep(interval * 1000L);
            Http.Response token = Http.form(OIDC + "/token", poll);
            String error = token.text("error");
            if (token.status() == 200 || java.time.Instant.now().isAfter(deadline)
                    || !("authorization_pending".equals(error) || "slow_down".equals(error))) {
                return token;
            }
            if ("slow_down".equals(error)) {
                interval += 5;
            }
        }
    }

    @Test
    void authorizationCodeWithPkceEndsInATepAndPlainPkceIsRefused() throws Exception {
        String verifier = verifier();
        String challenge = challenge(verifier);

        KeycloakBrowser plain = new KeycloakBrowser(StackEnv.get("KC_TEST_USER"), StackEnv.get("KC_TEST_PASSWORD"));
        HttpResponse<String> refused = plain.get(authorize(verifier, "plain"));
        assertThat(refused.statusCode() >= 400 || refused.headers().firstValue("Location").orElse("").contains("error="))
                .as("S256 only: a plain challenge is refused").isTrue();

        KeycloakBrowser browser = new KeycloakBrowser(StackEnv.get("KC_TEST_USER"), StackEnv.get("KC_TEST_PASSWORD"));
        HttpResponse<String> login = browser.get(authorize(challenge, "S256"));
        HttpResponse<String> redirect = browser.acceptConsentIfAsked(browser.login(login));
        String location = redirect.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "no redirect to the mini-app: HTTP " + redirect.statusCode() + "\n" + redirect.body()));
        assertThat(location).startsWith(REDIRECT);
        String code = Http.query(location, "code");

        Http.Response wrongVerifier = Http.form(OIDC + "/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", Tmcp.CLIENT_ID, "code_verifier", verifier + "x"));
        assertThat(wrongVerifier.status()).isEqualTo(400);

        KeycloakBrowser again = new KeycloakBrowser(StackEnv.get("KC_TEST_USER"), StackEnv.get("KC_TEST_PASSWORD"));
        String code2 = Http.query(again.acceptConsentIfAsked(again.login(again.get(authorize(challenge, "S256"))))
                .headers().firstValue("Location").orElseThrow(), "code");
        Http.Response token = Http.form(OIDC + "/token", Map.of("grant_type", "authorization_code", "code", code2,
                "redirect_uri", REDIRECT, "client_id", Tmcp.CLIENT_ID, "code_verifier", verifier));
        assertThat(token.status()).as("%s", token.body()).isEqualTo(200);
        assertTepWithMatrixToken(token.text("access_token"));
    }

    private static String verifier() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static void assertTepWithMatrixToken(String keycloakToken) throws Exception {
        Http.Response exchanged = Tmcp.exchange(keycloakToken, Tmcp.CLIENT_ID, "user:read", null);
        assertThat(exchanged.status()).as("%s", exchanged.body()).isEqualTo(200);
        assertThat(exchanged.text("access_token")).startsWith("tep.");
        assertThat(exchanged.text("user_id")).isEqualTo("@" + StackEnv.get("KC_TEST_USER") + ":" + Homeserver.SERVER);
        assertThat(exchanged.body().path("delegated_session").asBoolean()).isFalse();

        String matrixToken = exchanged.text("matrix_access_token");
        assertThat(matrixToken).isNotBlank().isNotEqualTo(keycloakToken);
        assertThat(exchanged.body().path("matrix_expires_in").asLong()).isBetween(1L, 300L);
        // Keycloak's own signature, issuer and lifetime: the token is Keycloak's, short-lived, for this user.
        com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(matrixToken);
        com.nimbusds.jose.jwk.JWKSet keys = com.nimbusds.jose.jwk.JWKSet.load(URI.create(OIDC + "/certs").toURL());
        com.nimbusds.jose.jwk.RSAKey key = (com.nimbusds.jose.jwk.RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(REALM);
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo(StackEnv.get("KC_TEST_USER"));
        assertThat(claims.getExpirationTime()).isAfter(new java.util.Date());
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isLessThanOrEqualTo(300_000);
    }

    private static String authorize(String challenge, String method) {
        return OIDC + "/auth?response_type=code&client_id=" + Tmcp.CLIENT_ID + "&redirect_uri=" + Http.enc(REDIRECT)
                + "&scope=openid&state=s1&code_challenge=" + challenge + "&code_challenge_method=" + method;
    }
}
