package dev.tmcp.web.jobs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauge {@code tmcp.stuck{flow, state}}: how many items of a flow sit in a state past their
 * deadline, as of the last count. A state seen once keeps its gauge and reads 0 once cleared.
 */
public final class StuckGauges {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    public StuckGauges(MeterRegistry registry, Map<String, List<String>> knownStates) {
        this.registry = registry;
        knownStates.forEach((flow, states) -> states.forEach(state -> gauge(flow, state)));
    }

    /** Replaces every count with the listing's: states absent from it read 0. */
    public void record(List<StuckItem> stuck) {
        Map<String, Long> counts = new java.util.HashMap<>();
        stuck.forEach(item -> counts.merge(item.flow() + "\u0000" + item.state(), 1L, Long::sum));
        values.forEach((key, value) -> value.set(counts.getOrDefault(key, 0L)));
        counts.forEach((key, count) -> {
            String[] parts = key.split("\u0000", 2);
            gauge(parts[0], parts[1]).set(count);
        });
    }

    public long value(String flow, String state) {
        AtomicLong value = values.get(flow + "\u0000" + state);
        return value == null ? 0 : value.get();
    }

    private AtomicLong gauge(String flow, String state) {
        return values.computeIfAbsent(flow + "\u0000" + state, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("tmcp.stuck", value, AtomicLong::get)
                    .description("Items of a money flow in an intermediate state past its deadline")
                    .tag("flow", flow).tag("state", state)
                    .register(registry);
            return value;
        });
    }
}
