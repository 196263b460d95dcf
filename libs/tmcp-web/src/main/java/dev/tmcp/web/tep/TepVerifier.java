package dev.tmcp.web.tep;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.web.error.OAuthError;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClientException;
import reactor.core.publisher.Mono;

/**
 * Verifies TEPs, developer tokens and service tokens: RS256 signature against auth-service's JWKS
 * ({@link JwksKeys}: cached, refetched on an unknown {@code kid} at most once per cooldown),
 * issuer, expiry and not-before, token type, and for
 * TEPs that {@code aud}, {@code azp} and {@code client_id} agree. The gateway and every service
 * use this one class; nobody trusts a forwarded header.
 */
public class TepVerifier {

    private static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofSeconds(60);
    /** Verified TEPs kept per process: a few MB at most, since the principal holds the token already. */
    private static final int VERIFIED_CAPACITY = 10_000;

    private final ReactiveJwtDecoder decoder;
    private final SessionRevocations revocations;
    private final JwksKeys keys;
    private final VerifiedTokens<TepPrincipal> verified;

    /** A verifier without a revocation check: for tests of the token format only. */
    public TepVerifier(TepProperties properties) {
        this(properties, null);
    }

    public TepVerifier(TepProperties properties, SessionRevocations revocations) {
        this(new JwksKeys(properties), properties.issuer(), revocations,
                new VerifiedTokens<>(VERIFIED_CAPACITY, properties.jwksCacheLifetime(), java.time.Clock.systemUTC()));
    }

