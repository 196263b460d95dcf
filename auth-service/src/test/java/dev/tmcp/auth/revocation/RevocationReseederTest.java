package dev.tmcp.auth.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevocationReseederTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void aRevocationIsKeptUntilTheLastTokenItCoversHasExpired() {
        Duration left = RevocationReseeder.remaining(NOW.minus(Duration.ofHours(20)), Duration.ofHours(24), NOW);
        assertThat(left).isEqualTo(Duration.ofHours(4).plus(RevocationReseeder.CLOCK_SKEW));
    }

    @Test
    void aRevocationOlderThanEveryTokenItCoversIsNotWrittenBack() {
        Duration left = RevocationReseeder.remaining(NOW.minus(Duration.ofHours(25)), Duration.ofHours(24), NOW);
        assertThat(left.isPositive()).isFalse();
    }
}
