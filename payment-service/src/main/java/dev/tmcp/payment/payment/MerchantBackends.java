package dev.tmcp.payment.payment;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import dev.tmcp.web.platform.PresentedCredentials;
import java.time.Duration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A mini-app's confidential backend calling with HTTP Basic client credentials (spec 9.1.2): the
 * confidential client {@code ma_x} or the backend half {@code ma_x_backend} of a hybrid app, both
 * acting for mini-app {@code ma_x}. The secret is checked where it is known — auth-service's token
 * endpoint authenticates the client for a {@code client_credentials} grant (decision 0022); the
 * token itself is not used. A verified pair is remembered for a few minutes (by its digest only) so
 * that a polling backend does not spend its token-endpoint rate limit.
 */
@Component
public class MerchantBackends {

    static final Duration REMEMBER = Duration.ofMinutes(5);
    private static final String BACKEND_SUFFIX = "_backend";

    private final ServiceClient auth;
    private final ReactiveStringRedisTemplate redis;

    MerchantBackends(ServiceClients clients, PaymentProperties properties, ReactiveStringRedisTemplate redis) {
        this.auth = clients.create("auth-service", properties.authServiceUrl(), Duration.ofSeconds(5));
        this.redis = redis;
    }

    /** Whether the request carries client credentials rather than a bearer token. */
    public static boolean presented(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** The mini-app whose backend authenticated; 401 {@code invalid_client} otherwise. */
    public Mono<String> authenticate(HttpHeaders headers) {
        PresentedCredentials presented = PresentedCredentials.read(headers, null);
        if (presented.clientId() == null || presented.secret() == null || !presented.clientId().startsWith("ma_")) {
            return Mono.error(PresentedCredentials.invalidClient("Mini-app backend client credentials are required"));
        }
        String miniappId = presented.clientId().endsWith(BACKEND_SUFFIX)
                ? presented.clientId().substring(0, presented.clientId().length() - BACKEND_SUFFIX.length())
                : presented.clientId();
        String key = "tmcp:payment:backend-auth:" + Digests.sha256Hex(presented.clientId() + "\n" + presented.secret());
        return redis.opsForValue().get(key)
                .switchIfEmpty(Mono.defer(() -> verifyAtAuthService(headers.getFirst(HttpHeaders.AUTHORIZATION))
                        .then(redis.opsForValue().set(key, miniappId, REMEMBER))
                        .thenReturn(miniappId)));
    }

    /**
     * A {@code client_credentials} grant succeeds, or is refused only for its scopes, exactly when
     * the client is a confidential backend that proved its secret.
     */
    private Mono<Void> verifyAtAuthService(String authorization) {
        return auth.call(web -> web.post().uri("/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials"))
                .exchangeToMono(MerchantBackends::outcome));
    }

    private static Mono<Void> outcome(ClientResponse response) {
        HttpStatusCode status = response.statusCode();
        if (status.is2xxSuccessful()) {
            return response.releaseBody();
        }
        if (status.is5xxServerError()) {
            return response.releaseBody().then(Mono.error(new TmcpException(ErrorCode.SERVICE_UNAVAILABLE,
                    "Client credentials cannot be checked right now", java.util.Map.of("retry_after", 5))));
        }
        if (status.value() == 429) {
            return response.releaseBody().then(Mono.error(new TmcpException(ErrorCode.RATE_LIMIT_EXCEEDED,
                    "Too many client authentications: try again shortly", java.util.Map.of("retry_after", 60))));
        }
        return response.bodyToMono(JsonNode.class)
                .map(body -> body.path("error").asString(""))
                .defaultIfEmpty("")
                .flatMap(error -> "invalid_scope".equals(error)
                        ? Mono.<Void>empty()
                        : Mono.error(PresentedCredentials.invalidClient("Client authentication failed")));
    }
}
