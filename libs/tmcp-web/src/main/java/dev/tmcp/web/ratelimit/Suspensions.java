package dev.tmcp.web.ratelimit;

import java.time.Duration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * Account suspension of spec 11.4.5, kept where the gateway's rate limiter looks for it: a key per
 * rate-limit subject ({@code u:@alice:server}) holding the epoch millisecond it ends. The rate
 * limiter suspends after repeated refusals; other triggers (failed payments) suspend through here.
 */
public final class Suspensions {

    /** Spec 11.4.5: ten refusals within an hour suspend for an hour. */
    public static final RateRow.Suspension SPEC = new RateRow.Suspension(10, Duration.ofHours(1), Duration.ofHours(1));

    private Suspensions() {
    }

    static String key(String subject) {
        return "tmcp:suspended:{" + subject + "}";
    }

    /** Suspends a user ({@code userId}: a Matrix user id) for {@code duration}. */
    public static Mono<Void> suspendUser(ReactiveStringRedisTemplate redis, String userId, Duration duration) {
        long until = System.currentTimeMillis() + duration.toMillis();
        return redis.opsForValue().set(key("u:" + userId), Long.toString(until), duration).then();
    }
}
