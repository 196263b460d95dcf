package dev.tmcp.web.error;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error in the OAuth format of spec 12.3 / RFC 6749 5.2 ({@code error}, {@code error_description}),
 * used by the token endpoints, the developer endpoints (4.4.6) and the platform endpoints (4.4.9).
 * {@link TmcpErrorWebExceptionHandler} renders it in that format wherever it is thrown.
 */
public class OAuthError extends TmcpException {

    private final String error;
    private final int status;
    private final Map<String, Object> extra;

    public OAuthError(int status, String error, String description, Map<String, Object> extra) {
        super(status == 401 ? ErrorCode.INVALID_TOKEN
                : status == 403 ? ErrorCode.INSUFFICIENT_PERMISSIONS : ErrorCode.INVALID_REQUEST, description);
        this.status = status;
        this.error = error;
        this.extra = Map.copyOf(extra);
    }

    /** 403 {@code forbidden_platform_endpoint} (spec 4.4.9): a mini-app or a TEP at a platform endpoint. */
    public static OAuthError forbiddenPlatformEndpoint() {
        return new OAuthError(403, "forbidden_platform_endpoint",
                "This endpoint is only accessible by platform services. Mini-apps do not have required privileges.",
                Map.of());
    }

    /** 401 {@code invalid_developer_token} (spec 4.4.6). */
    public static OAuthError invalidDeveloperToken() {
        return new OAuthError(401, "invalid_developer_token", "Developer token is invalid or expired", Map.of());
    }

    /** 403 {@code insufficient_permissions} (spec 4.4.6). */
    public static OAuthError insufficientPermissions(String permission) {
        return new OAuthError(403, "insufficient_permissions",
                "Developer does not have required permission: " + permission, Map.of());
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", getMessage());
        body.putAll(extra);
        return body;
    }
}