    TepVerifier(JwksKeys keys, String issuer, SessionRevocations revocations, VerifiedTokens<TepPrincipal> verified) {
        this.revocations = revocations;
        this.keys = keys;
        this.verified = verified;
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSource(keys::keysFor)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer), TepVerifier::checkTokenType));
        this.decoder = nimbus;
    }

    /** The JWKS fetches started so far (bounded by the refetch cooldown). */
    public long jwksFetchCount() {
        return keys.fetchCount();
    }

    /** Verifies an {@code Authorization} header value carrying a TEP. */
    public Mono<TepPrincipal> verifyTep(String authorization) {
        return Mono.defer(() -> verifyTepNow(authorization));
    }

    private Mono<TepPrincipal> verifyTepNow(String authorization) {
        String token = bearer(authorization);
        if (!token.startsWith(TokenTypes.TEP_PREFIX)) {
            return Mono.error(invalid("Expected a TEP token (tep. prefix)"));
        }
        TepPrincipal known = verified.get(token);
        Mono<TepPrincipal> principal = known != null ? Mono.just(known)
                : decode(token.substring(TokenTypes.TEP_PREFIX.length()))
                        .flatMap(jwt -> {
                            if (!TokenTypes.TEP.equals(jwt.getClaimAsString("token_type"))) {
                                return Mono.error(invalid("Not a TEP token"));
                            }
                            TepPrincipal checked = toPrincipal(jwt, token);
                            verified.put(token, checked, jwt.getExpiresAt());
                            return Mono.just(checked);
                        });
        return principal
                .flatMap(p -> revocations == null
                        ? Mono.just(p)
                        : revocations.requireLive(p.sessionId()).thenReturn(p));
    }

    /**
     * Verifies an {@code Authorization} header value carrying a developer token (spec 4.4.6): the
     * {@code dev.} prefix, RS256 signature, {@code aud} {@code tmcp_developer_api},
     * {@code token_type} {@code developer_token}, and a live session (a developer removed from the
     * whitelist or logged out has theirs revoked). A TEP or mini-app token here is 403
     * {@code forbidden_platform_endpoint}; anything else invalid is 401 {@code invalid_developer_token}.
     */
    public Mono<DeveloperPrincipal> verifyDeveloper(String authorization) {
        return Mono.defer(() -> verifyDeveloperNow(authorization));
    }

    private Mono<DeveloperPrincipal> verifyDeveloperNow(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Mono.error(OAuthError.invalidDeveloperToken());
        }
        String token = authorization.substring(7).trim();
        if (token.startsWith(TokenTypes.TEP_PREFIX) || token.startsWith(TokenTypes.CLIENT_PREFIX)) {
            return Mono.error(OAuthError.forbiddenPlatformEndpoint());
        }
        if (!token.startsWith(TokenTypes.DEVELOPER_PREFIX)) {
            return Mono.error(OAuthError.invalidDeveloperToken());
        }
        return decoder.decode(token.substring(TokenTypes.DEVELOPER_PREFIX.length()))
                .onErrorMap(e -> !(e instanceof TmcpException), e -> keysUnreachable(e)
                        ? new TmcpException(ErrorCode.SERVICE_UNAVAILABLE, "Token keys cannot be fetched right now",
                                Map.of("retry_after", 5))
                        : OAuthError.invalidDeveloperToken())
                .flatMap(jwt -> TokenTypes.DEVELOPER.equals(jwt.getClaimAsString("token_type"))
                        ? Mono.just(toDeveloper(jwt, token))
                        : Mono.error(OAuthError.invalidDeveloperToken()))
                .flatMap(principal -> revocations == null
                        ? Mono.just(principal)
                        : revocations.requireLive(principal.sessionId())
                                .onErrorMap(e -> e instanceof TmcpException t && t.code() == ErrorCode.INVALID_TOKEN,
                                        e -> OAuthError.invalidDeveloperToken())
                                .thenReturn(principal));
    }

    private static DeveloperPrincipal toDeveloper(Jwt jwt, String token) {
        String developerId = jwt.getClaimAsString("developer_id");
        if (!UserId.isValid(developerId) || !developerId.equals(jwt.getSubject())) {
            throw OAuthError.invalidDeveloperToken();
        }
        List<DeveloperPrincipal.Organization> organizations = new java.util.ArrayList<>();
        Object orgs = jwt.getClaims().get("organizations");
        if (orgs instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && m.get("org_id") instanceof String id && m.get("role") instanceof String role) {
                    organizations.add(new DeveloperPrincipal.Organization(id,
                            m.get("name") instanceof String name ? name : null, role));
                }
            }
        }
        List<String> roles = jwt.getClaimAsStringList("roles");
        List<String> permissions = jwt.getClaimAsStringList("permissions");
        return new DeveloperPrincipal(UserId.of(developerId), roles == null ? List.of() : List.copyOf(roles),
                List.copyOf(organizations), permissions == null ? Set.of() : Set.copyOf(permissions),
                jwt.getClaimAsString("session_id"), token);
    }

    /** Verifies an {@code Authorization} header value carrying a service token. */
    public Mono<ServiceCaller> verifyService(String authorization) {
        return Mono.defer(() -> verifyServiceNow(authorization));
    }

    private Mono<ServiceCaller> verifyServiceNow(String authorization) {
        String token = bearer(authorization);
        if (!token.startsWith(TokenTypes.SERVICE_PREFIX)) {
            return Mono.error(invalid("Expected a service token"));
        }
        return decode(token.substring(TokenTypes.SERVICE_PREFIX.length()))
                .flatMap(jwt -> TokenTypes.SERVICE.equals(jwt.getClaimAsString("token_type"))
                        ? Mono.just(new ServiceCaller(jwt.getSubject()))
                        : Mono.error(invalid("Not a service token")));
    }

    private Mono<Jwt> decode(String jwt) {
        return decoder.decode(jwt).onErrorMap(e -> !(e instanceof TmcpException),
                e -> keysUnreachable(e)
                        ? new TmcpException(ErrorCode.SERVICE_UNAVAILABLE, "Token keys cannot be fetched right now",
                                Map.of("retry_after", 5))
                        : invalid("Token is invalid or expired"));
    }

    /** A token must not be called invalid because the JWKS endpoint is down: that is a 503, not a 401. */
    private static boolean keysUnreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof JwksKeys.UnavailableException || t instanceof WebClientException
                    || t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw invalid("Missing bearer token");
        }
        return authorization.substring(7).trim();
    }

    private static TepPrincipal toPrincipal(Jwt jwt, String token) {
        if (!UserId.isValid(jwt.getSubject())) {
            throw invalid("Token subject is not a Matrix user id");
        }
        String scope = jwt.getClaimAsString("scope");
        Set<String> scopes = scope == null || scope.isBlank()
                ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
        Map<String, Object> context = jwt.hasClaim("miniapp_context") ? jwt.getClaimAsMap("miniapp_context") : Map.of();
        return new TepPrincipal(UserId.of(jwt.getSubject()), jwt.getClaimAsString("client_id"), Set.copyOf(scopes),
                jwt.getClaimAsString("wallet_id"), jwt.getClaimAsString("session_id"), context, token);
    }

    private static OAuth2TokenValidatorResult checkTokenType(Jwt jwt) {
        // Spec 4.12: iat must be in the past or present (the default validators check only exp and nbf).
        if (jwt.getIssuedAt() == null || jwt.getIssuedAt().isAfter(java.time.Instant.now().plus(CLOCK_SKEW))) {
            return failure("iat is missing or in the future");
        }
        String type = jwt.getClaimAsString("token_type");
        if (TokenTypes.SERVICE.equals(type)) {
            return OAuth2TokenValidatorResult.success();
        }
        if (TokenTypes.DEVELOPER.equals(type)) {
            // Accepted only by verifyDeveloper (which checks the type again); verifyTep refuses it by type.
            List<String> audience = jwt.getAudience();
            return audience != null && audience.equals(List.of(TokenTypes.DEVELOPER_AUDIENCE))
                    ? OAuth2TokenValidatorResult.success() : failure("developer token with a wrong audience");
        }
        if (!TokenTypes.TEP.equals(type)) {
            return failure("unexpected token_type");
        }
        String clientId = jwt.getClaimAsString("client_id");
        List<String> audience = jwt.getAudience();
        boolean consistent = clientId != null && audience != null && audience.contains(clientId)
                && clientId.equals(jwt.getClaimAsString("azp"));
        return consistent ? OAuth2TokenValidatorResult.success() : failure("aud, azp and client_id disagree");
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }

    static TmcpException invalid(String message) {
        return new TmcpException(ErrorCode.INVALID_TOKEN, message);
    }
}
