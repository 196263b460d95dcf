package dev.tmcp.auth.keycloak;

import dev.tmcp.auth.clients.MiniAppRegistryClient;
import dev.tmcp.core.event.app.MiniAppRegistered;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.util.retry.Retry;

/**
 * At start, makes sure every active mini-app has its Keycloak client. The {@code miniapp.registered}
 * event does this once per app; this covers a Keycloak restored from an older backup or replaced,
 * which would otherwise never hear of apps registered before.
 */
@Component
class KeycloakClientReconciler {

    private static final Logger log = LoggerFactory.getLogger(KeycloakClientReconciler.class);

    private final MiniAppRegistryClient registry;
    private final MiniAppClientRegistrar registrar;

    KeycloakClientReconciler(MiniAppRegistryClient registry, MiniAppClientRegistrar registrar) {
        this.registry = registry;
        this.registrar = registrar;
    }

    @EventListener(ApplicationReadyEvent.class)
    void reconcile() {
        registry.active()
                .concatMap(app -> registrar.ensureClient(new MiniAppRegistered(app.clientId(), app.name(),
                        app.clientType(), app.redirectUris(), app.scopes().stream().map(MiniAppRegistryClient.Scope::scope).toList())))
                .then()
                .retryWhen(Retry.backoff(10, Duration.ofSeconds(2)).maxBackoff(Duration.ofSeconds(30)))
                .subscribe(done -> { }, error -> log.error("could not reconcile Keycloak clients with the registry", error),
                        () -> log.info("Keycloak clients reconciled with the registry"));
    }
}
