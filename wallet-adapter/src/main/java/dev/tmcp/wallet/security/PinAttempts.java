package dev.tmcp.wallet.security;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.wallet.WalletProperties;
import java.util.Map;
import org.redisson.api.RAtomicLongReactive;
import org.redisson.api.RedissonReactiveClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Counts wrong PINs per user in Redis, shared by every replica: after {@code pinAttempts} failures
 * within the window, PIN proofs are refused with MFA_LOCKED (429) until the window ends, so a
 * six-digit PIN cannot be guessed online. A correct PIN clears the count.
 */
@Component
public class PinAttempts {

    private final RedissonReactiveClient redis;
    private final WalletProperties properties;

    PinAttempts(RedissonReactiveClient redis, WalletProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    public Mono<Void> requireNotLocked(String userId) {
        RAtomicLongReactive failures = counter(userId);
        return failures.get().flatMap(count -> count < properties.pinAttempts()
                ? Mono.<Void>empty()
                : failures.remainTimeToLive().flatMap(ttlMillis -> Mono.error(locked(ttlMillis))));
    }

    /** Records a wrong PIN; emits the attempts left before the lock. */
    public Mono<Long> recordFailure(String userId) {
        RAtomicLongReactive failures = counter(userId);
        return failures.incrementAndGet().flatMap(count -> (count == 1
                        ? failures.expire(properties.pinLockWindow()).thenReturn(count)
                        : Mono.just(count))
                .map(c -> Math.max(0, properties.pinAttempts() - c)));
    }

    public Mono<Void> reset(String userId) {
        return counter(userId).delete().then();
    }

    private RAtomicLongReactive counter(String userId) {
        return redis.getAtomicLong("tmcp:wallet:pin-failures:" + userId);
    }

    private static TmcpException locked(long ttlMillis) {
        long retryAfter = Math.max(1, ttlMillis / 1000);
        return new TmcpException(ErrorCode.MFA_LOCKED, "Too many wrong PINs: payments are locked for a while",
                Map.of("retry_after", retryAfter));
    }
}
