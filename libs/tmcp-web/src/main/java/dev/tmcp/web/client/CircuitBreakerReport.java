package dev.tmcp.web.client;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.registry.EntryAddedEvent;
import io.github.resilience4j.core.registry.EntryRemovedEvent;
import io.github.resilience4j.core.registry.EntryReplacedEvent;
import io.github.resilience4j.core.registry.RegistryEventConsumer;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/circuitbreakers}: every breaker of this service in the shape of spec 7.7.4
 * (state, failures among the last 10 calls, total calls, success rate, last state change). The
 * same figures are in Prometheus as {@code resilience4j_circuitbreaker_*}.
 */
@Endpoint(id = "circuitbreakers")
public class CircuitBreakerReport implements RegistryEventConsumer<CircuitBreaker> {

    private record Counters(AtomicLong total, AtomicLong succeeded, java.util.concurrent.atomic.AtomicReference<Instant> changed) {
    }

    private final Map<String, Counters> counters = new ConcurrentHashMap<>();
    private CircuitBreakerRegistry registry;

    public void attach(CircuitBreakerRegistry registry) {
        this.registry = registry;
        registry.getAllCircuitBreakers().forEach(this::watch);
    }

    @ReadOperation
    public Map<String, Object> report() {
        Map<String, Object> breakers = new TreeMap<>();
        if (registry != null) {
            registry.getAllCircuitBreakers().forEach(breaker -> {
                Counters c = counters.computeIfAbsent(breaker.getName(), n -> fresh());
                long total = c.total().get();
                Map<String, Object> entry = new java.util.LinkedHashMap<>();
                entry.put("state", breaker.getState().name());
                entry.put("failures_last_10_requests", breaker.getMetrics().getNumberOfFailedCalls());
                entry.put("total_requests", total);
                entry.put("success_rate", total == 0 ? 1.0 : Math.round(1000.0 * c.succeeded().get() / total) / 1000.0);
                entry.put("last_state_change", c.changed().get().toString());
                breakers.put(breaker.getName(), entry);
            });
        }
        return Map.of("circuit_breakers", breakers);
    }

    private void watch(CircuitBreaker breaker) {
        Counters c = counters.computeIfAbsent(breaker.getName(), n -> fresh());
        breaker.getEventPublisher()
                .onSuccess(e -> {
                    c.total().incrementAndGet();
                    c.succeeded().incrementAndGet();
                })
                .onError(e -> c.total().incrementAndGet())
                .onCallNotPermitted(e -> c.total().incrementAndGet())
                .onStateTransition(e -> c.changed().set(e.getCreationTime().toInstant()));
    }

    private static Counters fresh() {
        return new Counters(new AtomicLong(), new AtomicLong(), new java.util.concurrent.atomic.AtomicReference<>(Instant.now()));
    }

    @Override
    public void onEntryAddedEvent(EntryAddedEvent<CircuitBreaker> event) {
        watch(event.getAddedEntry());
    }

    @Override
    public void onEntryRemovedEvent(EntryRemovedEvent<CircuitBreaker> event) {
        counters.remove(event.getRemovedEntry().getName());
    }

    @Override
    public void onEntryReplacedEvent(EntryReplacedEvent<CircuitBreaker> event) {
        watch(event.getNewEntry());
    }
}
