package dev.tmcp.storage.namespace;

import dev.tmcp.web.tep.TepPrincipal;

/** Whose data: one mini-app and one user, taken only from the verified TEP. */
public record Namespace(String clientId, String userId) {

    public static Namespace of(TepPrincipal principal) {
        return new Namespace(principal.clientId(), principal.userId().value());
    }
}
