package dev.tmcp.auth.token;

import static dev.tmcp.auth.token.TokenExchangeTest.oauthError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tmcp.auth.clients.MiniAppRegistryClient.MiniApp;
import dev.tmcp.auth.clients.MiniAppRegistryClient.Scope;
import dev.tmcp.auth.oauth.TokenSigner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The client_credentials grant (spec 9.1.1): only for an authenticated backend, never for a user's consent scopes. */
class ClientCredentialsTest {

    private final TokenSigner signer = mock(TokenSigner.class);
    private final ClientCredentials grant = new ClientCredentials(signer, TepIssuerTest.properties());

    private final MiniApp hybrid = new MiniApp("ma_shop", "Shop", "public", "active",
            List.of(new Scope("storage:write", true), new Scope("webhook:send", true), new Scope("wallet:pay", false)),
            "third_party", null, "ma_shop_backend", "digest", List.of());

    @Test
    void aBackendThatDidNotProveItsSecretIsAnUnauthorizedClient() {
        StepVerifier.create(grant.issue(new ClientAuthentication.Client(hybrid, "ma_shop_backend", false), null))
                .verifyErrorSatisfies(oauthError(400, "unauthorized_client"));
        verifyNoInteractions(signer);
    }

    @Test
    void thePublicHalfOfAHybridAppIsAnUnauthorizedClient() {
        StepVerifier.create(grant.issue(new ClientAuthentication.Client(hybrid, "ma_shop", true), null))
                .verifyErrorSatisfies(oauthError(400, "unauthorized_client"));
    }

    @Test
    void aScopeNeedingAUsersConsentIsAnInvalidScopeForABackend() {
        StepVerifier.create(grant.issue(backend(), "storage:write wallet:pay"))
                .verifyErrorSatisfies(oauthError(400, "invalid_scope"));
        verifyNoInteractions(signer);
    }

    @Test
    void aBackendNamingNoScopeGetsItsRegisteredScopesThatNeedNoConsent() {
        when(signer.sign(any())).thenReturn(Mono.just("h.p.s"));

        StepVerifier.create(grant.issue(backend(), null))
                .assertNext(body -> assertThat(body.scope()).isEqualTo("storage:write webhook:send"))
                .verifyComplete();
    }

    @Test
    void aBackendOfAnAppWithOnlyConsentScopesNamingNoScopeIsAnInvalidScope() {
        MiniApp consentOnly = new MiniApp("ma_pay", "Pay", "public", "active", List.of(new Scope("wallet:pay", false)),
                "third_party", null, "ma_pay_backend", "digest", List.of());

        StepVerifier.create(grant.issue(new ClientAuthentication.Client(consentOnly, "ma_pay_backend", true), ""))
                .verifyErrorSatisfies(oauthError(400, "invalid_scope"));
        verifyNoInteractions(signer);
    }

    @Test
    void theTokenNamesTheBackendAndNoUserAndIsNoTep() {
        when(signer.sign(any())).thenReturn(Mono.just("h.p.s"));

        StepVerifier.create(grant.issue(backend(), "storage:write")).expectNextCount(1).verifyComplete();

        JWTClaimsSet claims = signed();
        assertThat(claims.getSubject()).isEqualTo("ma_shop_backend");
        assertThat(claims.getClaim("client_id")).isEqualTo("ma_shop");
        assertThat(claims.getClaim("azp")).isEqualTo("ma_shop_backend");
        assertThat(claims.getClaim("token_type")).isEqualTo("client_access_token");
        assertThat(claims.getClaim("scope")).isEqualTo("storage:write");
        assertThat(claims.getAudience()).containsExactly("tmcp-server");
        assertThat(claims.getClaims()).doesNotContainKeys("wallet_id", "session_id");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theAnswerIsAnHourLongBearerTokenWithoutARefreshToken() {
        when(signer.sign(any())).thenReturn(Mono.just("h.p.s"));

        StepVerifier.create(grant.issue(backend(), "storage:write webhook:send"))
                .assertNext(body -> assertThat(body).isEqualTo(new TokenResponse("cli.h.p.s", "Bearer", 3600, null,
                        "storage:write webhook:send", null, null, null, null, null, null)))
                .verifyComplete();
    }

    private ClientAuthentication.Client backend() {
        return new ClientAuthentication.Client(hybrid, "ma_shop_backend", true);
    }

    private JWTClaimsSet signed() {
        ArgumentCaptor<JWTClaimsSet> claims = ArgumentCaptor.forClass(JWTClaimsSet.class);
        verify(signer).sign(claims.capture());
        return claims.getValue();
    }
}
