package dev.tmcp.web.platform;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.web.error.OAuthError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * The platform service credentials of spec 4.4.9 (developer console, operators): a client id and a
 * deployment secret, presented with HTTP Basic or {@code client_secret_post}, compared in constant
 * time. A caller presenting anything else — a TEP or developer token, a mini-app's credentials —
 * is told {@code forbidden_platform_endpoint}; a wrong secret is 401 {@code invalid_client}.
 * Shared by auth-service and appstore-service (both serve platform-only endpoints).
 */
public class PlatformCredentials {

    private final String clientId;
    private final byte[] secretDigest;

    public PlatformCredentials(PlatformProperties properties) {
        this.clientId = properties.clientId();
        this.secretDigest = Digests.sha256Hex(properties.clientSecret()).getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns normally when the request carries the platform credentials; throws otherwise. */
    public void require(HttpHeaders headers, MultiValueMap<String, String> form) {
        String id = form == null ? null : form.getFirst("client_id");
        String secret = form == null ? null : form.getFirst("client_secret");
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = decode(authorization.substring(6).trim());
            int colon = decoded.indexOf(':');
            id = colon < 0 ? decoded : decoded.substring(0, colon);
            secret = colon < 0 ? null : decoded.substring(colon + 1);
        } else if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw OAuthError.forbiddenPlatformEndpoint();
        }
        if (id == null || secret == null) {
            throw invalidClient("Platform service credentials are required");
        }
        boolean secretMatches = MessageDigest.isEqual(
                Digests.sha256Hex(secret).getBytes(StandardCharsets.US_ASCII), secretDigest);
        if (!clientId.equals(id)) {
            throw id.startsWith("ma_") ? OAuthError.forbiddenPlatformEndpoint() : invalidClient("Client authentication failed");
        }
        if (!secretMatches) {
            throw invalidClient("Client authentication failed");
        }
    }

    /** Whether the request presents platform credentials at all (HTTP Basic with the platform client id). */
    public boolean presented(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    public String clientId() {
        return clientId;
    }

    private static String decode(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidClient("Malformed Basic credentials");
        }
    }

    private static OAuthError invalidClient(String description) {
        return new OAuthError(401, "invalid_client", description, Map.of());
    }
}
