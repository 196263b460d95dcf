package dev.tmcp.web.tep;

import dev.tmcp.core.id.UserId;
import dev.tmcp.web.error.OAuthError;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A verified developer token (spec 4.4.2): the developer, the organizations they belong to with
 * their role in each, and the permissions granted. Roles are as of issuance; a change of role
 * reaches the token at the next refresh (at most 24 h), a removal from the whitelist at once
 * (the token's session is revoked).
 */
public record DeveloperPrincipal(UserId developerId, List<String> roles, List<Organization> organizations,
        Set<String> permissions, String sessionId, String token) {

    public record Organization(String orgId, String name, String role) {

        public Optional<DeveloperRole> developerRole() {
            return DeveloperRole.of(role);
        }

        public boolean grants(String permission) {
            return developerRole().map(r -> r.grants(permission)).orElse(false);
        }
    }

    /** Throws 403 {@code insufficient_permissions} unless the token grants {@code permission}. */
    public void requirePermission(String permission) {
        if (!permissions.contains(permission)) {
            throw OAuthError.insufficientPermissions(permission);
        }
    }

    public Optional<Organization> organization(String orgId) {
        return organizations.stream().filter(o -> o.orgId().equals(orgId)).findFirst();
    }

    @Override
    public String toString() {
        return "DeveloperPrincipal[" + developerId + ", " + organizations.size() + " orgs]";
    }
}
