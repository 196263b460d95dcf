package dev.tmcp.web.internal;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.platform.PresentedCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpHeaders;

/**
 * The credentials one suite service presents to another's settlement endpoints: HTTP Basic with the
 * calling service's name and a deployment secret ({@code TMCP_PAYMENT_SERVICE_SECRET}). Used where
 * money already authorized by its owner moves on without the owner present (a recipient accepting,
 * an expiry job, a gift opening), so no user token can carry the call.
 */
public final class ServiceCredentials {

    private final String service;
    private final String secret;
    private final String secretDigest;

    public ServiceCredentials(String service, String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("The service secret for " + service + " must be set (at least 16 characters)");
        }
        this.service = service;
        this.secret = secret;
        this.secretDigest = Digests.sha256Hex(secret);
    }

    /** The {@code Authorization} header value a caller sends. */
    public String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((service + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** Returns normally when the request carries this service's credentials; 401 otherwise. */
    public void require(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw unauthorized();
        }
        PresentedCredentials presented;
        try {
            presented = PresentedCredentials.read(headers, null);
        } catch (RuntimeException malformed) {
            throw unauthorized();
        }
        boolean secretMatches = presented.secretMatches(secretDigest);
        if (!service.equals(presented.clientId()) || !secretMatches) {
            throw unauthorized();
        }
    }

    private static TmcpException unauthorized() {
        return new TmcpException(ErrorCode.INVALID_TOKEN, "Service credentials are required");
    }

    @Override
    public String toString() {
        return "ServiceCredentials[" + service + "]";
    }
}
