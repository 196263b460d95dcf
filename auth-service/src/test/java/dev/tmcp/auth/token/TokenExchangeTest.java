package dev.tmcp.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.tmcp.auth.clients.MiniAppRegistryClient;
import dev.tmcp.auth.clients.MiniAppRegistryClient.MiniApp;
import dev.tmcp.auth.clients.MiniAppRegistryClient.Scope;
import dev.tmcp.auth.clients.WalletAccountsClient;
import dev.tmcp.auth.consent.Consents;
import dev.tmcp.auth.keycloak.KeycloakTokenExchange;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.auth.subject.SubjectIdentity;
import dev.tmcp.auth.subject.SubjectTokenReplays;
import dev.tmcp.auth.subject.SubjectTokenVerifier;
import dev.tmcp.core.id.UserId;
import dev.tmcp.web.ratelimit.RateLimiter;
import dev.tmcp.web.ratelimit.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;

/** The token exchange of spec 4.3.1: its refusals, in order, and what a successful exchange hands the issuer. */
class TokenExchangeTest {

    private static final String ALICE = "@alice:tween.example";
    private static final String SUBJECT = "syt_YWxpY2U_subject";

    private final SubjectTokenVerifier subjects = mock(SubjectTokenVerifier.class);
    private final SubjectTokenReplays replays = mock(SubjectTokenReplays.class);
    private final WalletAccountsClient wallets = mock(WalletAccountsClient.class);
    private final Consents consents = mock(Consents.class);
    private final TepIssuer issuer = mock(TepIssuer.class);
    private final TokenRateLimits rateLimits = mock(TokenRateLimits.class);
    private final KeycloakTokenExchange keycloak = mock(KeycloakTokenExchange.class);
    private final TokenExchange exchange = new TokenExchange(subjects, replays, mock(MiniAppRegistryClient.class),
            wallets, consents, issuer, rateLimits, keycloak);

    private final MiniApp shop = new MiniApp("ma_shop", "Shop", "public", "active",
            List.of(new Scope("user:read", true), new Scope("storage:write", true), new Scope("wallet:pay", false)),
            "third_party", null, null, null, List.of());
    private final PublisherProbe<Void> claim = PublisherProbe.empty();

    @BeforeEach
    void aUserWhoApprovedNothingYet() {
        when(subjects.verify(SUBJECT, "ma_shop")).thenReturn(Mono.just(homeserverSubject()));
        when(consents.approved(ALICE, "ma_shop")).thenReturn(Mono.just(Set.of()));
        when(consents.open(anyString(), anyString(), anyList(), anyList())).thenReturn(Mono.just("cns_pending"));
        when(rateLimits.charge(TokenRateLimits.GENERATION, ALICE)).thenReturn(Mono.empty());
        when(replays.claim(eq(SUBJECT), eq("ma_shop"), any())).thenReturn(claim.mono());
        when(wallets.walletIdOf(ALICE)).thenReturn(Mono.just("tw_alice"));
        when(issuer.openSession(any())).thenAnswer(call -> Mono.just(issued()));
    }

    @Test
    void aMissingSubjectTokenIsAnInvalidRequest() {
        StepVerifier.create(exchange.exchange(request(null, "user:read", null), shop))
                .verifyErrorSatisfies(oauthError(400, "invalid_request"));
        verifyNoInteractions(subjects);
    }

    @Test
    void aSubjectTokenTypeOtherThanAccessTokenIsAnInvalidRequest() {
        var request = new TokenExchange.Request(SUBJECT, "urn:ietf:params:oauth:token-type:id_token", "ma_shop",
                "user:read", null, null);
        StepVerifier.create(exchange.exchange(request, shop)).verifyErrorSatisfies(oauthError(400, "invalid_request"));
        verifyNoInteractions(subjects);
    }

    @Test
    void aRequestedTokenTypeOtherThanTepIsAnInvalidRequest() {
        var request = new TokenExchange.Request(SUBJECT, TokenExchange.ACCESS_TOKEN_TYPE, "ma_shop", "user:read",
                TokenExchange.ACCESS_TOKEN_TYPE, null);
        StepVerifier.create(exchange.exchange(request, shop)).verifyErrorSatisfies(oauthError(400, "invalid_request"));
    }

    @Test
    void aMiniAppContextThatIsNotAJsonObjectIsAnInvalidRequest() {
        for (String context : List.of("null", "[1]", "\"room\"", "{not json")) {
            assertThat(refusal(() -> exchange.exchange(request(SUBJECT, "user:read", context), shop)))
                    .as(context).satisfies(oauthError(400, "invalid_request"));
        }
        verifyNoInteractions(subjects);
    }

