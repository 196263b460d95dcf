package dev.tmcp.appstore.registration;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.Ids;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers mini-apps (spec 9.1.1) in {@code pending_review}; the row and its scopes commit
 * together. The Keycloak client comes only with approval ({@code Reviews}). Secrets are generated here, returned once, and stored as SHA-256
 * (client secrets) or SHA-256 plus AES-GCM ciphertext (the webhook secret, needed for signing).
 */
@Service
class Registrations {

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final SecretBox box;

    Registrations(DatabaseClient db, TransactionalOperator tx, SecretBox box) {
        this.db = db;
        this.tx = tx;
        this.box = box;
    }

    /** Who registers: a developer on behalf of an organization, or the platform itself (official apps). */
    record Owner(String developerId, String orgId, String registeredBy) {
    }

    Mono<Registered> register(RegistrationRequest request, RegistrationRules.Checked checked, Owner owner) {
        String id = Ids.next("ma_");
        String type = checked.clientType();
        String clientSecret = "confidential".equals(type) ? SecretBox.newSecret("secret_") : null;
        String backendId = "hybrid".equals(type) ? id + "_backend" : null;
        String backendSecret = backendId != null ? SecretBox.newSecret("secret_") : null;
        String webhookSecret = SecretBox.newSecret("whsec_");
        RegistrationRequest.Technical technical = request.technical();
        Mono<OffsetDateTime> insert = db.sql("insert into mini_app (client_id, name, client_type, status, redirect_uris, "
                        + "classification, short_name, description, category, entry_url, webhook_url, icon_url, "
                        + "primary_color, developer_info, client_secret_hash, backend_client_id, backend_secret_hash, "
                        + "webhook_secret_hash, webhook_secret_enc, owner_developer_id, owner_org_id, registered_by) "
                        + "values (:id, :name, :type, 'pending_review', :uris, :classification, :short, :description, "
                        + ":category, :entry, :webhook, :icon, :color, :developer, :secretHash, :backendId, "
                        + ":backendHash, :webhookHash, :webhookEnc, :ownerDev, :ownerOrg, :by) returning created_at")
                .bind("id", id).bind("name", request.name().trim()).bind("type", type)
                .bind("uris", String.join(" ", checked.redirectUris())).bind("classification", checked.classification())
                .bind("short", text(request.shortName())).bind("description", text(request.description()))
                .bind("category", text(request.category())).bind("entry", technical.entryUrl())
                .bind("webhook", text(technical.webhookUrl()))
                .bind("icon", text(request.branding() == null ? null : request.branding().iconUrl()))
                .bind("color", text(request.branding() == null ? null : request.branding().primaryColor()))
                .bind("developer", text(request.developer() == null ? null : JSON.writeValueAsString(request.developer())))
                .bind("secretHash", text(clientSecret == null ? null : Digests.sha256Hex(clientSecret)))
                .bind("backendId", text(backendId))
                .bind("backendHash", text(backendSecret == null ? null : Digests.sha256Hex(backendSecret)))
                .bind("webhookHash", Digests.sha256Hex(webhookSecret))
                .bind("webhookEnc", box.seal(webhookSecret, id))
                .bind("ownerDev", text(owner.developerId())).bind("ownerOrg", text(owner.orgId()))
                .bind("by", owner.registeredBy())
                .map((row, meta) -> row.get("created_at", OffsetDateTime.class)).one();
        return tx.transactional(insert
                        .flatMap(created -> Flux.fromIterable(checked.scopes())
                                .concatMap(scope -> db.sql("insert into mini_app_scope (client_id, scope, pre_approved, "
                                                + "justification) values (:id, :scope, :pre, :why)")
                                        .bind("id", id).bind("scope", scope.scope()).bind("pre", scope.preApproved())
                                        .bind("why", text(technical.scopeJustifications() == null ? null
                                                : technical.scopeJustifications().get(scope.scope())))
                                        .fetch().rowsUpdated())
                                .then(Mono.just(created.toInstant()))))
                .map(created -> {
                    log.info("mini-app {} ({}, {}) registered by {} for {}", id, type, checked.classification(),
                            owner.registeredBy(), owner.orgId());
                    return response(id, type, clientSecret, backendId, backendSecret, webhookSecret, created);
                });
    }

    private static Registered response(String id, String type, String clientSecret, String backendId,
            String backendSecret, String webhookSecret, Instant created) {
        Registered.Credentials credentials = "hybrid".equals(type)
                ? new Registered.Credentials(new Registered.Client(id, null, "Frontend WebView mini-app"),
                        new Registered.Client(backendId, backendSecret,
                                "Backend server for webhook processing and background operations"),
                        null, null, webhookSecret)
                : new Registered.Credentials(null, null, id, clientSecret, webhookSecret);
        return new Registered(id, "pending_review", credentials, created.truncatedTo(ChronoUnit.SECONDS));
    }

    private static io.r2dbc.spi.Parameter text(String value) {
        return io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, value);
    }
}
