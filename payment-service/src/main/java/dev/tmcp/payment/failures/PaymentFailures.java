package dev.tmcp.payment.failures;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.ratelimit.Suspensions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The failed-payment row of spec 11.4.1 and the payment trigger of 11.4.5, per user, in Redis:
 * five payments that failed within five minutes lock the user's payments until the window ends
 * (429 with {@code retry_after}); fifty within a day suspend the account for an hour through the
 * gateway's suspension key (403 {@code ACCOUNT_SUSPENDED} on every call). Wrong PINs are not
 * counted here: they have their own lockout ({@code MFA_LOCKED}); nor are the suite's own outages.
 */
@Component
public class PaymentFailures {

    private static final Logger log = LoggerFactory.getLogger(PaymentFailures.class);
    static final int LOCK_AFTER = 5;
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final int SUSPEND_AFTER = 50;
    static final Duration SUSPENSION = Duration.ofHours(1);
    private static final Set<ErrorCode> COUNTED = Set.of(ErrorCode.INSUFFICIENT_FUNDS, ErrorCode.PAYMENT_FAILED,
            ErrorCode.AMOUNT_EXCEEDS_LIMIT, ErrorCode.DAILY_LIMIT_EXCEEDED, ErrorCode.MONTHLY_LIMIT_EXCEEDED,
            ErrorCode.P2P_SEND_NOT_ALLOWED, ErrorCode.USER_SUSPENDED, ErrorCode.INVALID_AMOUNT);

    private final ReactiveStringRedisTemplate redis;

    PaymentFailures(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Errors with 429 while the user's payments are locked. */
    public Mono<Void> requireNotLocked(String userId) {
        String key = windowKey(userId);
        return redis.opsForValue().get(key)
                .filter(count -> Long.parseLong(count) >= LOCK_AFTER)
                .flatMap(locked -> redis.getExpire(key))
                .flatMap(left -> Mono.<Void>error(new TmcpException(ErrorCode.RATE_LIMIT_EXCEEDED,
                        "Too many failed payments: payments are locked for a while",
                        Map.of("retry_after", Math.max(1, left.toSeconds()), "limit", LOCK_AFTER,
                                "window", "5 minutes"))));
    }

    /** Counts a failed payment when the failure is the payer's (funds, limits, state), then rethrows it. */
    public <T> Mono<T> recordAndRethrow(String userId, Throwable error) {
        if (!(error instanceof TmcpException tmcp) || !COUNTED.contains(tmcp.code())) {
            return Mono.error(error);
        }
        return count(windowKey(userId), WINDOW)
                .then(count("tmcp:payment-failures-day:" + userId, Duration.ofDays(1)))
                .flatMap(today -> today >= SUSPEND_AFTER ? suspend(userId) : Mono.empty())
                .then(Mono.error(error));
    }

    private Mono<Long> count(String key, Duration window) {
        return redis.opsForValue().increment(key)
                .flatMap(n -> n == 1 ? redis.expire(key, window).thenReturn(n) : Mono.just(n));
    }

    private Mono<Void> suspend(String userId) {
        log.warn("{} failed payments within a day: {} suspended for {}", SUSPEND_AFTER, userId, SUSPENSION);
        return Suspensions.suspendUser(redis, userId, SUSPENSION);
    }

    private static String windowKey(String userId) {
        return "tmcp:payment-failures:" + userId;
    }
}
