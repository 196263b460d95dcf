package dev.tmcp.web.client;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A call to another suite service: timeout, circuit breaker named after the client, retries only
 * for connection errors with jittered backoff, and a downstream 12.1 error passed on unchanged.
 */
public class ServiceClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebClient webClient;
    private final CircuitBreaker breaker;
    private final String name;
    private final Duration timeout;

    public ServiceClient(WebClient webClient, CircuitBreaker breaker, Duration timeout) {
        this.webClient = webClient;
        this.breaker = breaker;
        this.name = breaker.getName();
        this.timeout = timeout;
    }

    /** A client whose {@code webClient} keeps its own breakers (one per replica: {@link ReplicaBreakers}). */
    ServiceClient(WebClient webClient, String name, Duration timeout) {
        this.webClient = webClient;
        this.breaker = null;
        this.name = name;
        this.timeout = timeout;
    }

    public <T> Mono<T> call(Function<WebClient, Mono<T>> request) {
        Mono<T> attempts = Mono.defer(() -> request.apply(webClient))
                .timeout(timeout)
                .retryWhen(Retry.backoff(2, Duration.ofMillis(100)).jitter(0.5)
                        .filter(e -> e instanceof WebClientRequestException));
        return (breaker == null ? attempts : attempts.transformDeferred(CircuitBreakerOperator.of(breaker)))
                .onErrorMap(WebClientResponseException.class, ServiceClient::translate);
    }

    public String name() {
        return name;
    }

    /** Turns a downstream error body (spec 12.1) back into the same error for our caller. */
    static Throwable translate(WebClientResponseException e) {
        if (e.getStatusCode().is5xxServerError()) {
            return new TmcpException(ErrorCode.SERVICE_UNAVAILABLE, "A dependency failed", Map.of("retry_after", 5));
        }
        try {
            JsonNode error = JSON.readTree(e.getResponseBodyAsString()).path("error");
            ErrorCode code = ErrorCode.valueOf(error.path("code").asString());
            @SuppressWarnings("unchecked")
            Map<String, Object> details = new java.util.LinkedHashMap<>(
                    error.has("details") ? JSON.treeToValue(error.get("details"), Map.class) : Map.of());
            for (String top : java.util.List.of("retry_after", "circuit_state")) {
                if (error.has(top)) {
                    details.put(top, JSON.treeToValue(error.get(top), Object.class));
                }
            }
            return new TmcpException(code, error.path("message").asString(), details);
        } catch (RuntimeException unreadable) {
            return new TmcpException(ErrorCode.SERVICE_UNAVAILABLE, "A dependency answered unexpectedly");
        }
    }
}
