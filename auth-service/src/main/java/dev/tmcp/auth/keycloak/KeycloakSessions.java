package dev.tmcp.auth.keycloak;

import dev.tmcp.auth.AuthProperties;
import jakarta.ws.rs.NotFoundException;
import java.util.Collection;
import org.keycloak.admin.client.Keycloak;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Ends Keycloak sessions behind revoked TEP sessions (spec 5.6 step 2, Keycloak in the role of
 * MAS): deleting the session invalidates its access and refresh tokens at once.
 */
@Component
public class KeycloakSessions {

    private static final Logger log = LoggerFactory.getLogger(KeycloakSessions.class);

    private final Keycloak keycloak;
    private final String realm;

    KeycloakSessions(Keycloak keycloak, AuthProperties properties) {
        this.keycloak = keycloak;
        this.realm = properties.keycloak().realm();
    }

    public Mono<Void> end(Collection<String> sessionIds) {
        return Flux.fromIterable(sessionIds)
                .concatMap(sid -> Mono.fromRunnable(() -> {
                    try {
                        keycloak.realm(realm).deleteSession(sid, false);
                        log.info("ended Keycloak session {}", sid);
                    } catch (NotFoundException gone) {
                        // Already logged out or expired: nothing left to revoke.
                    }
                }).subscribeOn(Schedulers.boundedElastic()))
                .then();
    }
}
