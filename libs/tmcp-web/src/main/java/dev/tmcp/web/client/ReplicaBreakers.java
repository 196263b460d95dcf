package dev.tmcp.web.client;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * The spec 7.7.2 breaker for a service that runs as several replicas: one breaker per replica
 * ({@code name@host:port}), so a dying replica opens only its own and the calls go on to the
 * others. Each call takes the replicas in turn ({@link Replicas}) and goes to the first whose
 * breaker lets it through; only when every replica's breaker is open is it refused. A 5xx answer,
 * an I/O fault or a refused connection counts against the replica that gave it.
 */
final class ReplicaBreakers implements ExchangeFilterFunction {

    private final Replicas replicas;
    private final Duration timeout;
    private final Map<URI, CircuitBreaker> breakers = new LinkedHashMap<>();

    ReplicaBreakers(String name, Replicas replicas, Duration timeout, CircuitBreakerRegistry registry,
            CircuitBreakerConfig config) {
        this.replicas = replicas;
        this.timeout = timeout;
        for (URI origin : replicas.all()) {
            breakers.put(origin, registry.circuitBreaker(name + "@" + origin.getRawAuthority(), config));
        }
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return Mono.defer(() -> {
            List<URI> candidates = replicas.inTurn();
            for (URI origin : candidates) {
                CircuitBreaker breaker = breakers.get(origin);
                if (breaker.tryAcquirePermission()) {
                    return exchange(request, next, origin, breaker);
                }
            }
            return Mono.error(CallNotPermittedException.createCallNotPermittedException(breakers.get(candidates.get(0))));
        });
    }

    private Mono<ClientResponse> exchange(ClientRequest request, ExchangeFunction next, URI origin, CircuitBreaker breaker) {
        long start = breaker.getCurrentTimestamp();
        return next.exchange(ClientRequest.from(request).url(Replicas.on(request.url(), origin)).build())
                .doOnNext(response -> {
                    long took = breaker.getCurrentTimestamp() - start;
                    if (response.statusCode().is5xxServerError()) {
                        breaker.onError(took, breaker.getTimestampUnit(),
                                new IllegalStateException(origin + " answered " + response.statusCode().value()));
                    } else {
                        breaker.onSuccess(took, breaker.getTimestampUnit());
                    }
                })
                .doOnError(e -> {
                    if (Replicas.isRefusal(e)) {
                        replicas.refused(origin);
                    }
                    breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
                })
                .doOnCancel(() -> {
                    long took = breaker.getCurrentTimestamp() - start;
                    // Cut by the caller's timeout: the replica did not answer in time. Any earlier cancel is the caller's.
                    if (breaker.getTimestampUnit().toNanos(took) >= timeout.toNanos()) {
                        breaker.onError(took, breaker.getTimestampUnit(), new TimeoutException(origin + " did not answer"));
                    } else {
                        breaker.releasePermission();
                    }
                });
    }
}
