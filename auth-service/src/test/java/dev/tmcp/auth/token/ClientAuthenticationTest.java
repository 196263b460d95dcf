package dev.tmcp.auth.token;

import static dev.tmcp.auth.token.TokenExchangeTest.oauthError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.tmcp.auth.clients.MiniAppRegistryClient;
import dev.tmcp.auth.clients.MiniAppRegistryClient.MiniApp;
import dev.tmcp.auth.clients.MiniAppRegistryClient.Scope;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.core.crypto.Digests;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Who calls the token endpoint (spec 9.1.1): unknown, inactive and wrongly authenticated clients are invalid_client. */
class ClientAuthenticationTest {

    private final MiniAppRegistryClient registry = mock(MiniAppRegistryClient.class);
    private final ClientAuthentication clients = new ClientAuthentication(registry);

    private static MiniApp app(String clientType, String status) {
        return new MiniApp("ma_shop", "Shop", clientType, status, List.of(new Scope("user:read", true)), "third_party",
                Digests.sha256Hex("app-secret"), "ma_shop_backend", Digests.sha256Hex("backend-secret"), List.of());
    }

    @Test
    void aRequestWithoutClientIdIsInvalidClient() {
        StepVerifier.create(clients.authenticate(new HttpHeaders(), form(null, null)))
                .verifyErrorSatisfies(oauthError(401, "invalid_client"));
        verifyNoInteractions(registry);
    }

    @Test
    void aClientIdThatIsNotAMiniAppIdIsInvalidClientWithoutAskingTheRegistry() {
        StepVerifier.create(clients.authenticate(new HttpHeaders(), form("element-web", null)))
                .verifyErrorSatisfies(oauthError(401, "invalid_client"));
        verifyNoInteractions(registry);
    }

    @Test
    void aMiniAppTheRegistryDoesNotKnowIsInvalidClient() {
        when(registry.find("ma_ghost")).thenReturn(Mono.error(OAuthException.invalidClient("Unknown client_id")));
        StepVerifier.create(clients.authenticate(new HttpHeaders(), form("ma_ghost", null)))
                .verifyErrorSatisfies(oauthError(401, "invalid_client"));
    }

    @Test
    void aSuspendedOrUnapprovedMiniAppIsInvalidClient() {
        for (String status : List.of("suspended", "pending_review", "removed")) {
            when(registry.find("ma_shop")).thenReturn(Mono.just(app("public", status)));
            StepVerifier.create(clients.authenticate(new HttpHeaders(), form("ma_shop", null)))
                    .as(status).verifyErrorSatisfies(oauthError(401, "invalid_client"));
        }
    }

    @Test
    void aPublicClientIsIdentifiedByItsClientIdAlone() {
        when(registry.find("ma_shop")).thenReturn(Mono.just(app("public", "active")));
        StepVerifier.create(clients.authenticate(new HttpHeaders(), form("ma_shop", null)))
                .assertNext(client -> {
                    assertThat(client.clientId()).isEqualTo("ma_shop");
                    assertThat(client.confidential()).isFalse();
                })
                .verifyComplete();
    }

    @Test
    void aPublicClientPresentingASecretIsInvalidClient() {
        when(registry.find("ma_shop")).thenReturn(Mono.just(app("public", "active")));
        StepVerifier.create(clients.authenticate(new HttpHeaders(), form("ma_shop", "app-secret")))
                .verifyErrorSatisfies(oauthError(401, "invalid_client"));
    }

    @Test
    void aConfidentialClientWithTheWrongSecretIsInvalidClient() {
        when(registry.find("ma_shop")).thenReturn(Mono.just(app("confidential", "active")));
        StepVerifier.create(clients.authenticate(new HttpHeaders(), form("ma_shop", "guess")))
                .verifyErrorSatisfies(oauthError(401, "invalid_client"));
    }

    @Test
    void aConfidentialClientWithItsSecretIsAuthenticated() {
        when(registry.find("ma_shop")).thenReturn(Mono.just(app("confidential", "active")));
        StepVerifier.create(clients.authenticate(new HttpHeaders(), form("ma_shop", "app-secret")))
                .assertNext(client -> assertThat(client.confidential()).isTrue())
                .verifyComplete();
    }

    @Test
    void aConfidentialClientWithoutASecretIsIdentifiedButNotAuthenticated() {
        when(registry.find("ma_shop")).thenReturn(Mono.just(app("confidential", "active")));
        StepVerifier.create(clients.authenticate(new HttpHeaders(), form("ma_shop", null)))
                .assertNext(client -> assertThat(client.confidential()).isFalse())
                .verifyComplete();
    }

    @Test
    void aHybridBackendAuthenticatesWithItsOwnSecretByHttpBasic() {
        when(registry.find("ma_shop_backend")).thenReturn(Mono.just(app("public", "active")));
        HttpHeaders basic = new HttpHeaders();
        basic.setBasicAuth("ma_shop_backend", "backend-secret");
        StepVerifier.create(clients.authenticate(basic, form(null, null)))
                .assertNext(client -> {
                    assertThat(client.clientId()).isEqualTo("ma_shop_backend");
                    assertThat(client.confidential()).isTrue();
                })
                .verifyComplete();
    }

    @Test
    void aHybridBackendPresentingTheAppsSecretIsInvalidClient() {
        when(registry.find("ma_shop_backend")).thenReturn(Mono.just(app("public", "active")));
        StepVerifier.create(clients.authenticate(new HttpHeaders(), form("ma_shop_backend", "app-secret")))
                .verifyErrorSatisfies(oauthError(401, "invalid_client"));
    }

    private static MultiValueMap<String, String> form(String clientId, String secret) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        if (clientId != null) {
            form.add("client_id", clientId);
        }
        if (secret != null) {
            form.add("client_secret", secret);
        }
        return form;
    }
}
