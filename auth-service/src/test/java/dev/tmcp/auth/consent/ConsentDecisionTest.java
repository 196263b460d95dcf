package dev.tmcp.auth.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.tmcp.auth.clients.MiniAppRegistryClient;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.auth.subject.SubjectIdentity;
import dev.tmcp.auth.subject.SubjectTokenVerifier;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Deciding a consent request (decision 0025): only the user's own credential decides it, once; a
 * mini-app's token, a TEP or another user leaves the request pending.
 */
class ConsentDecisionTest {

    private static final String ALICE = "@alice:tween.example";
    private static final String SESSION = "cns_0123456789abcdefghijKLMNOP";
    private static final String HOST_TOKEN = "syt_YWxpY2U_host";
    private static final String MINIAPP_TOKEN = "eyJ.kc-token-of-the-mini-app.sig";

    private final Consents consents = mock(Consents.class);
    private final SubjectTokenVerifier subjects = mock(SubjectTokenVerifier.class);
    private final ConsentController controller = new ConsentController(consents, mock(MiniAppRegistryClient.class),
            subjects);

    private final Consents.Request pending = new Consents.Request(SESSION, ALICE, "ma_shop", List.of("wallet:pay"),
            List.of("user:read"));

    @BeforeEach
    void alicesPendingRequest() {
        when(subjects.firstPartyClients()).thenReturn(Set.of("tmcp-cli"));
        when(subjects.identify(HOST_TOKEN)).thenReturn(Mono.just(new SubjectIdentity(UserId.of(ALICE),
                SubjectIdentity.MATRIX_SESSION, "DEVICE1", null, null, null, null)));
        when(subjects.identify(MINIAPP_TOKEN)).thenReturn(Mono.just(new SubjectIdentity(UserId.of(ALICE),
                SubjectIdentity.KEYCLOAK, null, "sid", "kc-alice", "ma_shop", null)));
        when(consents.pending(SESSION)).thenReturn(Mono.just(pending));
        when(consents.decide(anyString(), anyString(), anyBoolean())).thenReturn(Mono.just(pending));
    }

    @Test
    void theUsersOwnHostClientApprovesAndTheRequestedScopesAreApproved() {
        StepVerifier.create(controller.decideJson(decision("approve"), "Bearer " + HOST_TOKEN))
                .assertNext(response -> assertThat(response.getBody()).containsExactly(
                        Map.entry("consent", "approved"),
                        Map.entry("client_id", "ma_shop"),
                        Map.entry("approved_scopes", List.of("wallet:pay"))))
                .verifyComplete();
        verify(consents).decide(SESSION, ALICE, true);
    }

    @Test
    void theUsersOwnHostClientDeniesAndNothingIsApproved() {
        StepVerifier.create(controller.decideJson(decision("deny"), "Bearer " + HOST_TOKEN))
                .assertNext(response -> assertThat(response.getBody())
                        .containsEntry("consent", "denied")
                        .containsEntry("denied_scopes", List.of("wallet:pay"))
                        .doesNotContainKey("approved_scopes"))
                .verifyComplete();
        verify(consents).decide(SESSION, ALICE, false);
    }

    @Test
    void theMiniAppCannotApproveItsOwnConsentWithItsKeycloakToken() {
        StepVerifier.create(controller.decideJson(decision("approve"), "Bearer " + MINIAPP_TOKEN))
                .verifyErrorSatisfies(tmcpError(ErrorCode.INSUFFICIENT_PERMISSIONS));
        verify(consents, never()).decide(anyString(), anyString(), anyBoolean());
    }

    @Test
    void theMiniAppCannotApproveItsOwnConsentWithItsTep() {
        StepVerifier.create(controller.decideJson(decision("approve"), "Bearer tep.eyJhbGciOiJSUzI1NiJ9.e30.sig"))
                .verifyErrorSatisfies(tmcpError(ErrorCode.INSUFFICIENT_PERMISSIONS));
        verifyNoInteractions(consents);
        verify(subjects, never()).identify(anyString());
    }

    @Test
    void theConsentSessionIdAloneDecidesNothing() {
        StepVerifier.create(controller.decideJson(decision("approve"), null))
                .verifyErrorSatisfies(tmcpError(ErrorCode.INVALID_TOKEN));
        verifyNoInteractions(consents);
    }

    @Test
    void anotherUsersHostClientCannotDecide() {
        when(subjects.identify("syt_bWFsbG9yeQ_host")).thenReturn(Mono.just(new SubjectIdentity(
                UserId.of("@mallory:tween.example"), SubjectIdentity.MATRIX_SESSION, "DEVICE9", null, null, null, null)));

        StepVerifier.create(controller.decideJson(decision("approve"), "Bearer syt_bWFsbG9yeQ_host"))
                .verifyErrorSatisfies(tmcpError(ErrorCode.INSUFFICIENT_PERMISSIONS));
        verify(consents, never()).decide(anyString(), anyString(), anyBoolean());
    }

    @Test
    void aTokenItsIssuerRejectsIsAnInvalidToken() {
        when(subjects.identify("syt_revoked")).thenReturn(Mono.error(OAuthException.invalidGrant("invalid")));

        StepVerifier.create(controller.decideJson(decision("approve"), "Bearer syt_revoked"))
                .verifyErrorSatisfies(tmcpError(ErrorCode.INVALID_TOKEN));
        verifyNoInteractions(consents);
    }

    @Test
    void anAlreadyDecidedOrExpiredRequestCannotBeDecidedAgain() {
        when(consents.pending(SESSION)).thenReturn(Mono.empty());

        StepVerifier.create(controller.decideJson(decision("approve"), "Bearer " + HOST_TOKEN))
                .verifyErrorSatisfies(tmcpError(ErrorCode.INVALID_REQUEST));
        verify(consents, never()).decide(anyString(), anyString(), anyBoolean());
    }

    @Test
    void aDecisionOtherThanApproveOrDenyIsAnInvalidRequest() {
        StepVerifier.create(controller.decideJson(decision("maybe"), "Bearer " + HOST_TOKEN))
                .verifyErrorSatisfies(tmcpError(ErrorCode.INVALID_REQUEST));
        verifyNoInteractions(consents, subjects);
    }

    private static Map<String, Object> decision(String decision) {
        return Map.of("session", SESSION, "decision", decision);
    }

    private static Consumer<Throwable> tmcpError(ErrorCode code) {
        return e -> assertThat(e).isInstanceOfSatisfying(TmcpException.class, t -> assertThat(t.code()).isEqualTo(code));
    }
}
