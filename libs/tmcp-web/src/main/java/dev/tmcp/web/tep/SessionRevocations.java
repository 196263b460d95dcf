package dev.tmcp.web.tep;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Revoked TEP sessions (spec 5.6), shared by every service through Redis: auth-service writes a
 * key per revoked {@code session_id}, every verifier looks it up. A key lives as long as the
 * longest TEP that could name the session, so nothing revoked comes back.
 *
 * <p>Redis is not the record: auth-service keeps every revocation in its database and re-seeds
 * Redis when Redis has lost them (decision 0025). The sentinel key {@value #SEEDED} says "this
 * Redis holds every revocation in force"; it is written only after a complete re-seed. A verifier
 * that finds no sentinel cannot tell a live session from a revoked one whose key was lost, so it
 * refuses with 503 and {@code Retry-After} until the re-seed is done — never accepts.
 *
 * <p>A "not revoked" answer is remembered for {@value #LOCAL_CACHE_MILLIS} ms, which bounds how
 * late a revocation takes effect while keeping Redis off the hot path of a busy session. When
 * Redis cannot answer, the token is refused with 503: a revoked token must never pass.
 */
public class SessionRevocations {

    static final long LOCAL_CACHE_MILLIS = 500;
    static final String PREFIX = "tmcp:revoked:session:";
    /** Present exactly when this Redis holds every revocation in force. */
    public static final String SEEDED = "tmcp:revoked:seeded";
    /** Set at the start of a re-seed; a Redis that restarts meanwhile loses it, and the seal is refused. */
    static final String SEEDING = "tmcp:revoked:seeding";
    static final int RETRY_AFTER_SECONDS = 5;
    private static final RedisScript<Long> SEAL = RedisScript.of(
            "if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[2], ARGV[2]); "
                    + "redis.call('del', KEYS[1]); return 1 else return 0 end", Long.class);
    private static final int LOCAL_CACHE_LIMIT = 100_000;

    private final ReactiveStringRedisTemplate redis;
    private final Map<String, Long> notRevokedUntil = new ConcurrentHashMap<>();

    public SessionRevocations(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Completes empty when the session is live; errors with 401 when it was revoked, and with 503
     * when Redis cannot answer or has lost the revocation list (no sentinel) until it is re-seeded.
     */
    public Mono<Void> requireLive(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            return Mono.error(TepVerifier.invalid("Token has no session"));
        }
        long now = System.currentTimeMillis();
        Long until = notRevokedUntil.get(sessionId);
        if (until != null && until > now) {
            return Mono.empty();
        }
        // Both questions go out at once on the shared connection: one round trip.
        return Mono.zip(redis.hasKey(SEEDED), redis.hasKey(PREFIX + sessionId))
                .onErrorMap(e -> unavailable("Token revocations cannot be checked right now"))
                .flatMap(answers -> {
                    State state = state(answers.getT1(), answers.getT2());
                    return switch (state) {
                        case UNKNOWN -> Mono.error(unavailable("Token revocations are being restored"));
                        case REVOKED -> {
                            notRevokedUntil.remove(sessionId);
                            yield Mono.error(TepVerifier.invalid("Token has been revoked"));
                        }
                        case LIVE -> {
                            remember(sessionId, now + LOCAL_CACHE_MILLIS);
                            yield Mono.empty();
                        }
                    };
                });
    }

    /** What one look-up says about a session. */
    enum State { LIVE, REVOKED, UNKNOWN }

    /** A revocation key is proof of revocation; its absence proves nothing without the sentinel. */
    static State state(boolean seeded, boolean revocationKey) {
        if (revocationKey) {
            return State.REVOKED;
        }
        return seeded ? State.LIVE : State.UNKNOWN;
    }

    /** Marks sessions revoked for {@code ttl} (at least the TEP lifetime). */
    public Mono<Void> revoke(Collection<String> sessionIds, Duration ttl) {
        return Flux.fromIterable(sessionIds)
                .flatMap(id -> redis.opsForValue().set(PREFIX + id, "1", ttl))
                // This instance stops trusting its own "not revoked" memory at once; others within the cache bound.
                .then(Mono.fromRunnable(() -> sessionIds.forEach(notRevokedUntil::remove)));
    }

    /** Whether this Redis holds every revocation in force (the sentinel is there). */
    public Mono<Boolean> seeded() {
        return redis.hasKey(SEEDED);
    }

    /**
     * Re-seeds: writes each revocation with its remaining lifetime, then the sentinel. Only the
     * owner of the revocation record (auth-service) calls this, with every revocation in force.
     * Answers false when Redis lost its data again while seeding (the sentinel is then not written,
     * and the caller tries again): a sentinel always stands on top of a complete list.
     */
    public Mono<Boolean> reseed(Map<String, Duration> remaining) {
        String nonce = java.util.UUID.randomUUID().toString();
        return redis.opsForValue().set(SEEDING, nonce)
                .thenMany(Flux.fromIterable(remaining.entrySet()))
                .filter(e -> e.getValue().isPositive())
                .flatMap(e -> redis.opsForValue().set(PREFIX + e.getKey(), "1", e.getValue()), 16)
                .then(redis.execute(SEAL, List.of(SEEDING, SEEDED), List.of(nonce, java.time.Instant.now().toString()))
                        .next())
                .map(sealed -> sealed == 1L);
    }

    private static TmcpException unavailable(String message) {
        return new TmcpException(ErrorCode.SERVICE_UNAVAILABLE, message, Map.of("retry_after", RETRY_AFTER_SECONDS));
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
