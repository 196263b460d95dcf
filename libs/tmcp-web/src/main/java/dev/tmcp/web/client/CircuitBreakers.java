package dev.tmcp.web.client;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/** The breaker parameters of spec 7.7.2: 5 failures in the last 10 calls open it for 60 s. */
public final class CircuitBreakers {

    private CircuitBreakers() {
    }

    public static CircuitBreakerConfig spec() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(60))
                .permittedNumberOfCallsInHalfOpenState(3)
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
