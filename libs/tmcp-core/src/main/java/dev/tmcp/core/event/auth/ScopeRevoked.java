package dev.tmcp.core.event.auth;

import java.util.List;

/**
 * {@code scope.revoked} on {@code tmcp.auth} (spec 5.6): a user withdrew a mini-app's permissions.
 * Every TEP session of that user and mini-app is already dead when this is published. matrix-bridge
 * records it as the {@code m.room.tween.authorization} state event in the user's own notices room
 * (decision 0017: not in group rooms, where it would expose one user's choice to everyone); the
 * mini-app's webhook is told as well.
 *
 * @param revokedScopes the TMCP scopes withdrawn
 * @param revokedAt Unix seconds
 * @param roomIds rooms the revoked sessions were launched from ({@code miniapp_context.room_id})
 */
public record ScopeRevoked(String userId, String clientId, List<String> revokedScopes, String reason,
        long revokedAt, List<String> matrixScopes, List<String> roomIds) {

    public static final String TYPE = "scope.revoked";
}
