package dev.tmcp.web.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Retries the handling of one consumed event with exponential backoff. An outage
 * ({@link ConsumerFailures#isOutage}) is waited out for as long as it lasts: it delays events, it
 * never drops them. Any other failure is retried up to {@link Policy#maxAttempts} attempts; then
 * the handling fails with {@link PoisonRecordException}, so the record can go to its dead-letter
 * topic instead of stalling its partition. Each failed attempt is logged.
 */
public final class ConsumerRetry {

    private static final Logger log = LoggerFactory.getLogger(ConsumerRetry.class);

    /**
     * @param maxAttempts attempts of a record that fails while its dependencies answer
     * @param firstBackoff the wait after the first failure, doubled after each further one
     * @param maxBackoff the longest wait
     */
    public record Policy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

        public static final Policy DEFAULT = new Policy(10, Duration.ofMillis(250), Duration.ofSeconds(30));

        public Policy {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
        }

        Duration backoff(long retries) {
            long millis = firstBackoff.toMillis() << Math.min(retries, 20);
            return Duration.ofMillis(Math.min(Math.max(millis, 0), maxBackoff.toMillis()));
        }
    }

    private ConsumerRetry() {
    }

    /** {@code handling} is subscribed again for each attempt, so it must be lazy (a deferred Mono). */
    public static Mono<Void> bounded(String consumer, String eventId, Mono<Void> handling, Policy policy) {
        return Mono.defer(() -> {
            AtomicInteger failures = new AtomicInteger();
            return handling.retryWhen(Retry.from(signals -> signals.concatMap(signal -> {
                Throwable e = signal.failure();
                boolean outage = ConsumerFailures.isOutage(e);
                if (!outage && failures.incrementAndGet() >= policy.maxAttempts()) {
                    return Mono.error(new PoisonRecordException(consumer, eventId, failures.get(), e));
                }
                Duration wait = policy.backoff(signal.totalRetries());
                log.warn("consumer={} event_id={} attempt={} failed{}, retrying in {} ms: {}", consumer, eventId,
                        signal.totalRetries() + 1, outage ? " (outage)" : "", wait.toMillis(), e.toString());
                return Mono.delay(wait);
            })));
        });
    }
}
