package dev.tmcp.core.event.auth;

import java.util.List;

/**
 * {@code authorization.revoked} on {@code tmcp.auth}: a user revoked a mini-app's permissions
 * (spec 5.6). {@code revokedAt} is in seconds since the epoch, as the state event carries it.
 */
public record AuthorizationRevoked(
        String userId,
        String clientId,
        List<String> revokedScopes,
        List<String> tmcpScopes,
        List<String> matrixScopes,
        String reason,
        long revokedAt) {

    public static final String TYPE = "authorization.revoked";
}
