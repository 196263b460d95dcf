package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.tmcp.test.StackEnv;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Keycloak-issued access token is verified by RFC 7662 introspection and exchanged for a TEP. */
class KeycloakSubjectE2EIT {

    @Test
    void aKeycloakUserGetsATepForTheirMatrixIdentity() throws Exception {
        String realm = StackEnv.get("KEYCLOAK_URL") + "/realms/" + StackEnv.get("KEYCLOAK_REALM");
        Http.Response login = Http.form(realm + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "tmcp-cli",
                "username", StackEnv.get("KC_TEST_USER"), "password", StackEnv.get("KC_TEST_PASSWORD")));
        assertThat(login.status()).as("%s", login.body()).isEqualTo(200);

        Http.Response exchanged = Tmcp.exchange(login.text("access_token"), Tmcp.CLIENT_ID, "user:read", null);

        assertThat(exchanged.status()).as("%s", exchanged.body()).isEqualTo(200);
        String expectedUser = "@" + StackEnv.get("KC_TEST_USER") + ":" + Homeserver.SERVER;
        assertThat(exchanged.text("user_id")).isEqualTo(expectedUser);
        var claims = SignedJWT.parse(exchanged.text("access_token").substring(4)).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(expectedUser);
        assertThat(claims.getStringClaim("delegated_from")).isEqualTo("keycloak");
        assertThat(claims.getStringClaim("scope")).isEqualTo("user:read");
    }

    @Test
    void aRevokedOrForgedKeycloakTokenIsAnInvalidGrant() {
        String forged = "eyJhbGciOiJSUzI1NiJ9." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"" + StackEnv.get("KEYCLOAK_URL") + "/realms/" + StackEnv.get("KEYCLOAK_REALM")
                        + "\",\"sub\":\"x\",\"preferred_username\":\"mallory\"}").getBytes()) + ".c2ln";
        Http.Response r = Tmcp.exchange(forged, Tmcp.CLIENT_ID, "user:read", null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.text("error")).isEqualTo("invalid_grant");
    }
}
