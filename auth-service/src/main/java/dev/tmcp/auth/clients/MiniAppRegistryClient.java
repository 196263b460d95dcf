package dev.tmcp.auth.clients;

import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.token.OAuthException;
import dev.tmcp.auth.token.ServiceTokens;
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

    public record MiniApp(String clientId, String name, String clientType, String status, List<Scope> scopes) {
    }

    public record Scope(String scope, boolean preApproved) {
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
