package dev.tmcp.auth.token;

import dev.tmcp.web.ratelimit.RateLimiter;
import dev.tmcp.web.ratelimit.RateRow;
import dev.tmcp.web.ratelimit.Suspensions;
import java.time.Duration;
import java.util.List;
import dev.tmcp.web.ratelimit.Refusal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * The token rows of spec 11.4.1, per user: charged here rather than at the gateway because only
 * after verifying the subject (or finding the refresh token's owner) is the user known. The
 * buckets live in the same Redis, under the same keys, as the gateway's.
 */
@Component
class TokenRateLimits {

    static final RateRow GENERATION = RateRow.of("token-generation", 10, Duration.ofMinutes(1), 3);
    static final RateRow REFRESH = RateRow.of("token-refresh", 20, Duration.ofHours(1), 5);

    private final RateLimiter limiter;

    TokenRateLimits(ReactiveStringRedisTemplate redis, @Value("${tmcp.auth.rate-limit-scale:1}") double scale,
            MeterRegistry meters) {
        this.limiter = new RateLimiter(redis, Suspensions.SPEC, scale, meters);
    }

    Mono<Void> charge(RateRow row, String userId) {
        return limiter.charge("u:" + userId, true, List.of(row))
                .flatMap(decision -> decision.allowed() ? Mono.<Void>empty()
                        : Mono.error(new RateLimitedException(decision)));
    }

    /** A refusal, answered with the body and headers of spec 11.4.4 / 11.4.5. */
    static final class RateLimitedException extends RuntimeException {

        final RateLimiter.Decision decision;

        RateLimitedException(RateLimiter.Decision decision) {
            super(decision.error().message(), null, false, false);
            this.decision = decision;
        }

        Refusal.Body body() {
            return new Refusal.Body(decision.error());
        }
    }
}
