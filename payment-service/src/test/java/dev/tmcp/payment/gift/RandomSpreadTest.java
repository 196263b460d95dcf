package dev.tmcp.payment.gift;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The measurement behind decision 0021: 10 000 gifts of 100.00 in 10 shares, each share as a
 * percentage of the average (10.00), for 7.5.5 taken literally and for our algorithm.
 */
class RandomSpreadTest {

    private static final int GIFTS = 10_000;
    private static final long TOTAL = 10_000;
    private static final int COUNT = 10;

    record Spread(double min, double max, double stddev, double meanLargest) {

        @Override
        public String toString() {
            return String.format("min %.1f%%, max %.1f%%, stddev %.1f%%, mean largest share %.1f%% of the average",
                    min, max, stddev, meanLargest);
        }
    }

    @Test
    void ourSharesStayNearTheAverageWhereTheLiteralAlgorithmGivesOneShareMostOfTheGift() {
        SecureRandom rng = new SecureRandom();
        Spread literal = measure(() -> LiteralRandomDistribution.shares(TOTAL, COUNT, rng));
        Spread ours = measure(() -> GiftDistribution.random(TOTAL, COUNT, RandomBounds.DEFAULT, rng));
        System.out.println("[0021] literal 7.5.5: " + literal);
        System.out.println("[0021] decision 0021: " + ours);

        assertThat(literal.max()).isGreaterThan(700);
        assertThat(ours.min()).isGreaterThanOrEqualTo(70);
        assertThat(ours.max()).isLessThanOrEqualTo(130);
        assertThat(ours.stddev()).isBetween(15.0, 25.0);
    }

    private static Spread measure(Supplier<long[]> gift) {
        double average = (double) TOTAL / COUNT;
        double min = Double.MAX_VALUE;
        double max = 0;
        double sum = 0;
        double sumSquares = 0;
        double largest = 0;
        for (int g = 0; g < GIFTS; g++) {
            long[] shares = gift.get();
            double top = 0;
            for (long share : shares) {
                double pct = 100.0 * share / average;
                min = Math.min(min, pct);
                max = Math.max(max, pct);
                top = Math.max(top, pct);
                sum += pct;
                sumSquares += pct * pct;
            }
            largest += top;
        }
        int n = GIFTS * COUNT;
        double mean = sum / n;
        return new Spread(min, max, Math.sqrt(sumSquares / n - mean * mean), largest / GIFTS);
    }
}
