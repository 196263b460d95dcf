package dev.tmcp.web.platform;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.web.error.OAuthError;
import dev.tmcp.web.input.ControlCharacters;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * Client credentials as a caller presents them (RFC 6749 2.3.1): HTTP Basic (form-urlencoded id and
 * secret) or {@code client_id}/{@code client_secret} in the form. Either part may be null.
 */
public record PresentedCredentials(String clientId, String secret) {

    public static PresentedCredentials read(HttpHeaders headers, MultiValueMap<String, String> form) {
        String formId = form == null ? null : form.getFirst("client_id");
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = decode(authorization.substring(6).trim());
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                // RFC 7617: user-id ":" password; a Basic header without both is not credentials at all.
                throw invalidClient("Malformed Basic credentials");
            }
            String id = urlDecode(decoded.substring(0, colon));
            if (formId != null && !formId.equals(id)) {
                throw invalidClient("client_id disagrees with the Authorization header");
            }
            return new PresentedCredentials(id, urlDecode(decoded.substring(colon + 1)));
        }
        return new PresentedCredentials(formId, form == null ? null : form.getFirst("client_secret"));
    }

    /** Compares the secret with a stored SHA-256 hex digest, in constant time. */
    public boolean secretMatches(String expectedSha256Hex) {
        return secret != null && expectedSha256Hex != null && MessageDigest.isEqual(
                Digests.sha256Hex(secret).getBytes(StandardCharsets.US_ASCII),
                expectedSha256Hex.getBytes(StandardCharsets.US_ASCII));
    }

    public static OAuthError invalidClient(String description) {
        return new OAuthError(401, "invalid_client", description, Map.of());
    }

    private static String decode(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidClient("Malformed Basic credentials");
        }
    }

    /** RFC 6749 2.3.1 form-encodes both parts; a bad escape or a control character is the client's mistake. */
    private static String urlDecode(String value) {
        String decoded;
        try {
            decoded = URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidClient("Malformed Basic credentials");
        }
        if (ControlCharacters.forbidden(decoded)) {
            throw invalidClient("Malformed Basic credentials");
        }
        return decoded;
    }
}
