package dev.tmcp.auth.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tmcp.auth.AuthProperties;
import dev.tmcp.core.id.Ids;
import dev.tmcp.web.tep.TokenTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Short-lived tokens with which auth-service calls other services' internal endpoints; they
 * verify them with the same TEP verifier and JWKS.
 */
@Component
public class ServiceTokens {

    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final TokenSigner signer;
    private final AuthProperties properties;
    private volatile Mono<String> cached;

    ServiceTokens(TokenSigner signer, AuthProperties properties) {
        this.signer = signer;
        this.properties = properties;
        this.cached = fresh();
    }

    public Mono<String> bearer() {
        return cached.map(token -> "Bearer " + TokenTypes.SERVICE_PREFIX + token);
    }

    private Mono<String> fresh() {
        Mono<String> token = Mono.defer(() -> {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(properties.issuer())
                    .subject("auth-service")
                    .audience("tmcp-services")
                    .issueTime(Date.from(now))
                    .notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(LIFETIME)))
                    .jwtID(Ids.next("jti_"))
                    .claim("token_type", TokenTypes.SERVICE)
                    .build();
            return signer.sign(claims);
        });
        // Reuse a token for most of its life, then mint the next one.
        return token.cache(t -> LIFETIME.minusMinutes(1), e -> Duration.ZERO, () -> Duration.ZERO);
    }
}
