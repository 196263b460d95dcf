package dev.tmcp.payment.gift;

/**
 * How far a random share may lie from the average, in percent of the average: at least
 * {@code minPercentage} (5..20) and at most {@code maxPercentage} (25..50), the configuration
 * ranges of spec 7.5.5.
 */
record RandomBounds(int minPercentage, int maxPercentage) {

    static final RandomBounds DEFAULT = new RandomBounds(10, 30);

    RandomBounds {
        if (minPercentage < 5 || minPercentage > 20) {
            throw new IllegalArgumentException("min_percentage must be 5..20, was " + minPercentage);
        }
        if (maxPercentage < 25 || maxPercentage > 50) {
            throw new IllegalArgumentException("max_percentage must be 25..50, was " + maxPercentage);
        }
    }

    static RandomBounds of(int minPercentage, int maxPercentage) {
        return new RandomBounds(minPercentage, maxPercentage);
    }
}
