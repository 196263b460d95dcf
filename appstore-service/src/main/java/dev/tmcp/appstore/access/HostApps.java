package dev.tmcp.appstore.access;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.tep.TepPrincipal;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The host: a user's TEP in an active official app (the host's own, decision 0048) acts for the
 * user in the store — installs any app, rates, bootstraps a device. A third-party app's TEP does
 * not: it could otherwise remove other apps or rate itself.
 */
@Component
public class HostApps {

    private final DatabaseClient db;

    HostApps(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Boolean> isHost(TepPrincipal user) {
        return db.sql("select 1 from mini_app where client_id = :c and classification = 'official' and status = 'active'")
                .bind("c", user.clientId())
                .map((r, m) -> true)
                .one()
                .defaultIfEmpty(false);
    }

    /** {@code 403 INSUFFICIENT_PERMISSIONS} with {@code message} unless the token is the host's. */
    public Mono<Void> requireHost(TepPrincipal user, String message) {
        return isHost(user).flatMap(host -> host ? Mono.<Void>empty()
                : Mono.error(new TmcpException(ErrorCode.INSUFFICIENT_PERMISSIONS, message)));
    }
}
