package dev.tmcp.web.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The breaker stays open 60 s (spec 7.7.2) unless a deployment shortens it within bounds. */
class CircuitBreakersTest {

    @Test
    void withoutASettingTheBreakerStaysOpenSixtySeconds() {
        assertThat(CircuitBreakers.openSeconds(null)).isEqualTo(60);
        assertThat(CircuitBreakers.openSeconds(" ")).isEqualTo(60);
    }

    @Test
    void aSettingWithinOneToSixHundredSecondsIsTaken() {
        assertThat(CircuitBreakers.openSeconds("5")).isEqualTo(5);
    }

    @Test
    void aSettingOutOfBoundsStopsTheStart() {
        assertThatThrownBy(() -> CircuitBreakers.openSeconds("0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CircuitBreakers.openSeconds("601")).isInstanceOf(IllegalArgumentException.class);
    }
}
