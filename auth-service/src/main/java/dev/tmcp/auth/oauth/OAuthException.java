package dev.tmcp.auth.oauth;

import dev.tmcp.web.error.OAuthError;
import java.util.Map;

/** An OAuth 2.0 error of the token endpoint, rendered as in spec 12.3 / RFC 6749 5.2. */
public class OAuthException extends OAuthError {

    public OAuthException(int status, String error, String description, Map<String, Object> extra) {
        super(status, error, description, extra);
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description, Map.of());
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException(401, "invalid_grant", description, Map.of());
    }

    public static OAuthException invalidClient(String description) {
        return new OAuthException(401, "invalid_client", description, Map.of());
    }

    public static OAuthException invalidScope(String description) {
        return new OAuthException(400, "invalid_scope", description, Map.of());
    }

    public static OAuthException unsupportedGrantType(String grantType) {
        return new OAuthException(400, "unsupported_grant_type", "grant_type " + grantType + " is not supported", Map.of());
    }
}
