package dev.tmcp.auth.clients;

import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.auth.oauth.ServiceTokens;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** auth-service → appstore-service: is this client a registered mini-app, with which scopes? */
@Component
public class MiniAppRegistryClient {

    private final ServiceClient appstore;
    private final ServiceTokens tokens;

    MiniAppRegistryClient(ServiceClients clients, ServiceTokens tokens, AuthProperties properties) {
        this.appstore = clients.create("appstore-service", properties.appstoreUrl(), Duration.ofSeconds(5));
        this.tokens = tokens;
    }

    /**
     * A registered mini-app as the registry describes it to auth-service.
     *
     * @param clientSecretHash SHA-256 hex of the confidential client's secret (confidential apps)
     * @param backendClientId the confidential half of a hybrid app ({@code ma_x_backend})
     * @param backendSecretHash SHA-256 hex of that backend client's secret
     */
    public record MiniApp(String clientId, String name, String clientType, String status, List<Scope> scopes,
            String classification, String clientSecretHash, String backendClientId, String backendSecretHash,
            List<String> redirectUris) {

        public boolean official() {
            return "official".equals(classification);
        }

        /** The secret digest {@code clientId} must prove, or null for a public client id. */
        public String secretHashFor(String clientId) {
            if (clientId.equals(backendClientId)) {
                return backendSecretHash;
            }
            return "confidential".equals(clientType) ? clientSecretHash : null;
        }

        /** Whether {@code clientId} is this app's confidential backend (or the app is confidential). */
        public boolean isBackend(String clientId) {
            return clientId.equals(backendClientId) || "confidential".equals(clientType);
        }
    }

    public record Scope(String scope, boolean preApproved) {
    }

    /** Every active mini-app. */
    public reactor.core.publisher.Flux<MiniApp> active() {
        return tokens.bearer().flatMapMany(bearer -> appstore.call(web -> web.get()
                        .uri("/internal/v1/miniapps")
                        .header(HttpHeaders.AUTHORIZATION, bearer)
                        .retrieve().bodyToFlux(MiniApp.class).collectList()))
                .flatMapIterable(apps -> apps);
    }

    /** The mini-app, or invalid_client when nobody registered it. */
    public Mono<MiniApp> find(String clientId) {
        return tokens.bearer().flatMap(bearer -> appstore.call(web -> web.get()
                        .uri("/internal/v1/miniapps/{id}", clientId)
                        .header(HttpHeaders.AUTHORIZATION, bearer)
                        .retrieve().bodyToMono(MiniApp.class)))
                .onErrorMap(e -> e instanceof TmcpException t && t.code() == ErrorCode.MINIAPP_NOT_FOUND,
                        e -> OAuthException.invalidClient("Unknown client_id"));
    }
}