    @Test
    void aMiniAppContextWhoseRoomIsNotAMatrixRoomIdIsAnInvalidRequest() {
        assertThat(refusal(() -> exchange.exchange(request(SUBJECT, "user:read", "{\"room_id\":\"general\"}"), shop)))
                .satisfies(oauthError(400, "invalid_request"));
    }

    @Test
    void aSubjectTokenTheIssuerRejectsIsRefusedAndNothingIsIssued() {
        when(subjects.verify(SUBJECT, "ma_shop"))
                .thenReturn(Mono.error(OAuthException.invalidGrant("Subject token is invalid or expired")));

        StepVerifier.create(exchange.exchange(request(SUBJECT, "user:read", null), shop))
                .verifyErrorSatisfies(oauthError(401, "invalid_grant"));
        verifyNoInteractions(issuer, rateLimits, replays);
    }

    @Test
    void anUnregisteredScopeIsAnInvalidScopeAndOpensNoConsent() {
        StepVerifier.create(exchange.exchange(request(SUBJECT, "user:read messaging:send", null), shop))
                .verifyErrorSatisfies(oauthError(400, "invalid_scope"));
        verify(consents, never()).open(anyString(), anyString(), anyList(), anyList());
        verifyNoInteractions(issuer);
    }

    @Test
    void aSensitiveScopeTheUserHasNotApprovedIsConsentRequiredWithTheSpecFields() {
        StepVerifier.create(exchange.exchange(request(SUBJECT, "user:read wallet:pay", null), shop))
                .verifyErrorSatisfies(error -> {
                    assertThat(error).satisfies(oauthError(403, "consent_required"));
                    assertThat(((OAuthException) error).body())
                            .containsEntry("consent_required_scopes", List.of("wallet:pay"))
                            .containsEntry("pre_approved_scopes", List.of("user:read"))
                            .containsEntry("consent_ui_endpoint", "/oauth2/consent?session=cns_pending")
                            .containsEntry("valid", List.of("user:read"))
                            .containsEntry("consent_required", List.of("wallet:pay"));
                });
        verify(consents).open(ALICE, "ma_shop", List.of("wallet:pay"), List.of("user:read"));
    }

    @Test
    void consentRequiredNeitherBurnsTheSubjectTokenNorChargesTheRateBudget() {
        StepVerifier.create(exchange.exchange(request(SUBJECT, "wallet:pay", null), shop))
                .verifyErrorSatisfies(oauthError(403, "consent_required"));
        verifyNoInteractions(replays, rateLimits, issuer);
    }

    @Test
    void aScopeTheUserApprovedIsGrantedWithoutAskingAgain() {
        when(consents.approved(ALICE, "ma_shop")).thenReturn(Mono.just(Set.of("wallet:pay")));

        StepVerifier.create(exchange.exchange(request(SUBJECT, "user:read wallet:pay", null), shop))
                .expectNextCount(1).verifyComplete();
        assertThat(grant().scopes()).containsExactly("user:read", "wallet:pay");
        verify(consents, never()).open(anyString(), anyString(), anyList(), anyList());
    }

    @Test
    void withoutAScopeEveryPreApprovedScopeIsGrantedAndUnapprovedSensitiveOnesNeedConsent() {
        StepVerifier.create(exchange.exchange(request(SUBJECT, null, null), shop))
                .verifyErrorSatisfies(error -> assertThat(((OAuthException) error).body())
                        .containsEntry("pre_approved_scopes", List.of("user:read", "storage:write"))
                        .containsEntry("consent_required_scopes", List.of("wallet:pay")));
    }

    @Test
    void theTepNamesTheVerifiedUserTheMiniAppTheGrantedScopesTheWalletAndANewSession() {
        String context = "{\"room_id\":\"!abc:tween.example\",\"launch_source\":\"chat_bubble\"}";

        StepVerifier.create(exchange.exchange(request(SUBJECT, "user:read storage:write", context), shop))
                .expectNextCount(1).verifyComplete();

        TepIssuer.Grant grant = grant();
        assertThat(grant.userId()).isEqualTo(ALICE);
        assertThat(grant.clientId()).isEqualTo("ma_shop");
        assertThat(grant.scopes()).containsExactly("user:read", "storage:write");
        assertThat(grant.walletId()).isEqualTo("tw_alice");
        assertThat(grant.sessionId()).startsWith("ses_");
        assertThat(grant.subjectSource()).isEqualTo(SubjectIdentity.MATRIX_SESSION);
        assertThat(grant.deviceId()).isEqualTo("DEVICE1");
        assertThat(grant.context()).containsEntry("room_id", "!abc:tween.example")
                .containsEntry("launch_source", "chat_bubble");
    }

    @Test
    void aSuccessfulExchangeClaimsTheSubjectTokenForThisMiniApp() {
        StepVerifier.create(exchange.exchange(request(SUBJECT, "user:read", null), shop))
                .expectNextCount(1).verifyComplete();
        assertThat(claim.wasSubscribed()).isTrue();
    }

