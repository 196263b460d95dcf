package dev.tmcp.auth.developer.org;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tmcp.auth.developer.DeveloperProperties;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.web.tep.DeveloperPrincipal;
import dev.tmcp.web.tep.DeveloperRole;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Organizations (spec 4.4.4), all with a developer token; a TEP is 403
 * {@code forbidden_platform_endpoint} (checked by {@link DeveloperPrincipal} resolution).
 */
@RestController
class OrganizationController {

    private final Organizations organizations;
    private final DeveloperProperties properties;

    OrganizationController(Organizations organizations, DeveloperProperties properties) {
        this.organizations = organizations;
        this.properties = properties;
    }

    record CreateRequest(String name, String description, String website, String contactEmail) {
    }

    record InviteRequest(String matrixUserId, String role) {
    }

    record RoleRequest(String role) {
    }

    record Member(String matrixUserId, String role) {
    }

    /** {@code description} is left out when none was given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Created(String orgId, String name, String description, String createdBy, Instant createdAt,
            List<Member> roles) {

        static Created of(Organizations.Organization org, Member creator) {
            return new Created(org.orgId(), org.name(), org.description(), org.createdBy(), org.createdAt(),
                    List.of(creator));
        }
    }

    record Members(String orgId, List<Member> members) {
    }

    record Invited(String invitationId, String orgId, String matrixUserId, String role, String invitedBy,
            Instant invitedAt, Instant expiresAt, String status) {

        static Invited of(Organizations.Invitation inv) {
            return new Invited(inv.invitationId(), inv.orgId(), inv.matrixUserId(), inv.role(), inv.invitedBy(),
                    inv.invitedAt(), inv.expiresAt(), inv.status());
        }
    }

    record Accepted(String invitationId, String status, String orgId, String name, String role, String matrixUserId) {
    }

    record RoleChanged(String orgId, String matrixUserId, String role) {
    }

    @PostMapping("/organizations/v1/create")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Created> create(DeveloperPrincipal developer, @RequestBody CreateRequest request) {
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "name is required (at most 200 characters)"));
        }
        // The columns' sizes: a longer value is the caller's mistake, not a database error.
        if (tooLong(request.description(), 1000) || tooLong(request.website(), 500) || tooLong(request.contactEmail(), 255)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST,
                    "description, website and contact_email are at most 1000, 500 and 255 characters"));
        }
        String creator = developer.developerId().value();
        return organizations.create(creator, new Organizations.NewOrganization(request.name().trim(),
                        request.description(), request.website(), request.contactEmail()), false)
                .map(org -> Created.of(org, new Member(creator, DeveloperRole.ADMIN.wire())));
    }

    @GetMapping("/organizations/v1/{orgId}/members")
    Mono<Members> members(DeveloperPrincipal developer, @PathVariable String orgId) {
        return organizations.members(orgId, developer.developerId().value())
                .map(members -> new Members(orgId, members.stream()
                        // members() answers each member's id in the membership's org_id.
                        .map(m -> new Member(m.orgId(), m.role())).toList()));
    }

    @PostMapping("/organizations/v1/{orgId}/members")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Invited> invite(DeveloperPrincipal developer, @PathVariable String orgId,
            @RequestBody InviteRequest request) {
        if (request.matrixUserId() == null || !UserId.isValid(request.matrixUserId())) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "matrix_user_id must be a Matrix user id"));
        }
        DeveloperRole role = role(request.role());
        return organizations.invite(orgId, developer.developerId().value(), request.matrixUserId(), role,
                        properties.invitationLifetime())
                .map(Invited::of);
    }

    @PostMapping("/organizations/v1/invitations/{invitationId}/accept")
    Mono<Accepted> accept(DeveloperPrincipal developer, @PathVariable String invitationId) {
        return organizations.accept(invitationId, developer.developerId().value())
                .map(m -> new Accepted(invitationId, "accepted", m.orgId(), m.name(), m.role(),
                        developer.developerId().value()));
    }

    @PutMapping("/organizations/v1/{orgId}/members/{memberId}/role")
    Mono<RoleChanged> changeRole(DeveloperPrincipal developer, @PathVariable String orgId,
            @PathVariable String memberId, @RequestBody RoleRequest request) {
        DeveloperRole role = role(request.role());
        return organizations.changeRole(orgId, developer.developerId().value(), memberId, role)
                .map(m -> new RoleChanged(orgId, memberId, m.role()));
    }

    private static boolean tooLong(String value, int max) {
        return value != null && value.length() > max;
    }

    private static DeveloperRole role(String wire) {
        return DeveloperRole.of(wire == null ? "" : wire).orElseThrow(() -> new TmcpException(ErrorCode.INVALID_REQUEST,
                "role must be one of admin, developer, viewer"));
    }
}
