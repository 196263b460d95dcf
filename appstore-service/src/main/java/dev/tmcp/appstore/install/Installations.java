package dev.tmcp.appstore.install;

import dev.tmcp.appstore.registry.MiniAppRegistry;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.app.MiniAppUninstalled;
import dev.tmcp.core.id.Ids;
import dev.tmcp.web.outbox.OutboxWriter;
import dev.tmcp.web.tep.TepPrincipal;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Installations per user. Uninstalling commits {@code miniapp.uninstalled} with the state change, so
 * every service holding that user's data for the app (storage first) deletes it. A TEP may only
 * (un)install its own mini-app until official store apps exist (decision 0012).
 */
@Service
class Installations {

    private final DatabaseClient db;
    private final MiniAppRegistry registry;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;

    Installations(DatabaseClient db, MiniAppRegistry registry, OutboxWriter outbox, TransactionalOperator tx) {
        this.db = db;
        this.registry = registry;
        this.outbox = outbox;
        this.tx = tx;
    }

    Mono<String> install(TepPrincipal user, String miniappId) {
        requireOwnApp(user, miniappId);
        return registry.find(miniappId)
                .onErrorMap(e -> e instanceof TmcpException t && t.code() == ErrorCode.MINIAPP_NOT_FOUND,
                        e -> new TmcpException(ErrorCode.APP_NOT_FOUND, "Mini-app not found"))
                .then(db.sql("insert into installation (client_id, user_id, install_id) values (:c, :u, :i) "
                                + "on conflict (client_id, user_id) do update set client_id = excluded.client_id "
                                + "returning install_id")
                        .bind("c", miniappId).bind("u", user.userId().value()).bind("i", Ids.next("install_"))
                        .map(r -> r.get("install_id", String.class))
                        .one());
    }

    Mono<Void> uninstall(TepPrincipal user, String miniappId) {
        requireOwnApp(user, miniappId);
        return db.sql("select removable from mini_app where client_id = :c").bind("c", miniappId)
                .map(r -> Boolean.TRUE.equals(r.get("removable", Boolean.class)))
                .one()
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.APP_NOT_FOUND, "Mini-app not found")))
                .flatMap(removable -> removable
                        ? tx.transactional(db.sql("delete from installation where client_id = :c and user_id = :u")
                                .bind("c", miniappId).bind("u", user.userId().value())
                                .fetch().rowsUpdated()
                                .then(outbox.append(Topics.APP, EventCodec.envelope(MiniAppUninstalled.TYPE,
                                        "appstore-service", miniappId,
                                        new MiniAppUninstalled(miniappId, user.userId().value()))))
                                .then())
                        : Mono.error(new TmcpException(ErrorCode.APP_NOT_REMOVABLE, "This system app cannot be removed")));
    }

    private static void requireOwnApp(TepPrincipal user, String miniappId) {
        if (!miniappId.equals(user.clientId())) {
            throw new TmcpException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                    "A mini-app's token can only install or uninstall that mini-app");
        }
    }
}
