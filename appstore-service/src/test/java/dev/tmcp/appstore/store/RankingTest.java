package dev.tmcp.appstore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RankingTest {

    private static final Ranking.Norms STORE = new Ranking.Norms(10_000, 2_000, 4.0);

    @Test
    void theLargestAppOnEveryFactorScoresTheSumOfTheWeights() {
        Ranking.Score best = Ranking.score(new Ranking.Factors(10_000, 2_000, 4.0, 1_000_000, 5_000_000, Duration.ZERO), STORE);

        assertThat(best.installs()).isEqualTo(1.0);
        assertThat(best.activeUsers()).isEqualTo(1.0);
        assertThat(best.engagement()).isEqualTo(1.0);
        assertThat(best.recency()).isEqualTo(1.0);
        assertThat(best.total()).isCloseTo(0.30 + 0.25 + 0.20 * best.rating() + 0.15 + 0.10, within(1e-9));
    }

    @Test
    void installsWeighMoreThanActiveUsersWhichWeighMoreThanTheRating() {
        Ranking.Factors nothing = new Ranking.Factors(0, 0, 0, 0, 0, Duration.ofDays(3650));
        double base = Ranking.score(nothing, STORE).total();

        double installs = Ranking.score(new Ranking.Factors(10_000, 0, 0, 0, 0, Duration.ofDays(3650)), STORE).total() - base;
        double active = Ranking.score(new Ranking.Factors(0, 2_000, 0, 0, 0, Duration.ofDays(3650)), STORE).total() - base;

        assertThat(installs).isCloseTo(0.30, within(1e-9));
        assertThat(active).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void oneFiveStarRatingDoesNotOutrankAThousandRatingsOfFourPointEight() {
        double single = Ranking.bayesianAverage(1, 5);
        double many = Ranking.bayesianAverage(1_000, 4_800);

        assertThat(many).isGreaterThan(single);
        assertThat(Ranking.bayesianAverage(0, 0)).isEqualTo(3.0);
    }

    @Test
    void countsAreComparedOnALogScale() {
        Ranking.Score small = Ranking.score(new Ranking.Factors(100, 0, 0, 0, 0, Duration.ZERO), STORE);

        assertThat(small.installs()).isCloseTo(Math.log1p(100) / Math.log1p(10_000), within(1e-9)).isGreaterThan(0.4);
    }

    @Test
    void recencyHalvesEveryThirtyDays() {
        assertThat(Ranking.score(new Ranking.Factors(0, 0, 0, 0, 0, Duration.ofDays(30)), STORE).recency()).isCloseTo(0.5, within(1e-9));
        assertThat(Ranking.score(new Ranking.Factors(0, 0, 0, 0, 0, Duration.ofDays(60)), STORE).recency()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void anEmptyStoreScoresWithoutDividingByZero() {
        Ranking.Score score = Ranking.score(new Ranking.Factors(0, 0, 0, 0, 0, Duration.ZERO), new Ranking.Norms(0, 0, 0));

        assertThat(score.total()).isCloseTo(0.20 * 0.5 + 0.10, within(1e-9));
    }

    @Test
    void trendingIsMoreThanTwentyPercentWeeklyGrowthFromEnoughInstalls() {
        assertThat(Ranking.trending(13, 10)).isTrue();
        assertThat(Ranking.trending(12, 10)).isFalse();
        assertThat(Ranking.trending(9, 0)).isFalse();
        assertThat(Ranking.trending(10, 0)).isTrue();
    }
}
