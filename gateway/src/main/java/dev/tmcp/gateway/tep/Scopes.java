package dev.tmcp.gateway.tep;

import java.util.Set;
import java.util.TreeSet;

/**
 * The scopes of spec 5.2 and 16.7, the names auth-service publishes and shows on its consent page:
 * the only ones a route may require. The suite keeps no shared list of them.
 */
public final class Scopes {

    private static final Set<String> KNOWN = Set.of("user:read", "user:read:extended", "user:read:contacts",
            "wallet:balance", "wallet:pay", "wallet:history", "wallet:request", "messaging:send", "messaging:read",
            "storage:read", "storage:write", "webhook:send", "room:create", "room:invite", "system:notifications",
            "wallet:admin", "messaging:broadcast", "analytics:detailed");

    private Scopes() {
    }

    public static boolean known(String scope) {
        return KNOWN.contains(scope);
    }

    /** The known scopes, sorted: for error messages. */
    public static Set<String> all() {
        return new TreeSet<>(KNOWN);
    }
}
