package dev.tmcp.auth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.web.tep.TepVerifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Revocation of single scopes (spec 5.6): only those approvals go, only the sessions holding them end. */
class ScopeRevocationIT extends AuthServiceIT {

    @Autowired
    TepVerifier verifier;

    /** A user who approved wallet:balance and wallet:pay for a new app; answers the app. */
    private static String approvedApp(MatrixUser user) {
        String app = "ma_itscopes_" + run();
        REGISTRY.publicApp(app);
        String session = consentSession(exchange(user.accessToken(), app, "user:read wallet:balance wallet:pay"));
        assertThat(decide(session, "approve", bearer(user.accessToken())).status()).isEqualTo(200);
        return app;
    }

    private static String tep(String subjectToken, String app, String scope) {
        Answer issued = exchange(subjectToken, app, scope);
        assertThat(issued.status()).as("%s", issued.body()).isEqualTo(200);
        return issued.text("access_token");
    }

    @Test
    void revokingOneScopeEndsTheSessionThatHoldsIt() {
        MatrixUser alice = matrixUser("scope_end");
        String app = approvedApp(alice);
        String tep = tep(alice.accessToken(), app, "user:read wallet:balance wallet:pay");

        Answer revoked = json("POST", "/api/v1/auth/revoke", bearer(tep), Map.of("scopes", List.of("wallet:pay")));

        assertThat(revoked.status()).as("%s", revoked.body()).isEqualTo(200);
        assertThat(revoked.body().path("revoked_scopes").valueStream().map(n -> n.asString())).containsExactly("wallet:pay");
        assertThat(revoked.body().path("sessions_revoked").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> verifier.verifyTep(bearer(tep)).block()).as("its TEP is refused at once");
    }

    @Test
    void aBadReasonOrScopeListIsA400InTheApisErrorFormat() {
        MatrixUser alice = matrixUser("scope_bad");
        String tep = tep(alice.accessToken(), approvedApp(alice), "user:read wallet:balance wallet:pay");

        Answer badReason = json("POST", "/api/v1/auth/revoke", bearer(tep), Map.of("reason", "app_removed\t"));
        Answer badScopes = json("POST", "/api/v1/auth/revoke", bearer(tep), Map.of("scopes", "wallet:pay"));

        assertThat(badReason.status()).isEqualTo(400);
        assertThat(badReason.body().path("error").path("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(badScopes.body().path("error").path("code").asString()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void aSessionWithoutTheScopeGoesOn() {
        MatrixUser alice = matrixUser("scope_other");
        String app = approvedApp(alice);
        String plain = tep(alice.accessToken(), app, "user:read");
        String paying = tep(login(alice), app, "user:read wallet:pay");

        assertThat(json("POST", "/api/v1/auth/revoke", bearer(paying), Map.of("scopes", List.of("wallet:pay"))).status())
                .isEqualTo(200);

        assertThat(verifier.verifyTep(bearer(plain)).block().clientId()).isEqualTo(app);
    }

    @Test
    void onlyTheRevokedApprovalIsForgotten() {
        MatrixUser alice = matrixUser("scope_keep");
        String app = approvedApp(alice);
        String tep = tep(alice.accessToken(), app, "user:read wallet:balance wallet:pay");

        assertThat(json("POST", "/api/v1/auth/revoke", bearer(tep), Map.of("scopes", List.of("wallet:pay"))).status())
                .isEqualTo(200);

        assertThat(exchange(login(alice), app, "user:read wallet:balance").status()).as("wallet:balance stays approved")
                .isEqualTo(200);
        assertThat(exchange(login(alice), app, "user:read wallet:pay").text("error")).as("wallet:pay must be asked again")
                .isEqualTo("consent_required");
    }

    @Test
    void theUsersSettingsDoorRevokesASingleScopeToo() {
        MatrixUser alice = matrixUser("scope_door");
        String app = approvedApp(alice);
        String tep = tep(alice.accessToken(), app, "user:read wallet:balance");

        Answer revoked = send("DELETE", "/api/v1/auth/authorizations/" + app + "?scope=wallet:balance",
                bearer(login(alice)), null, null);

        assertThat(revoked.status()).as("%s", revoked.body()).isEqualTo(200);
        assertThat(revoked.body().path("revoked_scopes").valueStream().map(n -> n.asString())).containsExactly("wallet:balance");
        assertThatThrownBy(() -> verifier.verifyTep(bearer(tep)).block());
    }
}
