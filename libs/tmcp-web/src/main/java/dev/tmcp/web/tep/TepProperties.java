package dev.tmcp.web.tep;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Where TEP signing keys are published, which issuer TEPs must name, and how the keys are fetched.
 *
 * @param jwksUri auth-service's JWKS endpoint
 * @param issuer the {@code iss} every TEP and service token must carry
 * @param jwksCacheLifetime how long fetched keys are used before they are fetched again
 * @param jwksRefetchCooldown the least time between two fetches (an unknown {@code kid} waits for it)
 * @param jwksConnectTimeout connect timeout of the JWKS client
 * @param jwksResponseTimeout response timeout of the JWKS client
 */
@ConfigurationProperties("tmcp.tep")
public record TepProperties(String jwksUri, String issuer, Duration jwksCacheLifetime, Duration jwksRefetchCooldown,
        Duration jwksConnectTimeout, Duration jwksResponseTimeout) {

    @ConstructorBinding
    public TepProperties {
        jwksCacheLifetime = jwksCacheLifetime == null ? Duration.ofMinutes(5) : jwksCacheLifetime;
        jwksRefetchCooldown = jwksRefetchCooldown == null ? Duration.ofSeconds(1) : jwksRefetchCooldown;
        jwksConnectTimeout = jwksConnectTimeout == null ? Duration.ofSeconds(2) : jwksConnectTimeout;
        jwksResponseTimeout = jwksResponseTimeout == null ? Duration.ofSeconds(3) : jwksResponseTimeout;
    }

    /** The defaults for everything but where the keys are and who issues tokens. */
    public TepProperties(String jwksUri, String issuer) {
        this(jwksUri, issuer, null, null, null, null);
    }
}
