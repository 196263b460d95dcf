package dev.tmcp.payment.gift;

import java.util.random.RandomGenerator;

/**
 * The shares of a gift (spec 7.5.5) in minor units, drawn once at creation in the order openers
 * will take them. Every share is at least one minor unit and the shares add up to the total exactly.
 */
final class GiftDistribution {

    private GiftDistribution() {
    }

    /**
     * 7.5.5 as written: {@code base = round(total / count)}, the rounding difference on the first
     * entry, no shuffle (the first opener gets the adjusted share).
     *
     * @throws IllegalArgumentException when the difference would leave the first share below one
     *         minor unit (tiny totals over many shares, e.g. 1.50 in 100 shares)
     */
    static long[] equal(long total, int count) {
        requireSplittable(total, count);
        long base = (2 * total + count) / (2L * count); // round half up
        long[] shares = new long[count];
        java.util.Arrays.fill(shares, base);
        shares[0] += total - base * count;
        if (shares[0] < 1) {
            throw new IllegalArgumentException("an equal split rounds the first share to zero; raise the total or lower the count");
        }
        return shares;
    }

    /**
     * Decision 0021: shares start at the exact equal split; a random perfect matching pairs them
     * and each pair moves a random amount between {@code min%} and {@code max%} of the average from
     * one to the other. So every share lies within {@code max%} of the average (one minor unit of
     * rounding aside), all but the unpaired one of an odd count differ from it by at least
     * {@code min%}, the sum never changes, and the result is shuffled.
     */
    static long[] random(long total, int count, RandomBounds bounds, RandomGenerator rng) {
        requireSplittable(total, count);
        long q = total / count;
        long r = total % count;
        long[] shares = new long[count];
        for (int i = 0; i < count; i++) {
            shares[i] = q + (i < r ? 1 : 0);
        }
        // floor(max% * avg) and ceil(min% * avg), in exact integers (total <= 10^13, no overflow)
        long tMax = bounds.maxPercentage() * total / (100L * count);
        long tMin = Math.min(tMax, (bounds.minPercentage() * total + 100L * count - 1) / (100L * count));
        int[] order = shuffledIndices(count, rng);
        for (int k = 0; k + 1 < count; k += 2) {
            long t = tMin + rng.nextLong(tMax - tMin + 1);
            shares[order[k]] += t;
            shares[order[k + 1]] -= t;
        }
        shuffle(shares, rng);
        return shares;
    }

    private static void requireSplittable(long total, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        if (total < count) {
            throw new IllegalArgumentException("the total must give every share at least one minor unit");
        }
    }

    private static int[] shuffledIndices(int count, RandomGenerator rng) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static void shuffle(long[] values, RandomGenerator rng) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            long swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
