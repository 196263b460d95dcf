package dev.tmcp.auth.token;

import static dev.tmcp.auth.token.TokenExchangeTest.oauthError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.tmcp.auth.clients.MiniAppRegistryClient;
import dev.tmcp.auth.clients.MiniAppRegistryClient.MiniApp;
import dev.tmcp.auth.clients.MiniAppRegistryClient.Scope;
import dev.tmcp.auth.oauth.Refusals;
import dev.tmcp.auth.oauth.SingleUseTokens.Refusal;
import dev.tmcp.auth.session.TepSessions;
import dev.tmcp.auth.subject.SubjectIdentity;
import dev.tmcp.web.ratelimit.RateLimiter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;

/** The refresh_token grant (spec 4.14, 4.15): rotation, single use, reuse revokes the family, never wider scopes. */
class TokenRefreshTest {

    private static final String ALICE = "@alice:tween.example";
    private static final String TOKEN = "rt_old";

    private final RefreshTokens refreshTokens = mock(RefreshTokens.class);
    private final TepSessions sessions = mock(TepSessions.class);
    private final MiniAppRegistryClient registry = mock(MiniAppRegistryClient.class);
    private final TepIssuer issuer = mock(TepIssuer.class);
    private final TokenRateLimits rateLimits = mock(TokenRateLimits.class);
    private final TokenRefresh refresh = new TokenRefresh(refreshTokens, sessions, registry, issuer, rateLimits);

    private final PublisherProbe<RefreshTokens.Redeemed> redeem = PublisherProbe.of(Mono.just(
            new RefreshTokens.Redeemed("ses_1", ALICE, "ma_shop", "user:read wallet:pay", "tw_alice")));
    private final PublisherProbe<Void> charge = PublisherProbe.empty();

    private static MiniApp shop(String status, String... scopes) {
        return new MiniApp("ma_shop", "Shop", "public", status,
                java.util.Arrays.stream(scopes).map(s -> new Scope(s, true)).toList(), "third_party", null, null, null,
                List.of());
    }

    private static TepSessions.Session session(boolean revoked) {
        return new TepSessions.Session("ses_1", ALICE, "ma_shop", "user:read wallet:pay", "tw_alice",
                SubjectIdentity.MATRIX_SESSION, null, "{\"room_id\":\"!abc:tween.example\"}", revoked);
    }

    @BeforeEach
    void aLiveSessionOfAnActiveApp() {
        when(refreshTokens.ownerOf(TOKEN)).thenReturn(Mono.just(new RefreshTokens.Owner(ALICE, "ma_shop")));
        when(rateLimits.charge(TokenRateLimits.REFRESH, ALICE)).thenReturn(charge.mono());
        when(refreshTokens.redeem(TOKEN, "ma_shop")).thenReturn(redeem.mono());
        when(sessions.find("ses_1")).thenReturn(Mono.just(session(false)));
        when(sessions.revoke(anyString(), anyString())).thenReturn(Mono.just(true));
        when(registry.find("ma_shop")).thenReturn(Mono.just(shop("active", "user:read", "wallet:pay")));
        when(issuer.continueSession(any())).thenAnswer(call -> Mono.just(
                TokenResponse.tep("tep.new", 86400, "rt_new", "user:read wallet:pay", ALICE, "tw_alice", true)));
    }

    @Test
    void aMissingRefreshTokenIsAnInvalidRequest() {
        StepVerifier.create(refresh.refresh(" ", "ma_shop", null)).verifyErrorSatisfies(oauthError(400, "invalid_request"));
        verifyNoInteractions(refreshTokens);
    }

    @Test
    void aRefreshContinuesTheSameSessionWithANewTepAndRefreshToken() {
        StepVerifier.create(refresh.refresh(TOKEN, "ma_shop", null))
                .assertNext(body -> {
                    assertThat(body.refreshToken()).isEqualTo("rt_new");
                    assertThat(body.issuedTokenType()).as("only the token exchange names the issued type").isNull();
                })
                .verifyComplete();

        TepIssuer.Grant grant = grant();
        assertThat(grant.sessionId()).isEqualTo("ses_1");
        assertThat(grant.userId()).isEqualTo(ALICE);
        assertThat(grant.walletId()).isEqualTo("tw_alice");
        assertThat(grant.scopes()).containsExactly("user:read", "wallet:pay");
        assertThat(grant.context()).containsEntry("room_id", "!abc:tween.example");
        verify(issuer, never()).openSession(any());
    }

    @Test
    void theOldRefreshTokenIsRedeemedOnlyAfterTheUsersRefreshBudgetIsCharged() {
        refresh.refresh(TOKEN, "ma_shop", null).block();
        assertThat(charge.wasSubscribed()).isTrue();
        assertThat(redeem.wasSubscribed()).isTrue();
    }

