package dev.tmcp.appstore.registration;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.tep.DeveloperPrincipal;
import dev.tmcp.web.tep.DeveloperRole;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A developer's own apps (decision 0050): list, read, update, delete, and new secrets. Descriptive
 * fields change at any time; the entry URL and redirect URIs only before approval (an approved app's
 * OAuth client is the one the platform reviewed). Only an app that was never approved is deleted:
 * one that users may hold has to be suspended by the platform.
 */
@Service
class MyApps {

    private static final Logger log = LoggerFactory.getLogger(MyApps.class);
    static final Set<String> EDITABLE_TECHNICAL = Set.of("draft", "pending_review", "rejected");
    static final Duration MAX_OVERLAP = Duration.ofDays(7);
    static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final SecretBox box;

    MyApps(DatabaseClient db, TransactionalOperator tx, SecretBox box) {
        this.db = db;
        this.tx = tx;
        this.box = box;
    }

    /** The apps of every organization in which the developer may read apps. */
    Mono<AppViews.Apps> list(DeveloperPrincipal developer) {
        String[] orgs = developer.organizations().stream().filter(o -> o.grants(DeveloperRole.Permissions.READ))
                .map(DeveloperPrincipal.Organization::orgId).toArray(String[]::new);
        if (orgs.length == 0) {
            return Mono.just(new AppViews.Apps(List.of()));
        }
        return db.sql("select client_id, name, status, client_type, classification, version, owner_org_id, created_at "
                        + "from mini_app where owner_org_id = any(:orgs) order by created_at desc, client_id limit 500")
                .bind("orgs", orgs)
                .map((r, m) -> new AppViews.Summary(r.get("client_id", String.class), r.get("name", String.class),
                        r.get("status", String.class), r.get("client_type", String.class),
                        r.get("classification", String.class), r.get("version", String.class),
                        r.get("owner_org_id", String.class), r.get("created_at", OffsetDateTime.class).toInstant()))
                .all().collectList().map(AppViews.Apps::new);
    }

