package dev.tmcp.web.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * Charges a request to the token buckets of its subject (spec 11.4.2), shared by every instance
 * through Redis (11.4.3), and says what to answer: the headers of 11.4.4, the 429 body, or the
 * suspension of 11.4.5. The first row passed names the headers of an allowed answer.
 */
public class RateLimiter {

    private final TokenBuckets buckets;
    private final double scale;
    private final MeterRegistry meters;

    public RateLimiter(ReactiveStringRedisTemplate redis, RateRow.Suspension suspension, double scale) {
        this(redis, suspension, scale, Metrics.globalRegistry);
    }

    /** Refusals are counted as {@code tmcp.rate_limit.refused{row, verdict}} (429 limited, 403 suspended). */
    public RateLimiter(ReactiveStringRedisTemplate redis, RateRow.Suspension suspension, double scale,
            MeterRegistry meters) {
        this.buckets = new TokenBuckets(redis, suspension, scale);
        this.scale = scale;
        this.meters = meters;
    }

    /** The outcome of charging one request; {@code error} is null when it is allowed. */
    public record Decision(Verdict verdict, Map<String, String> headers, Refusal error) {

        public static final Decision UNCOUNTED = new Decision(Verdict.ALLOWED, Map.of(), null);

        public boolean allowed() {
            return verdict == Verdict.ALLOWED;
        }

        /** 429 when limited, 403 when suspended. */
        public int status() {
            return verdict == Verdict.SUSPENDED ? 403 : 429;
        }
    }

    public enum Verdict { ALLOWED, LIMITED, SUSPENDED }

    /**
     * @param subject who is counted ({@code u:@alice:server} or {@code ip:203.0.113.7})
     * @param suspendable whether refusals count towards suspending the subject (users, not addresses)
     */
    public Mono<Decision> charge(String subject, boolean suspendable, List<RateRow> rows) {
        if (rows.isEmpty()) {
            return Mono.just(Decision.UNCOUNTED);
        }
        return buckets.take(subject, suspendable, rows).map(outcome -> counted(decide(outcome, rows), outcome, rows));
    }

    private Decision counted(Decision decision, TokenBuckets.Outcome outcome, List<RateRow> rows) {
        if (!decision.allowed()) {
            String row = decision.verdict() == Verdict.SUSPENDED ? rows.get(0).name()
                    : rows.get(outcome.limitingIndex() - 1).name();
            meters.counter("tmcp.rate_limit.refused", "row", row, "verdict", decision.verdict().name().toLowerCase())
                    .increment();
        }
        return decision;
    }

    private Decision decide(TokenBuckets.Outcome outcome, List<RateRow> rows) {
        if (outcome.status() == TokenBuckets.Status.SUSPENDED) {
            Refusal error = Refusal.suspended(Instant.ofEpochMilli(outcome.suspendedUntilMillis()).toString());
            long retry = Math.max(1, (outcome.suspendedUntilMillis() - outcome.nowMillis() + 999) / 1000);
            return new Decision(Verdict.SUSPENDED, Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retry)), error);
        }
        int index = outcome.status() == TokenBuckets.Status.LIMITED ? outcome.limitingIndex() - 1 : 0;
        RateRow row = rows.get(index);
        double tokens = outcome.tokens()[index];
        long whole = (long) Math.floor(tokens);
        long limit = Math.round(row.limit() * scale);
        long burst = Math.round(row.burst() * scale);
        long resetAfter = (long) Math.ceil((row.capacity(scale) - tokens) / row.rate(scale));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-RateLimit-Limit", Long.toString(limit));
        headers.put("X-RateLimit-Remaining", Long.toString(Math.min(whole, limit)));
        headers.put("X-RateLimit-Reset", Long.toString(outcome.nowMillis() / 1000 + resetAfter));
        headers.put("X-RateLimit-Reset-After", Long.toString(resetAfter));
        headers.put("X-RateLimit-Burst", Long.toString(burst));
        headers.put("X-RateLimit-Burst-Remaining", Long.toString(Math.max(0, whole - limit)));
        if (outcome.status() == TokenBuckets.Status.OK) {
            return new Decision(Verdict.ALLOWED, headers, null);
        }
        long retryAfter = Math.max(1, (long) Math.ceil((1 - tokens) / row.rate(scale)));
        headers.put(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        return new Decision(Verdict.LIMITED, headers, Refusal.limited(retryAfter, limit, window(row.window())));
    }

    /** "1 minute", "5 minutes", "1 hour", "1 day". */
    static String window(Duration window) {
        long seconds = window.toSeconds();
        record Unit(long seconds, String name) {
        }
        for (Unit unit : List.of(new Unit(86400, "day"), new Unit(3600, "hour"), new Unit(60, "minute"))) {
            if (seconds % unit.seconds() == 0) {
                long n = seconds / unit.seconds();
                return n + " " + unit.name() + (n == 1 ? "" : "s");
            }
        }
        return seconds + " seconds";
    }
}
