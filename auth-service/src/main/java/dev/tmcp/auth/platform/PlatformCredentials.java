package dev.tmcp.auth.platform;

import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.token.OAuthException;
import dev.tmcp.core.crypto.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * The platform service credentials of spec 4.4.9 (developer console, operators): a client id and a
 * deployment secret, presented with HTTP Basic or {@code client_secret_post}, compared in constant
 * time. A caller presenting anything else — a TEP, a mini-app's credentials — is told
 * {@code forbidden_platform_endpoint}.
 */
@Component
public class PlatformCredentials {

    private final String clientId;
    private final byte[] secretDigest;

    PlatformCredentials(AuthProperties properties) {
        this.clientId = properties.platform().clientId();
        this.secretDigest = Digests.sha256Hex(properties.platform().clientSecret()).getBytes(StandardCharsets.US_ASCII);
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
            throw forbidden();
        }
        if (id == null || secret == null) {
            throw OAuthException.invalidClient("Platform service credentials are required");
        }
        boolean secretMatches = MessageDigest.isEqual(
                Digests.sha256Hex(secret).getBytes(StandardCharsets.US_ASCII), secretDigest);
        if (!clientId.equals(id)) {
            throw id.startsWith("ma_") ? forbidden() : OAuthException.invalidClient("Client authentication failed");
        }
        if (!secretMatches) {
            throw OAuthException.invalidClient("Client authentication failed");
        }
    }

    private static String decode(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("Malformed Basic credentials");
        }
    }

    static OAuthException forbidden() {
        return new OAuthException(403, "forbidden_platform_endpoint",
                "This endpoint is only accessible by platform services. Mini-apps do not have required privileges.",
                Map.of());
    }
}
