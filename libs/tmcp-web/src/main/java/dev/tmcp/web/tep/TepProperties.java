package dev.tmcp.web.tep;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where TEP signing keys are published and which issuer TEPs must name.
 *
 * @param jwksUri auth-service's JWKS endpoint
 * @param issuer the {@code iss} every TEP and service token must carry
 */
@ConfigurationProperties("tmcp.tep")
public record TepProperties(String jwksUri, String issuer) {
}
