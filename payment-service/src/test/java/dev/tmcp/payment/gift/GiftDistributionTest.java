package dev.tmcp.payment.gift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties of both distributions over many random (total, count, bounds) inputs, seeded so a
 * failure reproduces. Amounts are minor units, so "two decimals" is "an integer" here.
 */
class GiftDistributionTest {

    private static final int RUNS = 20_000;

    @Test
    void randomSharesAddUpStayWithinTheBoundsAndAreAtLeastOneMinorUnit() {
        SplittableRandom inputs = new SplittableRandom(20251218);
        for (int run = 0; run < RUNS; run++) {
            int count = 1 + inputs.nextInt(100);
            long total = count + inputs.nextLong(run % 10 == 0 ? 2_000 : 10_000_000);
            RandomBounds bounds = RandomBounds.of(5 + inputs.nextInt(16), 25 + inputs.nextInt(26));
            long[] shares = GiftDistribution.random(total, count, bounds, new Random(run));
            String input = "total=" + total + " count=" + count + " " + bounds + " seed=" + run;

            assertThat(shares).as(input).hasSize(count);
            assertThat(Arrays.stream(shares).sum()).as(input).isEqualTo(total);
            double average = (double) total / count;
            long lowest = (long) Math.floor(average * (100 - bounds.maxPercentage()) / 100);
            long highest = (long) Math.ceil(average * (100 + bounds.maxPercentage()) / 100);
            long minDeviation = Math.min((bounds.minPercentage() * total + 100L * count - 1) / (100L * count),
                    bounds.maxPercentage() * total / (100L * count));
            int closeToAverage = 0;
            for (long share : shares) {
                assertThat(share).as(input).isGreaterThanOrEqualTo(1).isBetween(lowest, highest);
                if (Math.abs(share - average) < minDeviation - 1) {
                    closeToAverage++;
                }
            }
            assertThat(closeToAverage).as("only the unpaired share of an odd count may sit at the average: " + input)
                    .isLessThanOrEqualTo(count % 2);
        }
    }

    @Test
    void randomSharesAreShuffledSoNoPositionIsFavoured() {
        long[] sums = new long[10];
        Random rng = new Random(7);
        int gifts = 20_000;
        for (int i = 0; i < gifts; i++) {
            long[] shares = GiftDistribution.random(10_000, 10, RandomBounds.DEFAULT, rng);
            for (int p = 0; p < 10; p++) {
                sums[p] += shares[p];
            }
        }
        for (long sum : sums) {
            assertThat((double) sum / gifts).as("mean share per position").isBetween(990.0, 1010.0);
        }
    }

    @Test
    void equalSharesFollowTheSpecWithTheRoundingDifferenceOnTheFirst() {
        SplittableRandom inputs = new SplittableRandom(42);
        for (int run = 0; run < RUNS; run++) {
            int count = 1 + inputs.nextInt(100);
            long total = (long) count * count + inputs.nextLong(10_000_000);
            long[] shares = GiftDistribution.equal(total, count);
            String input = "total=" + total + " count=" + count;

            long base = Math.round((double) total / count);
            assertThat(Arrays.stream(shares).sum()).as(input).isEqualTo(total);
            assertThat(Arrays.stream(shares).skip(1)).as(input).allMatch(s -> s == base);
            assertThat(shares[0]).as(input).isEqualTo(base + total - base * count).isGreaterThanOrEqualTo(1);
        }
        assertThat(GiftDistribution.equal(10_000, 3)).containsExactly(3_334, 3_333, 3_333);
        assertThat(GiftDistribution.equal(200, 3)).containsExactly(66, 67, 67);
    }

    @Test
    void totalsThatCannotGiveEveryShareAMinorUnitAreRefused() {
        assertThatThrownBy(() -> GiftDistribution.random(9, 10, RandomBounds.DEFAULT, new Random(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GiftDistribution.equal(9, 10)).isInstanceOf(IllegalArgumentException.class);
        // 1.50 in 100: base rounds to 0.02 and the difference (-0.50) would leave the first share negative
        assertThatThrownBy(() -> GiftDistribution.equal(150, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThat(GiftDistribution.random(10, 10, RandomBounds.DEFAULT, new Random(1))).containsOnly(1L);
        assertThatThrownBy(() -> RandomBounds.of(4, 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RandomBounds.of(10, 51)).isInstanceOf(IllegalArgumentException.class);
    }
}
