package dev.tmcp.auth.subject;

import dev.tmcp.core.id.UserId;

/** Who a verified subject token belongs to, and which kind of session it came from. */
public record SubjectIdentity(UserId userId, String source, String deviceId, String sessionRef) {

    public static final String MATRIX_SESSION = "matrix_session";
    public static final String KEYCLOAK = "keycloak";
}