    Mono<AppViews.Detail> read(String miniappId) {
        return db.sql("select m.*, (select coalesce(string_agg(scope, ' ' order by scope), '') from mini_app_scope s "
                        + "where s.client_id = m.client_id) as scopes from mini_app m where client_id = :id")
                .bind("id", miniappId)
                .map((r, m) -> {
                    OffsetDateTime approved = r.get("approved_at", OffsetDateTime.class);
                    return new AppViews.Detail(miniappId, r.get("name", String.class), r.get("short_name", String.class),
                            r.get("description", String.class), r.get("category", String.class), r.get("status", String.class),
                            r.get("client_type", String.class), r.get("classification", String.class),
                            r.get("version", String.class), r.get("owner_org_id", String.class),
                            r.get("entry_url", String.class), words(r.get("redirect_uris", String.class)),
                            words(r.get("scopes", String.class)), r.get("webhook_url", String.class),
                            r.get("backend_client_id", String.class),
                            new AppViews.Branding(r.get("icon_url", String.class), r.get("primary_color", String.class)),
                            r.get("created_at", OffsetDateTime.class).toInstant(), approved == null ? null : approved.toInstant());
                })
                .one()
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.APP_NOT_FOUND, "No such mini-app")));
    }

    Mono<AppViews.Detail> update(String miniappId, AppViews.Update update) {
        if (update == null) {
            return Mono.error(invalid("a body with the fields to change is required"));
        }
        RegistrationRules.checkUpdate(update);
        boolean technical = update.entryUrl() != null || update.redirectUris() != null;
        return tx.transactional(status(miniappId)
                .flatMap(status -> {
                    if (technical && !EDITABLE_TECHNICAL.contains(status)) {
                        return Mono.error(new TmcpException(ErrorCode.INVALID_STATE,
                                "entry_url and redirect_uris change only before approval; this app is " + status,
                                Map.of("status", status)));
                    }
                    AppViews.Branding branding = update.branding();
                    return db.sql("update mini_app set name = coalesce(:name, name), short_name = coalesce(:short, short_name), "
                                    + "description = coalesce(:description, description), category = coalesce(:category, category), "
                                    + "icon_url = coalesce(:icon, icon_url), primary_color = coalesce(:color, primary_color), "
                                    + "entry_url = coalesce(:entry, entry_url), redirect_uris = coalesce(:uris, redirect_uris) "
                                    + "where client_id = :id")
                            .bind("id", miniappId)
                            .bind("name", text(update.name() == null ? null : update.name().trim()))
                            .bind("short", text(update.shortName())).bind("description", text(update.description()))
                            .bind("category", text(update.category()))
                            .bind("icon", text(branding == null ? null : branding.iconUrl()))
                            .bind("color", text(branding == null ? null : branding.primaryColor()))
                            .bind("entry", text(update.entryUrl()))
                            .bind("uris", text(update.redirectUris() == null ? null : String.join(" ", update.redirectUris())))
                            .then();
                }))
                .then(read(miniappId));
    }

    /** Deletes an app that was never approved; 409 for one that was. */
    Mono<Void> delete(String miniappId, String by) {
        return db.sql("delete from mini_app where client_id = :id and approved_at is null and status <> 'active'")
                .bind("id", miniappId)
                .fetch().rowsUpdated()
                .flatMap(n -> n == 1 ? Mono.<Void>empty().doOnSuccess(v -> log.info("mini-app {} deleted by {}", miniappId, by))
                        : status(miniappId).flatMap(status -> Mono.<Void>error(new TmcpException(ErrorCode.INVALID_STATE,
                                "An app that was approved is not deleted: the platform suspends it", Map.of("status", status)))));
    }

    /** A new client secret (confidential) or backend secret (hybrid); the old one stops working at once. */
    Mono<AppViews.NewSecret> rotateClientSecret(String miniappId, String by) {
        return db.sql("select client_type, backend_client_id from mini_app where client_id = :id").bind("id", miniappId)
                .map((r, m) -> new String[] {r.get("client_type", String.class), r.get("backend_client_id", String.class)})
                .one()
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.APP_NOT_FOUND, "No such mini-app")))
                .flatMap(app -> {
                    String secret = SecretBox.newSecret("secret_");
                    String column = switch (app[0]) {
                        case "confidential" -> "client_secret_hash";
                        case "hybrid" -> "backend_secret_hash";
                        default -> null;
                    };
                    if (column == null) {
                        return Mono.error(invalid("A public client has no secret"));
                    }
                    return db.sql("update mini_app set " + column + " = :hash where client_id = :id")
                            .bind("hash", Digests.sha256Hex(secret)).bind("id", miniappId).then()
                            .doOnSuccess(v -> log.info("client secret of {} rotated by {}", miniappId, by))
                            .thenReturn(new AppViews.NewSecret(miniappId, "hybrid".equals(app[0]) ? app[1] : miniappId,
                                    secret, null, null));
                });
    }

    /**
     * A new webhook secret. Until the overlap ends, each delivery carries signatures under the new
     * and the previous secret, so the receiver switches when it likes; then only the new one.
     */
    Mono<AppViews.NewSecret> rotateWebhookSecret(String miniappId, Duration overlap, String by) {
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            return Mono.error(invalid("overlap_seconds is 0 to " + MAX_OVERLAP.toSeconds()));
        }
        String secret = SecretBox.newSecret("whsec_");
        Instant until = Instant.now().plus(overlap);
        return db.sql("update mini_app set previous_webhook_secret_enc = webhook_secret_enc, "
                        + "previous_webhook_secret_until = :until, webhook_secret_enc = :sealed, webhook_secret_hash = :hash "
                        + "where client_id = :id")
                .bind("until", until.atOffset(java.time.ZoneOffset.UTC)).bind("sealed", box.seal(secret, miniappId))
                .bind("hash", Digests.sha256Hex(secret)).bind("id", miniappId)
                .fetch().rowsUpdated()
                .flatMap(n -> n == 1 ? Mono.just(new AppViews.NewSecret(miniappId, null, null, secret,
                                overlap.isZero() ? null : until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                        : Mono.error(new TmcpException(ErrorCode.APP_NOT_FOUND, "No such mini-app")))
                .doOnSuccess(v -> log.info("webhook secret of {} rotated by {} (overlap {})", miniappId, by, overlap));
    }

    private Mono<String> status(String miniappId) {
        return db.sql("select status from mini_app where client_id = :id").bind("id", miniappId)
                .map((r, m) -> r.get("status", String.class)).one()
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.APP_NOT_FOUND, "No such mini-app")));
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
    }

    private static io.r2dbc.spi.Parameter text(String value) {
        return io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, value);
    }

    private static TmcpException invalid(String message) {
        return new TmcpException(ErrorCode.INVALID_REQUEST, message);
    }
}
