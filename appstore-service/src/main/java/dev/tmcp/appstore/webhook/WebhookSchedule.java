package dev.tmcp.appstore.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What happens after one delivery attempt (spec 9.1.2's error table, decision 0042): 2xx ends it;
 * 400 and 401 stop it (the receiver refuses this payload or our signature, so retrying cannot
 * help); anything else — 429, 5xx, other codes, timeouts, refused connections — is tried again
 * with exponential backoff and jitter, for up to three days after the event, then given up.
 */
public final class WebhookSchedule {

    /** The spec's first five delays, then doubling up to six hours between attempts. */
    static final List<Duration> DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4));
    static final Duration MAX_DELAY = Duration.ofHours(6);
    public static final Duration GIVE_UP_AFTER = Duration.ofDays(3);

    public sealed interface Decision {
    }

    public record Delivered() implements Decision {
    }

    /** No more attempts: {@code reason} is {@code rejected} (400) or {@code unauthorized} (401). */
    public record Stopped(String reason) implements Decision {
    }

    public record Retry(Instant at) implements Decision {
    }

    /** Failing for {@link #GIVE_UP_AFTER}: the endpoint is disabled and the developer told. */
    public record GaveUp() implements Decision {
    }

    private final double scale;
    private final RandomGenerator random;

    /** {@code scale} shrinks every delay (tests); 1.0 in production. */
    public WebhookSchedule(double scale, RandomGenerator random) {
        this.scale = scale;
        this.random = random;
    }

    /**
     * @param statusCode the receiver's status, or 0 when there was no answer (timeout, refused, reset)
     * @param attempts attempts made so far, this one included
     * @param firstQueued when the delivery was queued
     */
    public Decision after(int statusCode, int attempts, Instant firstQueued, Instant now) {
        if (statusCode >= 200 && statusCode < 300) {
            return new Delivered();
        }
        if (statusCode == 400) {
            return new Stopped("rejected");
        }
        if (statusCode == 401) {
            return new Stopped("unauthorized");
        }
        Instant next = now.plus(delay(attempts));
        if (next.isAfter(firstQueued.plus(scaled(GIVE_UP_AFTER)))) {
            return new GaveUp();
        }
        return new Retry(next);
    }

    /** The wait after the {@code attempts}-th failed attempt, with up to ±20 % jitter. */
    Duration delay(int attempts) {
        Duration base = attempts <= DELAYS.size() ? DELAYS.get(Math.max(attempts, 1) - 1) : MAX_DELAY;
        double jitter = 0.8 + 0.4 * random.nextDouble();
        return Duration.ofMillis(Math.max(1, (long) (scaled(base).toMillis() * jitter)));
    }

    private Duration scaled(Duration d) {
        return Duration.ofMillis(Math.max(1, (long) (d.toMillis() * scale)));
    }
}
