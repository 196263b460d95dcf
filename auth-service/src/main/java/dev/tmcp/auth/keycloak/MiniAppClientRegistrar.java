package dev.tmcp.auth.keycloak;

import dev.tmcp.auth.AuthProperties;
import dev.tmcp.core.event.app.MiniAppRegistered;
import java.util.Map;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientsResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Registers a mini-app as a Keycloak client (spec 4.7.2) so it can run device authorization and
 * authorization code + PKCE (S256) against Keycloak. Idempotent: an existing client is left as is.
 */
@Component
class MiniAppClientRegistrar {

    private static final Logger log = LoggerFactory.getLogger(MiniAppClientRegistrar.class);

    private final Keycloak keycloak;
    private final String realm;
    private final String serverClientId;

    MiniAppClientRegistrar(Keycloak keycloak, AuthProperties properties) {
        this.keycloak = keycloak;
        this.realm = properties.keycloak().realm();
        this.serverClientId = properties.keycloak().clientId();
    }

    Mono<Void> ensureClient(MiniAppRegistered app) {
        // keycloak-admin-client is a blocking JAX-RS client: keep it off the event loop.
        return Mono.fromRunnable(() -> {
            ClientsResource clients = keycloak.realm(realm).clients();
            var existing = clients.findByClientId(app.clientId());
            if (!existing.isEmpty()) {
                ServerAudience.ensure(clients.get(existing.get(0).getId()), serverClientId);
                return;
            }
            try (var response = clients.create(representation(app))) {
                if (response.getStatus() != 201 && response.getStatus() != 409) {
                    throw new IllegalStateException("Keycloak refused client " + app.clientId() + ": HTTP " + response.getStatus());
                }
            }
            log.info("registered mini-app {} as a Keycloak client", app.clientId());
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }

    private ClientRepresentation representation(MiniAppRegistered app) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(app.clientId());
        client.setName(app.name());
        client.setProtocol("openid-connect");
        client.setEnabled(true);
        client.setPublicClient(!"confidential".equals(app.clientType()));
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setRedirectUris(app.redirectUris());
        client.setAttributes(Map.of(
                "oauth2.device.authorization.grant.enabled", "true",
                "pkce.code.challenge.method", "S256"));
        client.setProtocolMappers(java.util.List.of(ServerAudience.mapper(serverClientId)));
        return client;
    }
}
