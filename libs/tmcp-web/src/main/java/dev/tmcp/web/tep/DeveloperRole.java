package dev.tmcp.web.tep;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The organization roles of spec 4.4.4 and the permissions each grants: part of the developer
 * token's contract, because the {@code organizations[].role} and {@code permissions} claims mean
 * nothing without it.
 *
 * <table>
 * <tr><th>role</th><th>register mini-apps</th><th>manage webhooks</th><th>invite members</th></tr>
 * <tr><td>admin</td><td>yes</td><td>yes</td><td>yes</td></tr>
 * <tr><td>developer</td><td>yes</td><td>yes</td><td>no</td></tr>
 * <tr><td>viewer</td><td>no</td><td>no</td><td>no</td></tr>
 * </table>
 */
public enum DeveloperRole {
    ADMIN("admin", Permissions.REGISTER, Permissions.MANAGE, Permissions.WEBHOOK, Permissions.READ,
            Permissions.INVITE, Permissions.ROLES),
    DEVELOPER("developer", Permissions.REGISTER, Permissions.MANAGE, Permissions.WEBHOOK, Permissions.READ),
    VIEWER("viewer", Permissions.READ);

    private final String wire;
    private final Set<String> permissions;

    DeveloperRole(String wire, String... permissions) {
        this.wire = wire;
        this.permissions = Set.copyOf(Arrays.asList(permissions));
    }

    public String wire() {
        return wire;
    }

    public Set<String> permissions() {
        return permissions;
    }

    public boolean grants(String permission) {
        return permissions.contains(permission);
    }

    public static Optional<DeveloperRole> of(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(wire)).findFirst();
    }

    /** The union of the permissions of {@code roles}, in a stable order. */
    public static List<String> permissionsOf(Iterable<DeveloperRole> roles) {
        Set<String> all = new LinkedHashSet<>();
        for (String p : Permissions.ALL) {
            for (DeveloperRole role : roles) {
                if (role.grants(p)) {
                    all.add(p);
                }
            }
        }
        return List.copyOf(all);
    }

    /** Permission names carried in the {@code permissions} claim. */
    public static final class Permissions {
        public static final String REGISTER = "miniapp:register";
        public static final String MANAGE = "miniapp:manage";
        public static final String WEBHOOK = "webhook:configure";
        public static final String READ = "miniapp:read";
        public static final String INVITE = "organization:invite";
        public static final String ROLES = "organization:manage_roles";
        static final List<String> ALL = List.of(REGISTER, MANAGE, WEBHOOK, READ, INVITE, ROLES);

        private Permissions() {
        }
    }
}
