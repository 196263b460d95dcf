package dev.tmcp.auth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.StackEnv;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Consent belongs to the user (decision 0025): only the user's own host client decides a consent request. */
class ConsentIT extends AuthServiceIT {

    private static String app() {
        String clientId = "ma_itconsent_" + run();
        REGISTRY.publicApp(clientId);
        return clientId;
    }

    @Test
    void theConsentSessionIdAloneDecidesNothing() {
        String app = app();
        MatrixUser alice = matrixUser("consent_alone");
        String session = consentSession(exchange(alice.accessToken(), app, "user:read wallet:pay"));

        Answer approved = decide(session, "approve", null);

        assertThat(approved.status()).as("%s", approved.body()).isEqualTo(401);
        assertThat(approved.code()).isEqualTo("INVALID_TOKEN");
        assertThat(exchange(alice.accessToken(), app, "user:read wallet:pay").text("error"))
                .as("nothing was approved").isEqualTo("consent_required");
    }

    @Test
    void theMiniAppsOwnTepCannotApproveItsConsent() {
        String app = app();
        MatrixUser alice = matrixUser("consent_tep");
        Answer tep = exchange(alice.accessToken(), app, "user:read");
        assertThat(tep.status()).as("%s", tep.body()).isEqualTo(200);
        String session = consentSession(exchange(login(alice), app, "user:read wallet:pay"));

        Answer approved = decide(session, "approve", bearer(tep.text("access_token")));

        assertThat(approved.status()).as("%s", approved.body()).isEqualTo(403);
        assertThat(approved.code()).isEqualTo("INSUFFICIENT_PERMISSIONS");
    }

    @Test
    void anotherUsersHomeserverTokenCannotApprove() {
        String app = app();
        MatrixUser alice = matrixUser("consent_victim");
        MatrixUser mallory = matrixUser("consent_mallory");
        String session = consentSession(exchange(alice.accessToken(), app, "user:read wallet:pay"));

        Answer approved = decide(session, "approve", bearer(mallory.accessToken()));

        assertThat(approved.status()).as("%s", approved.body()).isEqualTo(403);
        assertThat(approved.code()).isEqualTo("INSUFFICIENT_PERMISSIONS");
    }

    @Test
    void theUsersHomeserverTokenApprovesAndTheExchangeThenSucceeds() {
        String app = app();
        MatrixUser alice = matrixUser("consent_ok");
        String session = consentSession(exchange(alice.accessToken(), app, "user:read wallet:pay"));

        Answer approved = decide(session, "approve", bearer(alice.accessToken()));

        assertThat(approved.status()).as("%s", approved.body()).isEqualTo(200);
        assertThat(approved.text("consent")).isEqualTo("approved");
        Answer granted = exchange(alice.accessToken(), app, "user:read wallet:pay");
        assertThat(granted.status()).as("%s", granted.body()).isEqualTo(200);
        assertThat(granted.text("scope")).isEqualTo("user:read wallet:pay");
    }

    @Test
    void aRefusedAttemptLeavesTheRequestForTheUser() {
        String app = app();
        MatrixUser alice = matrixUser("consent_after");
        String session = consentSession(exchange(alice.accessToken(), app, "user:read wallet:pay"));
        assertThat(decide(session, "approve", "Bearer syt_not_a_real_token").status()).isEqualTo(401);

        assertThat(decide(session, "deny", bearer(alice.accessToken())).status()).isEqualTo(200);
    }

    @Test
    void aDenialIsRecordedAndTheScopeStaysUnapproved() {
        String app = app();
        MatrixUser alice = matrixUser("consent_deny");
        String session = consentSession(exchange(alice.accessToken(), app, "user:read wallet:pay"));

        Answer denied = decide(session, "deny", bearer(alice.accessToken()));

        assertThat(denied.status()).as("%s", denied.body()).isEqualTo(200);
        assertThat(denied.text("consent")).isEqualTo("denied");
        assertThat(exchange(alice.accessToken(), app, "user:read wallet:pay").text("error")).isEqualTo("consent_required");
    }

    @Test
    void theConsentRequiredAnswerCarriesTheValidationResultOf55() {
        String app = app();
        MatrixUser alice = matrixUser("consent_55");

        Answer asked = exchange(alice.accessToken(), app, "user:read wallet:pay");

        assertThat(asked.body().path("valid").valueStream().map(n -> n.asString())).containsExactly("user:read");
        assertThat(asked.body().path("denied").get(0).path("scope").asString()).isEqualTo("wallet:pay");
        assertThat(asked.body().path("denied").get(0).path("reason").asString()).isEqualTo("user_approval_required");
        assertThat(asked.body().path("consent_required").valueStream().map(n -> n.asString())).containsExactly("wallet:pay");
    }

    @Test
    void anUnregisteredScopeIsDeniedAsNotRegistered() {
        Answer asked = exchange(matrixUser("consent_unreg").accessToken(), app(), "user:read messaging:send");

        assertThat(asked.status()).isEqualTo(400);
        assertThat(asked.text("error")).isEqualTo("invalid_scope");
        assertThat(asked.body().path("denied").get(0).path("reason").asString()).isEqualTo("not_registered");
    }

    @Test
    void aFirstPartyKeycloakTokenOfTheSameUserApproves() {
        Assumptions.assumeTrue(StackEnv.find("KC_TEST_USER").isPresent(), "the stack has a Keycloak test user");
        String app = app();
        Answer token = Keycloaks.passwordGrant("tmcp-cli", StackEnv.get("KC_TEST_USER"), StackEnv.get("KC_TEST_PASSWORD"));
        String keycloak = token.text("access_token");
        String session = consentSession(exchange(keycloak, app, "user:read wallet:balance"));

        Answer approved = decide(session, "approve", bearer(keycloak));

        assertThat(approved.status()).as("%s", approved.body()).isEqualTo(200);
    }

    @Test
    void aConsentDecisionAsJsonNeedsTheUsersTokenToo() {
        String app = app();
        MatrixUser alice = matrixUser("consent_json");
        String session = consentSession(exchange(alice.accessToken(), app, "user:read wallet:pay"));

        Answer anonymous = json("POST", "/oauth2/consent", null, Map.of("session", session, "decision", "approve"));
        Answer user = json("POST", "/oauth2/consent", bearer(alice.accessToken()), Map.of("session", session, "decision", "approve"));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(user.status()).as("%s", user.body()).isEqualTo(200);
    }
}
