package dev.tmcp.web.tep;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Revoked TEP sessions (spec 5.6), shared by every service through Redis: auth-service writes a
 * key per revoked {@code session_id}, every verifier looks it up. A key lives as long as the
 * longest TEP that could name the session, so nothing revoked comes back.
 *
 * <p>A "not revoked" answer is remembered for {@value #LOCAL_CACHE_MILLIS} ms, which bounds how
 * late a revocation takes effect while keeping Redis off the hot path of a busy session. When
 * Redis cannot answer, the token is refused with 503: a revoked token must never pass.
 */
public class SessionRevocations {

    static final long LOCAL_CACHE_MILLIS = 500;
    private static final String PREFIX = "tmcp:revoked:session:";
    private static final int LOCAL_CACHE_LIMIT = 100_000;

    private final ReactiveStringRedisTemplate redis;
    private final Map<String, Long> notRevokedUntil = new ConcurrentHashMap<>();

    public SessionRevocations(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Completes empty when the session is live; errors with 401 when it was revoked. */
    public Mono<Void> requireLive(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            return Mono.error(TepVerifier.invalid("Token has no session"));
        }
        long now = System.currentTimeMillis();
        Long until = notRevokedUntil.get(sessionId);
        if (until != null && until > now) {
            return Mono.empty();
        }
        return redis.hasKey(PREFIX + sessionId)
                .onErrorMap(e -> new TmcpException(ErrorCode.SERVICE_UNAVAILABLE,
                        "Token revocations cannot be checked right now", Map.of("retry_after", 5)))
                .flatMap(revoked -> {
                    if (revoked) {
                        notRevokedUntil.remove(sessionId);
                        return Mono.error(TepVerifier.invalid("Token has been revoked"));
                    }
                    remember(sessionId, now + LOCAL_CACHE_MILLIS);
                    return Mono.empty();
                });
    }

    /** Marks sessions revoked for {@code ttl} (at least the TEP lifetime). */
    public Mono<Void> revoke(Collection<String> sessionIds, Duration ttl) {
        return Flux.fromIterable(sessionIds)
                .flatMap(id -> redis.opsForValue().set(PREFIX + id, "1", ttl))
                // This instance stops trusting its own "not revoked" memory at once; others within the cache bound.
                .then(Mono.fromRunnable(() -> sessionIds.forEach(notRevokedUntil::remove)));
    }

    private void remember(String sessionId, long until) {
        if (notRevokedUntil.size() >= LOCAL_CACHE_LIMIT) {
            long now = System.currentTimeMillis();
            notRevokedUntil.values().removeIf(t -> t <= now);
            if (notRevokedUntil.size() >= LOCAL_CACHE_LIMIT) {
                notRevokedUntil.clear();
            }
        }
        notRevokedUntil.put(sessionId, until);
    }
}
