package dev.tmcp.auth.subject;

import dev.tmcp.core.id.UserId;
import java.time.Instant;

/**
 * Who a verified subject token belongs to, and which kind of session it came from.
 *
 * @param sessionRef the Keycloak session ({@code sid}) when the token came from Keycloak
 * @param keycloakUserId the Keycloak user id ({@code sub}) when the token came from Keycloak
 * @param issuedTo the Keycloak client the token was issued to ({@code azp})
 * @param expiresAt when the subject token expires, if its issuer says
 */
public record SubjectIdentity(UserId userId, String source, String deviceId, String sessionRef,
        String keycloakUserId, String issuedTo, Instant expiresAt) {

    public static final String MATRIX_SESSION = "matrix_session";
    public static final String KEYCLOAK = "keycloak";

    private static final String SEPARATOR = "\u001f";

    /** A flat form for the introspection cache. */
    String serialize() {
        return String.join(SEPARATOR, userId.value(), source, orEmpty(deviceId), orEmpty(sessionRef),
                orEmpty(keycloakUserId), orEmpty(issuedTo), expiresAt == null ? "" : Long.toString(expiresAt.getEpochSecond()));
    }

    static SubjectIdentity parse(String flat) {
        String[] f = flat.split(SEPARATOR, -1);
        return new SubjectIdentity(UserId.of(f[0]), f[1], orNull(f[2]), orNull(f[3]), orNull(f[4]), orNull(f[5]),
                f[6].isEmpty() ? null : Instant.ofEpochSecond(Long.parseLong(f[6])));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String orNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
