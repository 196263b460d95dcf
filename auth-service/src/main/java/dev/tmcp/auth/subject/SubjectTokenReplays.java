package dev.tmcp.auth.subject;

import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.core.crypto.Digests;
import java.time.Duration;
import java.time.Instant;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Spec 4.9.3: a subject token is exchanged for a TEP only once per mini-app. The first exchange
 * claims the token (SET NX in Redis, so concurrent replays cannot both win); the claim lives as
 * long as the token can, or the refresh-token lifetime when its issuer does not say (a homeserver
 * token). The claim is taken only when a TEP is about to be issued, so a {@code consent_required}
 * answer does not burn the token the client must present again after consent.
 */
@Component
public class SubjectTokenReplays {

    private static final String PREFIX = "tmcp:subject-exchanged:";

    private final ReactiveStringRedisTemplate redis;
    private final Duration unknownLifetime;

    SubjectTokenReplays(ReactiveStringRedisTemplate redis, AuthProperties properties) {
        this.redis = redis;
        this.unknownLifetime = properties.refreshTokenLifetime();
    }

    public Mono<Void> claim(String subjectToken, String clientId, SubjectIdentity identity) {
        Duration ttl = identity.expiresAt() == null
                ? unknownLifetime
                : Duration.between(Instant.now(), identity.expiresAt()).plus(SubjectTokenVerifier.CACHE_WINDOW);
        String key = PREFIX + clientId + ":" + Digests.sha256Hex(subjectToken);
        return redis.opsForValue().setIfAbsent(key, Instant.now().toString(), ttl)
                .flatMap(first -> first
                        ? Mono.<Void>empty()
                        : Mono.error(OAuthException.invalidGrant("Subject token has already been exchanged")));
    }
}
