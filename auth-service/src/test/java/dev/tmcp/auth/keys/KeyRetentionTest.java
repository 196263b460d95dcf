package dev.tmcp.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyRetentionTest {

    private static final Instant NOON = Instant.parse("2026-12-04T12:00:00Z");
    private final KeyRetention retention = KeyRetention.covering(Duration.ofHours(24), Duration.ofHours(1));

    @Test
    void twoRotationsInADayKeepBothRetiredKeysPublished() {
        Instant firstRotation = NOON.minus(Duration.ofHours(9));
        Instant secondRotation = NOON.minus(Duration.ofHours(1));
        assertThat(retention.published(false, firstRotation, NOON)).isTrue();
        assertThat(retention.published(false, secondRotation, NOON)).isTrue();
    }

    @Test
    void aRetiredKeyStaysUntilTheLongestTokenItSignedHasExpiredPlusSkew() {
        Instant retired = NOON.minus(Duration.ofHours(24));
        assertThat(retention.published(false, retired, NOON)).as("a TEP signed just before retirement still lives (skew)")
                .isTrue();
        assertThat(retention.published(false, retired, NOON.plus(KeyRetention.CLOCK_SKEW))).isFalse();
    }

    @Test
    void theActiveKeyIsAlwaysPublished() {
        assertThat(retention.published(true, null, NOON)).isTrue();
    }

    @Test
    void aKeyRetiredWithoutARetirementTimeIsNotPublished() {
        assertThat(retention.published(false, null, NOON)).isFalse();
    }

    @Test
    void theWindowFollowsTheLongestLifetime() {
        KeyRetention shortTeps = KeyRetention.covering(Duration.ofHours(2), Duration.ofHours(24));
        assertThat(shortTeps.published(false, NOON.minus(Duration.ofHours(20)), NOON)).isTrue();
    }
}
