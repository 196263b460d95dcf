package dev.tmcp.web.platform;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.web.error.OAuthError;
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
    private final String secretDigest;

    public PlatformCredentials(PlatformProperties properties) {
        this.clientId = properties.clientId();
        this.secretDigest = Digests.sha256Hex(properties.clientSecret());
    }

    /** Returns normally when the request carries the platform credentials; throws otherwise. */
    public void require(HttpHeaders headers, MultiValueMap<String, String> form) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw OAuthError.forbiddenPlatformEndpoint();
        }
        PresentedCredentials presented = PresentedCredentials.read(headers, form);
        if (presented.clientId() == null || presented.secret() == null) {
            throw PresentedCredentials.invalidClient("Platform service credentials are required");
        }
        boolean secretMatches = presented.secretMatches(secretDigest);
        if (!clientId.equals(presented.clientId())) {
            throw presented.clientId().startsWith("ma_") ? OAuthError.forbiddenPlatformEndpoint()
                    : PresentedCredentials.invalidClient("Client authentication failed");
        }
        if (!secretMatches) {
            throw PresentedCredentials.invalidClient("Client authentication failed");
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
}
