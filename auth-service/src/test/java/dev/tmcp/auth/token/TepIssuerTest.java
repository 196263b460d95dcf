package dev.tmcp.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.oauth.TokenSigner;
import dev.tmcp.auth.session.TepSessions;
import dev.tmcp.auth.subject.SubjectIdentity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The TEP (claims of spec 4.10) and the token endpoint's answer (4.3.1), for a new session and a continued one. */
class TepIssuerTest {

    private static final String ALICE = "@alice:tween.example";

    private final TokenSigner signer = mock(TokenSigner.class);
    private final RefreshTokens refreshTokens = mock(RefreshTokens.class);
    private final TepSessions sessions = mock(TepSessions.class);
    private final TepIssuer issuer = new TepIssuer(signer, refreshTokens, sessions, properties());

    static AuthProperties properties() {
        return new AuthProperties("https://tmcp.example", "a2V5", Duration.ofHours(24), Duration.ofDays(30),
                Duration.ofMinutes(10), "http://appstore", "http://wallet", null,
                new AuthProperties.Keycloak("http://kc", "tween", "tmcp-server", "secret", Set.of("tmcp-cli")));
    }

    @BeforeEach
    void signing() {
        when(signer.sign(any())).thenReturn(Mono.just("h.p.s"));
        when(refreshTokens.issue(any(), any(), any(), any(), any()))
                .thenReturn(Mono.just(new RefreshTokens.Issued("rt_next", "rti_next")));
        when(sessions.create(any())).thenReturn(Mono.empty());
    }

    @Test
    void theTepCarriesTheUserTheMiniAppTheScopesTheWalletAndTheSession() {
        StepVerifier.create(issuer.openSession(grant(Map.of()))).expectNextCount(1).verifyComplete();

        JWTClaimsSet claims = signed();
        assertThat(claims.getIssuer()).isEqualTo("https://tmcp.example");
        assertThat(claims.getSubject()).isEqualTo(ALICE);
        assertThat(claims.getAudience()).containsExactly("ma_shop");
        assertThat(claims.getClaim("client_id")).isEqualTo("ma_shop");
        assertThat(claims.getClaim("azp")).isEqualTo("ma_shop");
        assertThat(claims.getClaim("token_type")).isEqualTo("tep_access_token");
        assertThat(claims.getClaim("scope")).isEqualTo("user:read wallet:pay");
        assertThat(claims.getClaim("wallet_id")).isEqualTo("tw_alice");
        assertThat(claims.getClaim("session_id")).isEqualTo("ses_1");
        assertThat(claims.getClaim("delegated_from")).isEqualTo(SubjectIdentity.MATRIX_SESSION);
        assertThat(claims.getJWTID()).startsWith("jti_");
        assertThat(claims.getClaim("mas_session")).isEqualTo(Map.of("active", true, "refresh_token_id", "rti_next"));
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    void theTepNamesTheMatrixDeviceItWasDelegatedFrom() {
        issuer.openSession(grant(Map.of())).block();
        assertThat(signed().getClaim("matrix_session_ref")).isEqualTo(Map.of("device_id", "DEVICE1"));
    }

    @Test
    void theMiniAppContextIsAClaimOnlyWhenTheClientGaveOne() {
        issuer.openSession(grant(Map.of())).block();
        assertThat(signed().getClaims()).doesNotContainKey("miniapp_context");
    }

    @Test
    void theMiniAppContextTheClientGaveIsCarried() {
        issuer.openSession(grant(Map.of("room_id", "!abc:tween.example"))).block();
        assertThat(signed().getClaim("miniapp_context")).isEqualTo(Map.of("room_id", "!abc:tween.example"));
    }

    @Test
    void theAnswerIsTheOAuthTokenResponseOfSpec431() {
        StepVerifier.create(issuer.openSession(grant(Map.of())))
                .assertNext(body -> assertThat(body).isEqualTo(new TokenResponse("tep.h.p.s", "Bearer", 86400,
                        "rt_next", "user:read wallet:pay", ALICE, "tw_alice", true, null, null, null)))
                .verifyComplete();
    }

    @Test
    void aKeycloakSubjectIsNotADelegatedMatrixSession() {
        var keycloak = new TepIssuer.Grant(ALICE, "ma_shop", List.of("user:read"), "tw_alice", "ses_1",
                SubjectIdentity.KEYCLOAK, "kc-session", null, Map.of());
        StepVerifier.create(issuer.openSession(keycloak))
                .assertNext(body -> assertThat(body.delegatedSession()).isFalse())
                .verifyComplete();
        assertThat(signed().getClaim("matrix_session_ref")).isEqualTo(Map.of("session_id", "kc-session"));
    }

    @Test
    void openingASessionRecordsItWithTheGrantedScopesAndContext() {
        issuer.openSession(grant(Map.of("room_id", "!abc:tween.example"))).block();

        ArgumentCaptor<TepSessions.Session> session = ArgumentCaptor.forClass(TepSessions.Session.class);
        verify(sessions).create(session.capture());
        assertThat(session.getValue()).isEqualTo(new TepSessions.Session("ses_1", ALICE, "ma_shop",
                "user:read wallet:pay", "tw_alice", SubjectIdentity.MATRIX_SESSION, null,
                "{\"room_id\":\"!abc:tween.example\"}", false));
    }

    @Test
    void everyTepComesWithANewRefreshTokenOfTheSameSession() {
        issuer.continueSession(grant(Map.of())).block();
        verify(refreshTokens).issue(ALICE, "ma_shop", "user:read wallet:pay", "ses_1", "tw_alice");
    }

    @Test
    void continuingASessionOpensNoNewOne() {
        StepVerifier.create(issuer.continueSession(grant(Map.of()))).expectNextCount(1).verifyComplete();
        verifyNoInteractions(sessions);
    }

    private static TepIssuer.Grant grant(Map<String, Object> context) {
        return new TepIssuer.Grant(ALICE, "ma_shop", List.of("user:read", "wallet:pay"), "tw_alice", "ses_1",
                SubjectIdentity.MATRIX_SESSION, null, "DEVICE1", context);
    }

    private JWTClaimsSet signed() {
        ArgumentCaptor<JWTClaimsSet> claims = ArgumentCaptor.forClass(JWTClaimsSet.class);
        verify(signer).sign(claims.capture());
        return claims.getValue();
    }
}
