package dev.tmcp.auth.subject;

import com.nimbusds.jwt.JWTParser;
import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.core.crypto.Digests;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Verifies the subject token of a token exchange. A JWT issued by the Keycloak realm is
 * introspected at Keycloak (RFC 7662); anything else is taken to be a homeserver access token and
 * checked with the homeserver's whoami. Nothing in the token is trusted before that check answers.
 *
 * <p>Answers are cached in Redis for {@link #CACHE_WINDOW} (never past the token's own expiry), keyed
 * by the token's SHA-256, so that a user opening several mini-apps costs one introspection. Only
 * positive answers are cached.
 */
@Component
public class SubjectTokenVerifier {

    /** Spec 4.9.3's introspection cache window (4–5 minutes). */
    public static final Duration CACHE_WINDOW = Duration.ofSeconds(270);
    private static final String CACHE_PREFIX = "tmcp:subject:";
    private static final int MAX_TOKEN_LENGTH = 16_384;

    private final KeycloakIntrospection keycloak;
    private final HomeserverWhoami homeserver;
    private final ReactiveStringRedisTemplate redis;
    private final String keycloakIssuer;
    private final Set<String> trustedKeycloakClients;
    private final Set<String> firstPartyClients;

    SubjectTokenVerifier(KeycloakIntrospection keycloak, HomeserverWhoami homeserver, ReactiveStringRedisTemplate redis,
            AuthProperties properties) {
        this.keycloak = keycloak;
        this.homeserver = homeserver;
        this.redis = redis;
        this.keycloakIssuer = properties.keycloak().issuer();
        this.trustedKeycloakClients = properties.keycloak().trustedClients();
        Set<String> firstParty = new java.util.HashSet<>(trustedKeycloakClients);
        // The suite's own client receives the matrix_access_token handed to mini-apps: never first-party.
        firstParty.remove(properties.keycloak().clientId());
        this.firstPartyClients = Set.copyOf(firstParty);
    }

    /**
     * The identity behind {@code subjectToken}, when it may be exchanged for {@code clientId}: a
     * Keycloak token must have been issued to that mini-app itself or to a first-party client.
     */
    public Mono<SubjectIdentity> verify(String subjectToken, String clientId) {
        return identify(subjectToken)
                .flatMap(identity -> {
                    if (identity.issuedTo() != null && !identity.issuedTo().equals(clientId)
                            && !trustedKeycloakClients.contains(identity.issuedTo())) {
                        return Mono.error(OAuthException.invalidGrant(
                                "Subject token was issued to another client and cannot be exchanged for this mini-app"));
                    }
                    return Mono.just(identity);
                });
    }

    /**
     * The identity behind a homeserver or Keycloak access token, whoever it was issued to; callers
     * decide what the token's client may do ({@link SubjectIdentity#issuedTo()}).
     */
    public Mono<SubjectIdentity> identify(String token) {
        if (!wellFormed(token)) {
            // Not a token any issuer could have made (and not one to put in an HTTP header).
            return Mono.error(OAuthException.invalidGrant("Subject token is invalid or expired"));
        }
        String key = CACHE_PREFIX + Digests.sha256Hex(token);
        return redis.opsForValue().get(key)
                .map(SubjectIdentity::parse)
                .switchIfEmpty(Mono.defer(() -> verifyAtIssuer(token).flatMap(identity -> cache(key, identity))));
    }

    /** The Keycloak clients of the host application itself; never the suite's own client. */
    public Set<String> firstPartyClients() {
        return firstPartyClients;
    }

    private Mono<SubjectIdentity> verifyAtIssuer(String subjectToken) {
        return claimsIssuer(subjectToken).equals(keycloakIssuer)
                ? keycloak.verify(subjectToken)
                : homeserver.verify(subjectToken);
    }

    private Mono<SubjectIdentity> cache(String key, SubjectIdentity identity) {
        Duration ttl = CACHE_WINDOW;
        if (identity.expiresAt() != null) {
            Duration left = Duration.between(Instant.now(), identity.expiresAt());
            if (left.compareTo(ttl) < 0) {
                ttl = left;
            }
        }
        if (ttl.isNegative() || ttl.isZero()) {
            return Mono.just(identity);
        }
        return redis.opsForValue().set(key, identity.serialize(), ttl).thenReturn(identity);
    }

    /** Bearer tokens are visible ASCII (RFC 6750 b64token and JWTs alike), and not megabytes long. */
    static boolean wellFormed(String token) {
        return token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH
                && token.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private static String claimsIssuer(String token) {
        if (token.chars().filter(c -> c == '.').count() != 2) {
            return "";
        }
        try {
            String issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
            return issuer == null ? "" : issuer;
        } catch (ParseException e) {
            return "";
        }
    }
}
