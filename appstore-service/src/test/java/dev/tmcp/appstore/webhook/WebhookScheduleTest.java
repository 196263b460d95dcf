package dev.tmcp.appstore.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The error table of spec 9.1.2 and the retry schedule that keeps going for three days. */
class WebhookScheduleTest {

    private static final Instant QUEUED = Instant.parse("2026-12-01T10:00:00Z");

    /** Jitter fixed at its middle (random 0.5: factor 1.0), so the delays are exact. */
    private final WebhookSchedule schedule = new WebhookSchedule(1.0, fixed(0.5));

    @Test
    void anyTwoHundredStatusIsDelivered() {
        assertThat(schedule.after(200, 1, QUEUED, QUEUED)).isInstanceOf(WebhookSchedule.Delivered.class);
        assertThat(schedule.after(202, 3, QUEUED, QUEUED)).isInstanceOf(WebhookSchedule.Delivered.class);
    }

    @Test
    void badRequestStopsTheDelivery() {
        assertThat(schedule.after(400, 1, QUEUED, QUEUED)).isEqualTo(new WebhookSchedule.Stopped("rejected"));
    }

    @Test
    void unauthorizedStopsTheDelivery() {
        assertThat(schedule.after(401, 1, QUEUED, QUEUED)).isEqualTo(new WebhookSchedule.Stopped("unauthorized"));
    }

    @Test
    void tooManyRequestsServerErrorsAndNoAnswerAreRetried() {
        for (int status : new int[] {429, 500, 503, 0, 404, 302}) {
            assertThat(schedule.after(status, 1, QUEUED, QUEUED)).as("status %d", status)
                    .isEqualTo(new WebhookSchedule.Retry(QUEUED.plusSeconds(1)));
        }
    }

    @Test
    void theFirstDelaysAreTheSpecsThenTheyDoubleUpToSixHours() {
        assertThat(schedule.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.delay(2)).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.delay(3)).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.delay(4)).isEqualTo(Duration.ofMinutes(2));
        assertThat(schedule.delay(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.delay(10)).isEqualTo(Duration.ofHours(4));
        assertThat(schedule.delay(11)).isEqualTo(Duration.ofHours(6));
        assertThat(schedule.delay(40)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void jitterStaysWithinTwentyPercent() {
        assertThat(new WebhookSchedule(1.0, fixed(0.0)).delay(3)).isEqualTo(Duration.ofSeconds(24));
        assertThat(new WebhookSchedule(1.0, fixed(0.999999)).delay(3)).isBetween(Duration.ofMillis(35_999), Duration.ofSeconds(36));
    }

    @Test
    void retriesGoOnForThreeDaysThenGiveUp() {
        Instant almost = QUEUED.plus(Duration.ofDays(3)).minus(Duration.ofHours(7));
        assertThat(schedule.after(503, 20, QUEUED, almost)).isInstanceOf(WebhookSchedule.Retry.class);
        Instant late = QUEUED.plus(Duration.ofDays(3)).minus(Duration.ofHours(5));
        assertThat(schedule.after(503, 21, QUEUED, late)).isInstanceOf(WebhookSchedule.GaveUp.class);
    }

    @Test
    void aThreeDayOutageIsCoveredByAboutTwentyAttempts() {
        Instant now = QUEUED;
        int attempts = 0;
        WebhookSchedule.Decision decision;
        do {
            attempts++;
            decision = schedule.after(503, attempts, QUEUED, now);
            if (decision instanceof WebhookSchedule.Retry retry) {
                now = retry.at();
            }
        } while (decision instanceof WebhookSchedule.Retry);
        assertThat(decision).isInstanceOf(WebhookSchedule.GaveUp.class);
        assertThat(Duration.between(QUEUED, now)).isGreaterThan(Duration.ofDays(2).plusHours(18));
        assertThat(attempts).isBetween(15, 25);
    }

    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
