package dev.tmcp.appstore.registry;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.app.MiniAppRegistered;
import dev.tmcp.web.outbox.OutboxWriter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Registers mini-apps; each registration and its {@code miniapp.registered} event commit together. */
@Service
public class MiniAppRegistry {

    private final MiniAppRepository repository;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;

    MiniAppRegistry(MiniAppRepository repository, OutboxWriter outbox, TransactionalOperator tx) {
        this.repository = repository;
        this.outbox = outbox;
        this.tx = tx;
    }

    public Mono<MiniApp> find(String clientId) {
        return repository.find(clientId)
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.MINIAPP_NOT_FOUND, "Mini-app not registered")));
    }

    /** Every active mini-app (for reconciliation by other services). */
    public reactor.core.publisher.Flux<MiniApp> active() {
        return repository.activeClientIds().concatMap(repository::find);
    }

    /**
     * Registers the app if it is new (else adds scopes it lacks); emits whether it was new. A
     * privileged scope (16.7) is refused unless the app is official; for an existing app the stored
     * classification decides, not the one given here.
     */
    public Mono<Boolean> registerIfAbsent(MiniApp app) {
        if (!app.forbiddenPrivilegedScopes().isEmpty()) {
            return Mono.error(privilegedRefused(app.forbiddenPrivilegedScopes()));
        }
        MiniAppRegistered event = new MiniAppRegistered(app.clientId(), app.name(), app.clientType(),
                app.redirectUris(), app.scopes().stream().map(MiniApp.RegisteredScope::scope).toList(), app.backendClientId());
        return tx.transactional(repository.insertIfAbsent(app)
                .flatMap(created -> created
                        ? outbox.append(Topics.APP, EventCodec.envelope(MiniAppRegistered.TYPE, "appstore-service",
                                app.clientId(), event)).thenReturn(true)
                        : repository.find(app.clientId())
                                .flatMap(stored -> stored.withScopes(app.scopes()).forbiddenPrivilegedScopes().isEmpty()
                                        ? repository.addMissingScopes(app).thenReturn(false)
                                        : Mono.error(privilegedRefused(app.scopes().stream()
                                                .map(MiniApp.RegisteredScope::scope)
                                                .filter(MiniApp.PRIVILEGED_SCOPES::contains).toList())))));
    }

    private static TmcpException privilegedRefused(java.util.List<String> scopes) {
        return new TmcpException(ErrorCode.INVALID_SCOPE, "Scopes " + scopes + " are reserved for official mini-apps");
    }
}
