package dev.tmcp.web.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.lettuce.core.tracing.LettuceObservationContext;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

/** A Redis command cancelled before its observation started must not throw on the way out. */
class NoRedisCommandObservationsTest {

    @Test
    void stoppingANeverStartedRedisObservationThrowsWithoutThePredicate() {
        ObservationRegistry registry = registry(false);
        Observation observation = Observation.createNotStarted("redis", () -> new LettuceObservationContext("redis"), registry);

        assertThat(org.assertj.core.api.Assertions.catchThrowable(observation::stop)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withThePredicateItIsANoOp() {
        ObservationRegistry registry = registry(true);
        Observation observation = Observation.createNotStarted("redis", () -> new LettuceObservationContext("redis"), registry);

        assertThatCode(observation::stop).doesNotThrowAnyException();
    }

    @Test
    void otherObservationsAreKept() {
        assertThat(new NoRedisCommandObservations().test("http.server.requests", new Observation.Context())).isTrue();
    }

    private static ObservationRegistry registry(boolean predicate) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
        if (predicate) {
            registry.observationConfig().observationPredicate(new NoRedisCommandObservations());
        }
        return registry;
    }
}
