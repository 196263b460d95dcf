package dev.tmcp.appstore.install;

import dev.tmcp.appstore.access.HostApps;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.app.MiniAppInstalled;
import dev.tmcp.core.event.app.MiniAppUninstalled;
import dev.tmcp.core.id.Ids;
import dev.tmcp.core.id.UserId;
import dev.tmcp.web.outbox.OutboxWriter;
import dev.tmcp.web.tep.TepPrincipal;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Installations per user. Installing commits {@code miniapp.installed} and uninstalling
 * {@code miniapp.uninstalled} with the state change, so matrix-bridge tells the user and every
 * service holding that user's data for the app (storage first, auth-service its sessions and
 * approvals) deletes it. A mini-app's TEP (un)installs that app (decision 0012); the host's, an
 * official app's, any app for its user (decision 0048).
 */
@Service
public class Installations {

    /** An installation: its id, and whether this call created it. */
    public record Installed(String installId, boolean created) {
    }

    private final DatabaseClient db;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final HostApps hosts;

    Installations(DatabaseClient db, OutboxWriter outbox, TransactionalOperator tx, HostApps hosts) {
        this.db = db;
        this.outbox = outbox;
        this.tx = tx;
        this.hosts = hosts;
    }

    Mono<String> install(TepPrincipal user, String miniappId) {
        return requireAllowed(user, miniappId).then(install(user.userId(), miniappId)).map(Installed::installId);
    }

    /** Installs an active app for a user (idempotent); {@code 404 APP_NOT_FOUND} for any other app. */
    public Mono<Installed> install(UserId user, String miniappId) {
        return tx.transactional(db.sql("select name, version, classification from mini_app where client_id = :c and status = 'active'")
                .bind("c", miniappId)
                .map((r, m) -> new MiniAppInstalled(miniappId, user.value(), r.get("name", String.class),
                        r.get("version", String.class), r.get("classification", String.class), null))
                .one()
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.APP_NOT_FOUND, "Mini-app not found")))
                .flatMap(app -> db.sql("insert into installation (client_id, user_id, install_id) values (:c, :u, :i) "
                                + "on conflict (client_id, user_id) do nothing returning install_id, installed_at")
                        .bind("c", miniappId).bind("u", user.value()).bind("i", Ids.next("install_"))
                        .map((r, m) -> new Object[] {r.get("install_id", String.class), r.get("installed_at", OffsetDateTime.class)})
                        .one()
                        .flatMap(row -> db.sql("update mini_app set install_count = install_count + 1 where client_id = :c")
                                .bind("c", miniappId).then()
                                .then(outbox.append(Topics.APP, EventCodec.envelope(MiniAppInstalled.TYPE, "appstore-service",
                                        miniappId, new MiniAppInstalled(miniappId, user.value(), app.name(), app.version(),
                                                app.classification(), ((OffsetDateTime) row[1]).toInstant().toString()))))
                                .thenReturn(new Installed((String) row[0], true)))
                        .switchIfEmpty(Mono.defer(() -> db.sql("select install_id from installation where client_id = :c and user_id = :u")
                                .bind("c", miniappId).bind("u", user.value())
                                .map((r, m) -> new Installed(r.get("install_id", String.class), false))
                                .one()))));
    }

    Mono<Void> uninstall(TepPrincipal user, String miniappId) {
        return requireAllowed(user, miniappId).then(db.sql("select removable from mini_app where client_id = :c").bind("c", miniappId)
                .map(r -> Boolean.TRUE.equals(r.get("removable", Boolean.class)))
                .one()
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.APP_NOT_FOUND, "Mini-app not found")))
                .flatMap(removable -> removable
                        ? tx.transactional(db.sql("delete from installation where client_id = :c and user_id = :u")
                                .bind("c", miniappId).bind("u", user.userId().value())
                                .fetch().rowsUpdated()
                                .flatMap(removed -> db.sql("update mini_app set install_count = install_count - :n where client_id = :c")
                                        .bind("n", removed.intValue()).bind("c", miniappId).then())
                                .then(outbox.append(Topics.APP, EventCodec.envelope(MiniAppUninstalled.TYPE,
                                        "appstore-service", miniappId,
                                        new MiniAppUninstalled(miniappId, user.userId().value()))))
                                .then())
                        : Mono.error(new TmcpException(ErrorCode.APP_NOT_REMOVABLE, "This system app cannot be removed"))));
    }

    /** A mini-app's TEP (un)installs that app; the host's any app (decision 0048). */
    private Mono<Void> requireAllowed(TepPrincipal user, String miniappId) {
        return miniappId.equals(user.clientId()) ? Mono.empty()
                : hosts.requireHost(user, "A mini-app's token can only install or uninstall that mini-app");
    }
}
