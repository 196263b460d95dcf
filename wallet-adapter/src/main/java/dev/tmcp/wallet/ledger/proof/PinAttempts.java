package dev.tmcp.wallet.ledger.proof;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.wallet.WalletProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The budget of proof attempts per user in Redis, shared by every replica (decision 0027). Two
 * counters: the wrong answers of the lock window, and the evaluations in flight. An evaluation is
 * reserved atomically before the proof is checked, and only while wrong answers plus evaluations
 * in flight stay below {@code pinAttempts}: so however many guesses arrive in parallel, at most the
 * budget is ever evaluated wrong within the window, and a correct answer that comes after the lock
 * is refused too. A caller that finds every remaining attempt being evaluated waits for one of
 * them to end (parallel correct answers are not a lockout); a correct answer clears the wrong ones.
 */
@Component
public class PinAttempts {

    /** -1: locked; 0: every remaining attempt is in flight; 1: reserved. */
    private static final RedisScript<Long> RESERVE = RedisScript.of("""
            local budget = tonumber(ARGV[1])
            local failures = tonumber(redis.call('get', KEYS[1]) or '0')
            if failures >= budget then return -1 end
            if failures + tonumber(redis.call('get', KEYS[2]) or '0') >= budget then return 0 end
            redis.call('incr', KEYS[2])
            redis.call('pexpire', KEYS[2], ARGV[2])
            return 1""", Long.class);
    private static final String END_IN_FLIGHT = """
            if redis.call('decr', KEYS[2]) <= 0 then redis.call('del', KEYS[2]) end
            """;
    /** Ends the evaluation as a wrong answer; returns the attempts left in the window. */
    private static final RedisScript<Long> FAILED = RedisScript.of(END_IN_FLIGHT + """
            local failures = redis.call('incr', KEYS[1])
            if redis.call('pttl', KEYS[1]) < 0 then redis.call('pexpire', KEYS[1], ARGV[1]) end
            return math.max(0, tonumber(ARGV[2]) - failures)""", Long.class);
    private static final RedisScript<Long> SUCCEEDED = RedisScript.of(END_IN_FLIGHT + "redis.call('del', KEYS[1]) return 0",
            Long.class);
    private static final RedisScript<Long> ABANDONED = RedisScript.of(END_IN_FLIGHT + "return 0", Long.class);
    /** The lock's remaining milliseconds, as Redis' PTTL answers them (-2: gone, -1: no lifetime). */
    private static final RedisScript<Long> LOCK_LEFT = RedisScript.of("return redis.call('pttl', KEYS[1])", Long.class);

    /** An evaluation whose process died is forgotten after this long. */
    private static final Duration IN_FLIGHT_LIFETIME = Duration.ofSeconds(30);
    private static final Duration WAIT_STEP = Duration.ofMillis(25);
    private static final long MAX_WAITS = 400;

    private static final class Busy extends RuntimeException {
        Busy() {
            super(null, null, false, false);
        }
    }

    private final ReactiveStringRedisTemplate redis;
    private final WalletProperties properties;
    private final Counter lockouts;

    PinAttempts(ReactiveStringRedisTemplate redis, WalletProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.properties = properties;
        this.lockouts = meters.counter("tmcp.auth.lockouts", "kind", "payment_proof");
    }

    /** Reserves one evaluation, waiting while the remaining attempts are all in flight; fails with MFA_LOCKED when none is left. */
    public Mono<Void> reserve(String userId) {
        return Mono.defer(() -> run(RESERVE, userId, properties.pinAttempts(), IN_FLIGHT_LIFETIME.toMillis()))
                .flatMap(outcome -> {
                    if (outcome > 0) {
                        return Mono.<Void>empty();
                    }
                    if (outcome == 0) {
                        return Mono.error(new Busy());
                    }
                    return run(LOCK_LEFT, userId).flatMap(ttl -> Mono.error(locked(ttl)));
                })
                .retryWhen(Retry.fixedDelay(MAX_WAITS, WAIT_STEP).filter(Busy.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> new TmcpException(ErrorCode.RATE_LIMIT_EXCEEDED,
                                "Other authorizations of this account are being checked; try again",
                                Map.of("retry_after", 1))));
    }

    /** Ends a reserved evaluation as a wrong answer; emits the attempts left. */
    public Mono<Long> failed(String userId) {
        // The reservations keep wrong answers within the budget, so exactly one of them leaves none.
        return run(FAILED, userId, properties.pinLockWindow().toMillis(), properties.pinAttempts())
                .doOnNext(left -> {
                    if (left == 0) {
                        lockouts.increment();
                    }
                });
    }

    /** Ends a reserved evaluation as a correct answer, which clears the wrong ones. */
    public Mono<Void> succeeded(String userId) {
        return run(SUCCEEDED, userId).then();
    }

    /** Ends a reserved evaluation that could not be carried out (neither right nor wrong). */
    public Mono<Void> abandoned(String userId) {
        return run(ABANDONED, userId).then();
    }

    private Mono<Long> run(RedisScript<Long> script, String userId, Object... args) {
        return redis.execute(script, List.of(failuresKey(userId), inFlightKey(userId)),
                Arrays.stream(args).map(String::valueOf).toList()).next();
    }

    // One hash tag per user keeps both keys on one cluster slot, as a script needs.
    private static String failuresKey(String userId) {
        return "tmcp:wallet:pin:{" + userId + "}:failures";
    }

    private static String inFlightKey(String userId) {
        return "tmcp:wallet:pin:{" + userId + "}:in-flight";
    }

    private static TmcpException locked(long ttlMillis) {
        long retryAfter = Math.max(1, ttlMillis / 1000);
        return new TmcpException(ErrorCode.MFA_LOCKED, "Too many wrong PINs: payments are locked for a while",
                Map.of("retry_after", retryAfter));
    }
}