    @Test
    void aUserOverTheRefreshBudgetIsRefusedAndTheTokenIsNotBurnt() {
        var limited = new TokenRateLimits.RateLimitedException(new RateLimiter.Decision(RateLimiter.Verdict.LIMITED,
                Map.of(), new dev.tmcp.web.ratelimit.Refusal("RATE_LIMIT_EXCEEDED", "Too many refreshes", 1L, 10L, "1 minute", null, null, null)));
        when(rateLimits.charge(TokenRateLimits.REFRESH, ALICE)).thenReturn(Mono.error(limited));

        StepVerifier.create(refresh.refresh(TOKEN, "ma_shop", null)).verifyErrorSatisfies(e -> assertThat(e).isSameAs(limited));
        assertThat(redeem.wasSubscribed()).isFalse();
    }

    @Test
    void anotherClientPresentingTheTokenIsAnInvalidGrantThatNeitherBurnsNorChargesIt() {
        PublisherProbe<RefreshTokens.Redeemed> thiefRedeems = PublisherProbe.empty();
        when(refreshTokens.redeem(TOKEN, "ma_thief")).thenReturn(thiefRedeems.mono());

        StepVerifier.create(refresh.refresh(TOKEN, "ma_thief", null)).verifyErrorSatisfies(oauthError(401, "invalid_grant"));
        assertThat(thiefRedeems.wasSubscribed()).isFalse();
        verifyNoInteractions(rateLimits, sessions, issuer);
    }

    @Test
    void anUnknownRefreshTokenIsAnInvalidGrant() {
        when(refreshTokens.ownerOf("rt_forged")).thenReturn(Mono.empty());
        when(refreshTokens.redeem("rt_forged", "ma_shop")).thenReturn(Mono.error(Refusals.of(Refusal.UNKNOWN, null)));

        StepVerifier.create(refresh.refresh("rt_forged", "ma_shop", null))
                .verifyErrorSatisfies(oauthError(401, "invalid_grant"));
        verify(sessions, never()).revoke(anyString(), anyString());
    }

    @Test
    void anExpiredRefreshTokenIsAnInvalidGrantAndRevokesNothing() {
        when(refreshTokens.redeem(TOKEN, "ma_shop")).thenReturn(Mono.error(Refusals.of(Refusal.EXPIRED, "ses_1")));

        StepVerifier.create(refresh.refresh(TOKEN, "ma_shop", null)).verifyErrorSatisfies(e -> {
            assertThat(e).satisfies(oauthError(401, "invalid_grant"));
            assertThat(e).hasMessageContaining("expired");
        });
        verify(sessions, never()).revoke(anyString(), anyString());
        verifyNoInteractions(issuer);
    }

    @Test
    void aReusedRefreshTokenRevokesItsWholeSession() {
        when(refreshTokens.redeem(TOKEN, "ma_shop")).thenReturn(Mono.error(Refusals.of(Refusal.REUSED, "ses_1")));

        StepVerifier.create(refresh.refresh(TOKEN, "ma_shop", null)).verifyErrorSatisfies(e -> {
            assertThat(e).satisfies(oauthError(401, "invalid_grant"));
            assertThat(e).hasMessageContaining("revoked");
        });
        verify(sessions).revoke("ses_1", "refresh_token_reuse");
        verifyNoInteractions(issuer);
    }

    @Test
    void aRefreshTokenOfARevokedSessionIsAnInvalidGrant() {
        // What consent withdrawal (5.6), an uninstall or an account deletion leave behind: the session is ended.
        when(sessions.find("ses_1")).thenReturn(Mono.just(session(true)));

        StepVerifier.create(refresh.refresh(TOKEN, "ma_shop", null)).verifyErrorSatisfies(oauthError(401, "invalid_grant"));
        verifyNoInteractions(issuer);
    }

    @Test
    void aRefreshForAMiniAppNoLongerActiveIsAnInvalidClient() {
        when(registry.find("ma_shop")).thenReturn(Mono.just(shop("suspended", "user:read", "wallet:pay")));

        StepVerifier.create(refresh.refresh(TOKEN, "ma_shop", null)).verifyErrorSatisfies(oauthError(401, "invalid_client"));
        verifyNoInteractions(issuer);
    }

    @Test
    void aRefreshMayNarrowTheSessionsScopes() {
        refresh.refresh(TOKEN, "ma_shop", "wallet:pay").block();
        assertThat(grant().scopes()).containsExactly("wallet:pay");
    }

    @Test
    void aRefreshMayNotWidenTheSessionsScopes() {
        when(registry.find("ma_shop")).thenReturn(Mono.just(shop("active", "user:read", "wallet:pay", "storage:write")));

        StepVerifier.create(refresh.refresh(TOKEN, "ma_shop", "user:read storage:write"))
                .verifyErrorSatisfies(oauthError(400, "invalid_scope"));
        verifyNoInteractions(issuer);
    }

    @Test
    void aScopeTheMiniAppNoLongerRegistersIsDroppedOnRefresh() {
        when(registry.find("ma_shop")).thenReturn(Mono.just(shop("active", "user:read")));

        refresh.refresh(TOKEN, "ma_shop", null).block();
        assertThat(grant().scopes()).containsExactly("user:read");
    }

    private TepIssuer.Grant grant() {
        ArgumentCaptor<TepIssuer.Grant> grant = ArgumentCaptor.forClass(TepIssuer.Grant.class);
        verify(issuer).continueSession(grant.capture());
        return grant.getValue();
    }
}
