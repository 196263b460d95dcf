package dev.tmcp.web.client;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The breaker parameters of spec 7.7.2: 5 failures among the last 10 calls open it for 60 s; then
 * one probe at a time, one every 10 s, until a probe succeeds (decision 0028).
 */
public final class CircuitBreakers {

    /**
     * 60 s as the spec says; {@code TMCP_BREAKER_OPEN_SECONDS} shortens it only where a test kills
     * services on purpose and would otherwise wait out each opening.
     */
    static final Duration OPEN = Duration.ofSeconds(openSeconds(System.getenv("TMCP_BREAKER_OPEN_SECONDS")));
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(10);

    private CircuitBreakers() {
    }

    public static CircuitBreakerConfig spec() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                // Judged only over a full window of 10: three failures in the first five calls are not five in ten.
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                // The first opening lasts 60 s; after a failed probe the next probe comes 10 s later.
                .waitIntervalFunctionInOpenState((IntervalFunction) attempt ->
                        (attempt == null || attempt <= 1 ? OPEN : PROBE_INTERVAL).toMillis())
                .permittedNumberOfCallsInHalfOpenState(1)
                .maxWaitDurationInHalfOpenState(PROBE_INTERVAL)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(CircuitBreakers::isFailure)
                .build();
    }

    static long openSeconds(String configured) {
        if (configured == null || configured.isBlank()) {
            return 60;
        }
        long seconds = Long.parseLong(configured.trim());
        if (seconds < 1 || seconds > 600) {
            throw new IllegalArgumentException("TMCP_BREAKER_OPEN_SECONDS must be from 1 to 600, not " + seconds);
        }
        return seconds;
    }

    /** A 4xx is the caller's problem, not the dependency's: only 5xx and I/O faults count. */
    public static boolean isFailure(Throwable t) {
        if (t instanceof WebClientResponseException response) {
            return response.getStatusCode().is5xxServerError();
        }
        return !(t instanceof dev.tmcp.core.error.TmcpException);
    }
}
