package dev.tmcp.core.event.auth;

/**
 * {@code session.started} on {@code tmcp.auth}: a user opened a mini-app (a token exchange began a
 * TEP session). The store counts active users and sessions per app from it (spec 16.6.3).
 */
public record SessionStarted(String userId, String clientId, String sessionId, String startedAt) {

    public static final String TYPE = "session.started";
}
