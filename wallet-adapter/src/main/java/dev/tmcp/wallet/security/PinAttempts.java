package dev.tmcp.wallet.security;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.wallet.WalletProperties;
import java.util.List;
import java.util.Map;
import org.redisson.api.RScript;
import org.redisson.api.RedissonReactiveClient;
import org.redisson.client.codec.LongCodec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The budget of proof attempts per user in Redis, shared by every replica (decision 0027). An
 * attempt is reserved atomically before the proof is evaluated: the counter is incremented first,
 * and a caller whose reservation lies beyond {@code pinAttempts} is refused with MFA_LOCKED (429)
 * without any evaluation. So however many guesses arrive in parallel, at most the budget is
 * evaluated within the window, and a correct answer that comes after the lock is refused too. A
 * correct answer within the budget clears the count.
 */
@Component
public class PinAttempts {

    /** Increments the counter and, on the first attempt of a window, starts the window: one atomic step. */
    private static final String RESERVE = "local n = redis.call('incr', KEYS[1]) "
            + "if redis.call('pttl', KEYS[1]) < 0 then redis.call('pexpire', KEYS[1], ARGV[1]) end "
            + "return n";

    private final RedissonReactiveClient redis;
    private final WalletProperties properties;

    PinAttempts(RedissonReactiveClient redis, WalletProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    /** Reserves one attempt; emits its number (1 to the budget) or fails with MFA_LOCKED. */
    public Mono<Long> reserve(String userId) {
        String key = key(userId);
        return redis.getScript(LongCodec.INSTANCE)
                .<Long>eval(RScript.Mode.READ_WRITE, RESERVE, RScript.ReturnType.INTEGER, List.<Object>of(key),
                        properties.pinLockWindow().toMillis())
                .flatMap(attempt -> attempt <= properties.pinAttempts() ? Mono.just(attempt)
                        : redis.getAtomicLong(key).remainTimeToLive().flatMap(ttl -> Mono.error(locked(ttl))));
    }

    /** The attempts left after the wrong answer of reservation {@code attempt}. */
    public long remainingAfter(long attempt) {
        return Math.max(0, properties.pinAttempts() - attempt);
    }

    public Mono<Void> reset(String userId) {
        return redis.getAtomicLong(key(userId)).delete().then();
    }

    private static String key(String userId) {
        return "tmcp:wallet:pin-failures:" + userId;
    }

    private static TmcpException locked(long ttlMillis) {
        long retryAfter = Math.max(1, ttlMillis / 1000);
        return new TmcpException(ErrorCode.MFA_LOCKED, "Too many wrong PINs: payments are locked for a while",
                Map.of("retry_after", retryAfter));
    }
}
