package dev.tmcp.web.tep;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import java.util.Map;
import java.util.Set;

/**
 * A verified TEP (spec 4.10): who the user is, for which mini-app, with which scopes. The raw
 * token is kept so that a service can pass the user's authority on to the next hop.
 */
public record TepPrincipal(
        UserId userId,
        String clientId,
        Set<String> scopes,
        String walletId,
        String sessionId,
        Map<String, Object> miniappContext,
        String token) {

    public void requireScope(String scope) {
        if (!scopes.contains(scope)) {
            throw new TmcpException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                    "This token lacks the scope " + scope, Map.of("required_scope", scope));
        }
    }

    public String bearer() {
        return "Bearer " + token;
    }

    @Override
    public String toString() {
        return "TepPrincipal[" + userId + ", " + clientId + ", " + scopes + "]";
    }
}
