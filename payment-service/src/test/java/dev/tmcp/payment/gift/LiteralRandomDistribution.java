package dev.tmcp.payment.gift;

import java.util.random.RandomGenerator;

/**
 * Spec 7.5.5's random algorithm taken literally, kept only to measure it against ours
 * (decision 0021): the first {@code count - 1} shares between 10% and 30% of the average, the last
 * gets whatever remains, then shuffled.
 */
final class LiteralRandomDistribution {

    private LiteralRandomDistribution() {
    }

    static long[] shares(long total, int count, RandomGenerator rng) {
        long[] shares = new long[count];
        long left = total;
        for (int i = 0; i < count - 1; i++) {
            double average = (double) total / count;
            shares[i] = Math.round(average * (0.10 + 0.20 * rng.nextDouble()));
            left -= shares[i];
        }
        shares[count - 1] = left;
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            long swap = shares[i];
            shares[i] = shares[j];
            shares[j] = swap;
        }
        return shares;
    }
}
