package dev.tmcp.appstore.access;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.error.OAuthError;
import dev.tmcp.web.tep.DeveloperPrincipal;
import dev.tmcp.web.tep.TepVerifier;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import org.springframework.web.server.ServerWebExchange;

/**
 * A developer's access to one app: the app's owning organization must list the developer with a
 * role that grants the permission. Another organization's app answers 404 (as if absent), a
 * member without the permission 403.
 */
@Component
public class DeveloperAccess {

    /** The app the caller may act on, and who they are. */
    public record Granted(String miniappId, String orgId, DeveloperPrincipal developer) {
    }

    private final TepVerifier verifier;
    private final DatabaseClient db;

    DeveloperAccess(TepVerifier verifier, DatabaseClient db) {
        this.verifier = verifier;
        this.db = db;
    }

    /** The developer whose token the request carries (401 otherwise). */
    public Mono<DeveloperPrincipal> developer(ServerWebExchange http) {
        return verifier.verifyDeveloper(http.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
    }

    public Mono<Granted> require(ServerWebExchange http, String miniappId, String permission) {
        return verifier.verifyDeveloper(http.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
                .flatMap(developer -> db.sql("select owner_org_id from mini_app where client_id = :id")
                        .bind("id", miniappId)
                        .map((r, m) -> java.util.Optional.ofNullable(r.get("owner_org_id", String.class)))
                        .one()
                        .switchIfEmpty(Mono.error(() -> notFound()))
                        .flatMap(org -> {
                            var membership = org.flatMap(developer::organization);
                            if (membership.isEmpty()) {
                                return Mono.error(notFound());
                            }
                            if (!membership.get().grants(permission)) {
                                return Mono.error(OAuthError.insufficientPermissions(permission));
                            }
                            return Mono.just(new Granted(miniappId, org.get(), developer));
                        }));
    }

    private static TmcpException notFound() {
        return new TmcpException(ErrorCode.APP_NOT_FOUND, "No such mini-app");
    }
}
