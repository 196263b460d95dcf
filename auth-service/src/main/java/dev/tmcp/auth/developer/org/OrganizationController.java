package dev.tmcp.auth.developer.org;

import dev.tmcp.auth.developer.DeveloperProperties;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.web.tep.DeveloperPrincipal;
import dev.tmcp.web.tep.DeveloperRole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @PostMapping("/organizations/v1/create")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Map<String, Object>> create(DeveloperPrincipal developer, @RequestBody CreateRequest request) {
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
                .map(org -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("org_id", org.orgId());
                    body.put("name", org.name());
                    body.put("description", org.description());
                    body.put("created_by", org.createdBy());
                    body.put("created_at", org.createdAt().toString());
                    body.put("roles", List.of(Map.of("matrix_user_id", creator, "role", DeveloperRole.ADMIN.wire())));
                    return body;
                });
    }

    @GetMapping("/organizations/v1/{orgId}/members")
    Mono<Map<String, Object>> members(DeveloperPrincipal developer, @PathVariable String orgId) {
        return organizations.members(orgId, developer.developerId().value())
                .map(members -> Map.of("org_id", orgId, "members", members.stream()
                        .map(m -> Map.of("matrix_user_id", m.orgId(), "role", m.role())).toList()));
    }

    @PostMapping("/organizations/v1/{orgId}/members")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Map<String, Object>> invite(DeveloperPrincipal developer, @PathVariable String orgId,
            @RequestBody InviteRequest request) {
        if (request.matrixUserId() == null || !UserId.isValid(request.matrixUserId())) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "matrix_user_id must be a Matrix user id"));
        }
        DeveloperRole role = role(request.role());
        return organizations.invite(orgId, developer.developerId().value(), request.matrixUserId(), role,
                        properties.invitationLifetime())
                .map(inv -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("invitation_id", inv.invitationId());
                    body.put("org_id", inv.orgId());
                    body.put("matrix_user_id", inv.matrixUserId());
                    body.put("role", inv.role());
                    body.put("invited_by", inv.invitedBy());
                    body.put("invited_at", inv.invitedAt().toString());
                    body.put("expires_at", inv.expiresAt().toString());
                    body.put("status", inv.status());
                    return body;
                });
    }

    @PostMapping("/organizations/v1/invitations/{invitationId}/accept")
    Mono<Map<String, Object>> accept(DeveloperPrincipal developer, @PathVariable String invitationId) {
        return organizations.accept(invitationId, developer.developerId().value())
                .map(m -> Map.of("invitation_id", invitationId, "status", "accepted", "org_id", m.orgId(),
                        "name", m.name(), "role", m.role(), "matrix_user_id", developer.developerId().value()));
    }

    @PutMapping("/organizations/v1/{orgId}/members/{memberId}/role")
    Mono<Map<String, Object>> changeRole(DeveloperPrincipal developer, @PathVariable String orgId,
            @PathVariable String memberId, @RequestBody RoleRequest request) {
        DeveloperRole role = role(request.role());
        return organizations.changeRole(orgId, developer.developerId().value(), memberId, role)
                .map(m -> Map.of("org_id", orgId, "matrix_user_id", memberId, "role", m.role()));
    }

    private static boolean tooLong(String value, int max) {
        return value != null && value.length() > max;
    }

    private static DeveloperRole role(String wire) {
        return DeveloperRole.of(wire == null ? "" : wire).orElseThrow(() -> new TmcpException(ErrorCode.INVALID_REQUEST,
                "role must be one of admin, developer, viewer"));
    }
}
