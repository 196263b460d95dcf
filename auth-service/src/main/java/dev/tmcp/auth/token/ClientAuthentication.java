package dev.tmcp.auth.token;

import dev.tmcp.auth.clients.MiniAppRegistryClient;
import dev.tmcp.core.crypto.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Mono;

/**
 * Who is calling the token endpoint (spec 9.1.1, RFC 6749 2.3): a public mini-app names itself with
 * {@code client_id} and holds no secret; a confidential client or the backend half of a hybrid app
 * ({@code ma_x_backend}) proves itself with {@code client_secret_post} or HTTP Basic. Secrets are
 * compared as SHA-256 digests in constant time. An unknown or inactive client is 401
 * {@code invalid_client}.
 */
@Component
class ClientAuthentication {

    private final MiniAppRegistryClient registry;

    ClientAuthentication(MiniAppRegistryClient registry) {
        this.registry = registry;
    }

    /** The identified client, and whether it proved a secret. */
    record Client(MiniAppRegistryClient.MiniApp app, String clientId, boolean confidential) {
    }

    Mono<Client> authenticate(HttpHeaders headers, MultiValueMap<String, String> form) {
        String clientId = form.getFirst("client_id");
        String secret = form.getFirst("client_secret");
        String basic = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = decodeBasic(basic.substring(6).trim());
            if (clientId != null && !clientId.equals(pair[0])) {
                return Mono.error(OAuthException.invalidClient("client_id disagrees with the Authorization header"));
            }
            clientId = pair[0];
            secret = pair[1];
        }
        if (clientId == null || clientId.isBlank()) {
            return Mono.error(OAuthException.invalidClient("client_id is required"));
        }
        String id = clientId;
        String presented = secret;
        return registry.find(id)
                .filter(app -> "active".equals(app.status()))
                .switchIfEmpty(Mono.error(() -> OAuthException.invalidClient("This mini-app is not active")))
                .flatMap(app -> {
                    String expected = app.secretHashFor(id);
                    if (expected == null) {
                        return presented == null
                                ? Mono.just(new Client(app, id, false))
                                : Mono.error(OAuthException.invalidClient("A public client has no secret"));
                    }
                    if (presented == null) {
                        // Spec 4.3.1: the token exchange needs no secret; grants that do, check confidential().
                        return Mono.just(new Client(app, id, false));
                    }
                    if (!MessageDigest.isEqual(
                            Digests.sha256Hex(presented).getBytes(StandardCharsets.US_ASCII),
                            expected.getBytes(StandardCharsets.US_ASCII))) {
                        return Mono.error(OAuthException.invalidClient("Client authentication failed"));
                    }
                    return Mono.just(new Client(app, id, true));
                });
    }

    private static String[] decodeBasic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("Malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw OAuthException.invalidClient("Malformed Basic credentials");
        }
        return new String[] {urlDecode(decoded.substring(0, colon)), urlDecode(decoded.substring(colon + 1))};
    }

    private static String urlDecode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
