package dev.tmcp.appstore.launch;

import java.time.Instant;
import java.util.List;

/** {@code POST /api/v1/client/launch}: the host opens a mini-app in a room (decision 0051). */
final class Launch {

    private Launch() {
    }

    /** @param launchSource how the user opened it (10.1: {@code chat_bubble}, {@code direct_link}, …) */
    record Request(String miniappId, String roomId, String launchSource) {
    }

    /**
     * @param entryUrl the registered page the host loads; its origin is the only one the host accepts messages from
     * @param scopes the scopes the app is registered for, which the host asks for in the token exchange
     * @param launchContext a JWS ({@code typ} {@code tmcp-launch+jws}) the app's backend verifies with the platform's key
     */
    record Response(String miniappId, String name, String entryUrl, List<String> scopes, String launchContext,
            Instant expiresAt) {
    }
}