    @Test
    void eachExchangeOpensItsOwnSession() {
        exchange.exchange(request(SUBJECT, "user:read", null), shop).block();
        exchange.exchange(request(SUBJECT, "user:read", null), shop).block();

        ArgumentCaptor<TepIssuer.Grant> grants = ArgumentCaptor.forClass(TepIssuer.Grant.class);
        verify(issuer, org.mockito.Mockito.times(2)).openSession(grants.capture());
        assertThat(grants.getAllValues().get(0).sessionId()).isNotEqualTo(grants.getAllValues().get(1).sessionId());
    }

    @Test
    void aHomeserverSubjectGetsATepWithoutAMatrixToken() {
        StepVerifier.create(exchange.exchange(request(SUBJECT, "user:read", null), shop))
                .assertNext(body -> {
                    assertThat(body.issuedTokenType()).isEqualTo(TokenExchange.TEP_TOKEN_TYPE);
                    assertThat(body.matrixAccessToken()).isNull();
                    assertThat(body.matrixExpiresIn()).isNull();
                })
                .verifyComplete();
        verifyNoInteractions(keycloak);
    }

    @Test
    void aKeycloakSubjectGetsAFreshMatrixTokenWithTheTep() {
        when(subjects.verify(SUBJECT, "ma_shop")).thenReturn(Mono.just(new SubjectIdentity(UserId.of(ALICE),
                SubjectIdentity.KEYCLOAK, null, "kc-session", "kc-user", "ma_shop", null)));
        when(keycloak.exchange(SUBJECT)).thenReturn(Mono.just(new KeycloakTokenExchange.MatrixToken("kc_fresh", 300)));

        StepVerifier.create(exchange.exchange(request(SUBJECT, "user:read", null), shop))
                .assertNext(body -> assertThat(body).isEqualTo(issued().exchanged(TokenExchange.TEP_TOKEN_TYPE,
                        "kc_fresh", 300L)))
                .verifyComplete();
        assertThat(grant().subjectSession()).isEqualTo("kc-session");
    }

    @Test
    void aSubjectTokenAlreadyExchangedForThisMiniAppIsAnInvalidGrantAndOpensNoSession() {
        when(replays.claim(eq(SUBJECT), eq("ma_shop"), any()))
                .thenReturn(Mono.error(OAuthException.invalidGrant("Subject token has already been exchanged")));

        StepVerifier.create(exchange.exchange(request(SUBJECT, "user:read", null), shop))
                .verifyErrorSatisfies(oauthError(401, "invalid_grant"));
        verify(issuer, never()).openSession(any());
    }

    @Test
    void aUserOverTheTokenGenerationBudgetIsRefusedBeforeTheSubjectTokenIsClaimed() {
        var limited = new TokenRateLimits.RateLimitedException(new RateLimiter.Decision(RateLimiter.Verdict.LIMITED,
                Map.of(), new Refusal("RATE_LIMIT_EXCEEDED", "Too many token requests", 1L, 10L, "1 minute", null, null, null)));
        when(rateLimits.charge(TokenRateLimits.GENERATION, ALICE)).thenReturn(Mono.error(limited));

        StepVerifier.create(exchange.exchange(request(SUBJECT, "user:read", null), shop)).verifyErrorSatisfies(
                error -> assertThat(error).isSameAs(limited));
        verifyNoInteractions(replays, issuer);
    }

    private TepIssuer.Grant grant() {
        ArgumentCaptor<TepIssuer.Grant> grant = ArgumentCaptor.forClass(TepIssuer.Grant.class);
        verify(issuer).openSession(grant.capture());
        return grant.getValue();
    }

    private static SubjectIdentity homeserverSubject() {
        return new SubjectIdentity(UserId.of(ALICE), SubjectIdentity.MATRIX_SESSION, "DEVICE1", null, null, null, null);
    }

    private static TokenExchange.Request request(String subjectToken, String scope, String context) {
        return new TokenExchange.Request(subjectToken, TokenExchange.ACCESS_TOKEN_TYPE, "ma_shop", scope, null, context);
    }

    private static TokenResponse issued() {
        return TokenResponse.tep("tep.jwt", 86400, "rt_1", "user:read", ALICE, "tw_alice", true);
    }

    /** The error, whether the flow answers it as a Mono error or throws it while assembling. */
    private static Throwable refusal(java.util.function.Supplier<Mono<?>> call) {
        try {
            call.get().block();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    static Consumer<Throwable> oauthError(int status, String error) {
        return e -> assertThat(e).isInstanceOfSatisfying(OAuthException.class, o -> {
            assertThat(o.status()).isEqualTo(status);
            assertThat(o.error()).isEqualTo(error);
        });
    }
}
