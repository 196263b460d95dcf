package dev.tmcp.auth.token;

import dev.tmcp.auth.clients.MiniAppRegistryClient;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.core.id.MiniAppId;
import dev.tmcp.web.platform.PresentedCredentials;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Mono;

/**
 * Who is calling the token endpoint (spec 9.1.1, RFC 6749 2.3): a public mini-app names itself with
 * {@code client_id} and holds no secret; a confidential client or the backend half of a hybrid app
 * ({@code ma_x_backend}) proves itself with {@code client_secret_post} or HTTP Basic. Secrets are
 * compared as SHA-256 digests in constant time. An unknown or inactive client is 401
 * {@code invalid_client}.
 */
@Component
class ClientAuthentication {

    private final MiniAppRegistryClient registry;

    ClientAuthentication(MiniAppRegistryClient registry) {
        this.registry = registry;
    }

    /** The identified client, and whether it proved a secret. */
    record Client(MiniAppRegistryClient.MiniApp app, String clientId, boolean confidential) {
    }

    Mono<Client> authenticate(HttpHeaders headers, MultiValueMap<String, String> form) {
        PresentedCredentials presented = PresentedCredentials.read(headers, form);
        String id = presented.clientId();
        if (id == null || id.isBlank()) {
            return Mono.error(OAuthException.invalidClient("client_id is required"));
        }
        if (!MiniAppId.isValid(id)) {
            // Every client of this endpoint is a mini-app (ma_…) or its backend (ma_…_backend).
            return Mono.error(OAuthException.invalidClient("Unknown client_id"));
        }
        return registry.find(id)
                .filter(app -> "active".equals(app.status()))
                .switchIfEmpty(Mono.error(() -> OAuthException.invalidClient("This mini-app is not active")))
                .flatMap(app -> {
                    String expected = app.secretHashFor(id);
                    if (expected == null) {
                        return presented.secret() == null
                                ? Mono.just(new Client(app, id, false))
                                : Mono.error(OAuthException.invalidClient("A public client has no secret"));
                    }
                    if (presented.secret() == null) {
                        // Spec 4.3.1: the token exchange needs no secret; grants that do, check confidential().
                        return Mono.just(new Client(app, id, false));
                    }
                    if (!presented.secretMatches(expected)) {
                        return Mono.error(OAuthException.invalidClient("Client authentication failed"));
                    }
                    return Mono.just(new Client(app, id, true));
                });
    }
}
