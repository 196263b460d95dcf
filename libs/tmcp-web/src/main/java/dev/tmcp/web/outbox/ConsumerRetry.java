package dev.tmcp.web.outbox;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Wraps the handling of one consumed event so that it completes only once the handling succeeded,
 * retrying with exponential backoff (capped at 30 s) for as long as it takes. A Kafka listener that
 * returns this Mono has its offset committed only after success: an outage of the homeserver or of
 * Keycloak delays events, it never drops them. Each failed attempt is logged, so an event that can
 * never succeed is visible rather than silently skipped.
 */
public final class ConsumerRetry {

    private static final Logger log = LoggerFactory.getLogger(ConsumerRetry.class);

    private ConsumerRetry() {
    }

    public static Mono<Void> untilDone(String consumer, String eventId, Mono<Void> handling) {
        return handling.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(250))
                .maxBackoff(Duration.ofSeconds(30))
                .doBeforeRetry(signal -> log.warn("consumer={} event_id={} attempt={} failed, retrying: {}",
                        consumer, eventId, signal.totalRetries() + 1, signal.failure().toString())));
    }
}
