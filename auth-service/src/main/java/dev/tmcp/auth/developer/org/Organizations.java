package dev.tmcp.auth.developer.org;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.Ids;
import dev.tmcp.web.error.OAuthError;
import dev.tmcp.web.tep.DeveloperRole;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Organizations and their members (spec 4.4.4, 4.4.8). Every permission decision reads the
 * member table, not the caller's token, so a role change counts at once: only admins invite and
 * change roles, nobody changes their own role, an invitation is accepted only by the invitee and
 * only within its lifetime.
 */
@Service
public class Organizations {

    private static final Logger log = LoggerFactory.getLogger(Organizations.class);

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    Organizations(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /** A developer's membership: what the {@code organizations} claim carries. */
    public record Membership(String orgId, String name, String role) {
    }

    record Organization(String orgId, String name, String description, String website, String contactEmail,
            String createdBy, Instant createdAt) {
    }

    record Invitation(String invitationId, String orgId, String matrixUserId, String role, String invitedBy,
            Instant invitedAt, Instant expiresAt, String status) {
    }

    record NewOrganization(String name, String description, String website, String contactEmail) {
    }

    public Mono<List<Membership>> memberships(String developerId) {
        return db.sql("select o.org_id, o.name, m.role from organization_member m join organization o using (org_id) "
                        + "where m.developer_id = :dev order by m.joined_at, o.org_id")
                .bind("dev", developerId)
                .map((row, meta) -> new Membership(row.get("org_id", String.class), row.get("name", String.class),
                        row.get("role", String.class)))
                .all().collectList();
    }

    /** Spec 4.4.3 step 4: a standalone developer gets a default organization of their own (as admin). */
    public Mono<Void> ensureDefault(String developerId) {
        return memberships(developerId).flatMap(existing -> existing.isEmpty()
                ? create(developerId, new NewOrganization(localpart(developerId), "Default organization", null, null), true)
                        .then()
                : Mono.empty());
    }

    Mono<Organization> create(String creator, NewOrganization request, boolean personal) {
        String orgId = Ids.next("org_");
        return tx.transactional(db.sql("insert into organization (org_id, name, description, website, contact_email, "
                                + "personal, created_by) values (:id, :name, :description, :website, :email, :personal, :by) "
                                + "returning *")
                        .bind("id", orgId).bind("name", request.name())
                        .bind("description", text(request.description())).bind("website", text(request.website()))
                        .bind("email", text(request.contactEmail())).bind("personal", personal).bind("by", creator)
                        .map((row, meta) -> new Organization(orgId, row.get("name", String.class),
                                row.get("description", String.class), row.get("website", String.class),
                                row.get("contact_email", String.class), creator,
                                row.get("created_at", OffsetDateTime.class).toInstant()))
                        .one()
                        .flatMap(org -> addMember(orgId, creator, DeveloperRole.ADMIN.wire()).thenReturn(org)))
                .doOnNext(org -> log.info("organization {} created by {}", orgId, creator));
    }

    Mono<Invitation> invite(String orgId, String inviter, String invitee, DeveloperRole role, Duration lifetime) {
        Instant expires = Instant.now().plus(lifetime);
        return requireAdmin(orgId, inviter, DeveloperRole.Permissions.INVITE)
                .then(roleOf(orgId, invitee).hasElement())
                .flatMap(member -> member
                        ? Mono.error(new TmcpException(ErrorCode.INVALID_STATE, invitee + " is already a member"))
                        : db.sql("insert into organization_invitation (invitation_id, org_id, matrix_user_id, role, "
                                        + "invited_by, expires_at) values (:id, :org, :user, :role, :by, :expires) returning *")
                                .bind("id", Ids.next("inv_")).bind("org", orgId).bind("user", invitee)
                                .bind("role", role.wire()).bind("by", inviter)
                                .bind("expires", expires.atOffset(ZoneOffset.UTC))
                                .map((row, meta) -> invitation(row)).one())
                .doOnNext(inv -> log.info("{} invited {} to {} as {}", inviter, invitee, orgId, role.wire()));
    }

    /** The invitee accepts: membership with the invited role. Expired, foreign or used invitations are refused. */
    Mono<Membership> accept(String invitationId, String developerId) {
        return tx.transactional(db.sql("select * from organization_invitation where invitation_id = :id for update")
                .bind("id", invitationId)
                .map((row, meta) -> invitation(row)).one()
                .filter(inv -> inv.matrixUserId().equals(developerId))
                // Somebody else's invitation is indistinguishable from a missing one.
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.NOT_FOUND, "No such invitation")))
                .flatMap(inv -> {
                    if (!"pending".equals(inv.status())) {
                        return Mono.error(new TmcpException(ErrorCode.INVALID_STATE, "The invitation was already accepted"));
                    }
                    if (!inv.expiresAt().isAfter(Instant.now())) {
                        return Mono.error(new TmcpException(ErrorCode.INVALID_STATE, "The invitation has expired",
                                java.util.Map.of("expired_at", inv.expiresAt().toString())));
                    }
                    return db.sql("update organization_invitation set status = 'accepted', accepted_at = now() "
                                    + "where invitation_id = :id").bind("id", invitationId).fetch().rowsUpdated()
                            .then(addMember(inv.orgId(), developerId, inv.role()))
                            .then(db.sql("select name from organization where org_id = :id").bind("id", inv.orgId())
                                    .map((row, meta) -> new Membership(inv.orgId(), row.get("name", String.class), inv.role()))
                                    .one());
                }))
                .doOnNext(m -> log.info("{} joined {} as {}", developerId, m.orgId(), m.role()));
    }

    /** An admin changes another member's role; the change is audited (spec 4.4.8). */
    Mono<Membership> changeRole(String orgId, String actor, String member, DeveloperRole role) {
        if (actor.equals(member)) {
            return Mono.error(new OAuthError(403, "insufficient_permissions",
                    "Developers may not change their own role", java.util.Map.of()));
        }
        return tx.transactional(requireAdmin(orgId, actor, DeveloperRole.Permissions.ROLES)
                .then(roleOf(orgId, member))
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.NOT_FOUND, member + " is not a member")))
                .flatMap(old -> db.sql("update organization_member set role = :role where org_id = :org and developer_id = :dev")
                        .bind("role", role.wire()).bind("org", orgId).bind("dev", member).fetch().rowsUpdated()
                        .then(db.sql("insert into organization_role_change (org_id, developer_id, old_role, new_role, "
                                        + "changed_by) values (:org, :dev, :old, :new, :by)")
                                .bind("org", orgId).bind("dev", member).bind("old", old).bind("new", role.wire())
                                .bind("by", actor).fetch().rowsUpdated()))
                .then(db.sql("select name from organization where org_id = :id").bind("id", orgId)
                        .map((row, meta) -> new Membership(orgId, row.get("name", String.class), role.wire())).one()))
                .doOnNext(m -> log.info("{} changed the role of {} in {} to {}", actor, member, orgId, role.wire()));
    }

    Mono<List<Membership>> members(String orgId, String viewer) {
        return roleOf(orgId, viewer)
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.NOT_FOUND, "No such organization")))
                .then(db.sql("select developer_id, role from organization_member where org_id = :org order by joined_at")
                        .bind("org", orgId)
                        .map((row, meta) -> new Membership(row.get("developer_id", String.class), null,
                                row.get("role", String.class)))
                        .all().collectList());
    }

    private Mono<Void> requireAdmin(String orgId, String developerId, String permission) {
        return roleOf(orgId, developerId)
                // Not a member: the organization might as well not exist for this caller.
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.NOT_FOUND, "No such organization")))
                .flatMap(role -> DeveloperRole.of(role).filter(r -> r.grants(permission)).isPresent()
                        ? Mono.<Void>empty()
                        : Mono.error(OAuthError.insufficientPermissions(permission)));
    }

    private Mono<String> roleOf(String orgId, String developerId) {
        return db.sql("select role from organization_member where org_id = :org and developer_id = :dev")
                .bind("org", orgId).bind("dev", developerId)
                .map((row, meta) -> row.get("role", String.class)).one();
    }

    private Mono<Long> addMember(String orgId, String developerId, String role) {
        return db.sql("insert into organization_member (org_id, developer_id, role) values (:org, :dev, :role) "
                        + "on conflict (org_id, developer_id) do nothing")
                .bind("org", orgId).bind("dev", developerId).bind("role", role).fetch().rowsUpdated();
    }

    private static Invitation invitation(io.r2dbc.spi.Readable row) {
        return new Invitation(row.get("invitation_id", String.class), row.get("org_id", String.class),
                row.get("matrix_user_id", String.class), row.get("role", String.class),
                row.get("invited_by", String.class), row.get("invited_at", OffsetDateTime.class).toInstant(),
                row.get("expires_at", OffsetDateTime.class).toInstant(), row.get("status", String.class));
    }

    private static io.r2dbc.spi.Parameter text(String value) {
        return io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, value);
    }

    private static String localpart(String userId) {
        int colon = userId.indexOf(':');
        return userId.substring(1, colon > 0 ? colon : userId.length());
    }
}
