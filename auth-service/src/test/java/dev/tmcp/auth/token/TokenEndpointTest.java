package dev.tmcp.auth.token;

import static dev.tmcp.auth.token.TokenExchangeTest.oauthError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.tmcp.auth.clients.MiniAppRegistryClient.MiniApp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** {@code POST /oauth2/token}: which grant each client may use, before any grant runs. */
class TokenEndpointTest {

    private final ClientAuthentication clients = mock(ClientAuthentication.class);
    private final TokenExchange exchange = mock(TokenExchange.class);
    private final TokenRefresh refresh = mock(TokenRefresh.class);
    private final ClientCredentials clientCredentials = mock(ClientCredentials.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TokenEndpoint endpoint = new TokenEndpoint(clients, exchange, refresh, clientCredentials, meters);

    private final MiniApp hybrid = new MiniApp("ma_shop", "Shop", "public", "active", List.of(), "third_party", null,
            "ma_shop_backend", "digest", List.of());

    @Test
    void aRequestWithoutGrantTypeIsAnInvalidRequest() {
        StepVerifier.create(endpoint.token(post("client_id=ma_shop"))).verifyErrorSatisfies(oauthError(400, "invalid_request"));
        verifyNoInteractions(clients);
    }

    @Test
    void anUnknownGrantTypeIsUnsupportedBeforeTheClientIsLookedUp() {
        StepVerifier.create(endpoint.token(post("grant_type=password&client_id=ma_shop")))
                .verifyErrorSatisfies(oauthError(400, "unsupported_grant_type"));
        verifyNoInteractions(clients);
    }

    @Test
    void aBackendClientCannotExchangeAUsersToken() {
        identify("ma_shop_backend", true);
        StepVerifier.create(endpoint.token(post("grant_type=" + TokenExchange.GRANT_TYPE
                        + "&client_id=ma_shop_backend&subject_token=syt_x")))
                .verifyErrorSatisfies(oauthError(400, "unauthorized_client"));
        verifyNoInteractions(exchange);
    }

    @Test
    void aClientWithASecretMustProveItToRefresh() {
        identify("ma_shop_backend", false);
        StepVerifier.create(endpoint.token(post("grant_type=refresh_token&client_id=ma_shop_backend&refresh_token=rt_x")))
                .verifyErrorSatisfies(oauthError(401, "invalid_client"));
        verifyNoInteractions(refresh);
    }

    @Test
    void theTokenExchangeRunsForTheMiniAppsOwnClientIdAndIsNeverCached() {
        identify("ma_shop", false);
        TokenResponse tep = TokenResponse.tep("tep.x", 86400, "rt_x", "user:read", "@alice:tween.example", "tw_a", true);
        when(exchange.exchange(any(), any())).thenReturn(Mono.just(tep));

        StepVerifier.create(endpoint.token(post("grant_type=" + TokenExchange.GRANT_TYPE + "&client_id=ma_shop"
                        + "&subject_token=syt_x&subject_token_type=" + TokenExchange.ACCESS_TOKEN_TYPE)))
                .assertNext(response -> {
                    assertThat(response.getStatusCode().value()).isEqualTo(200);
                    assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
                    assertThat(response.getBody()).isEqualTo(tep);
                })
                .verifyComplete();
        assertThat(meters.counter("tmcp.tokens", "grant_type", "token_exchange", "outcome", "issued").count()).isEqualTo(1);
    }

    @Test
    void eachRefusalIsCountedByItsOAuthError() {
        identify("ma_shop_backend", false);
        endpoint.token(post("grant_type=refresh_token&client_id=ma_shop_backend&refresh_token=rt_x"))
                .onErrorResume(e -> Mono.empty()).block();
        assertThat(meters.counter("tmcp.tokens", "grant_type", "refresh_token", "outcome", "invalid_client").count())
                .isEqualTo(1);
    }

    private void identify(String clientId, boolean confidential) {
        when(clients.authenticate(any(), any()))
                .thenReturn(Mono.just(new ClientAuthentication.Client(hybrid, clientId, confidential)));
    }

    private static MockServerWebExchange post(String form) {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/oauth2/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form));
    }
}
