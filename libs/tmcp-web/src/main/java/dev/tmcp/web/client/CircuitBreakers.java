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

    static final Duration OPEN = Duration.ofSeconds(60);
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

    /** A 4xx is the caller's problem, not the dependency's: only 5xx and I/O faults count. */
    public static boolean isFailure(Throwable t) {
        if (t instanceof WebClientResponseException response) {
            return response.getStatusCode().is5xxServerError();
        }
        return !(t instanceof dev.tmcp.core.error.TmcpException);
    }
}
