package dev.tmcp.payment.gift;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Gift settings ({@code tmcp.payment.gift.*}). The random bounds are percentages of the average
 * share within the ranges of spec 7.5.5 (decision 0021).
 */
@ConfigurationProperties("tmcp.payment.gift")
record GiftProperties(
        @DefaultValue("10") int minPercentage,
        @DefaultValue("30") int maxPercentage,
        @DefaultValue("100") int maxCount,
        @DefaultValue("24h") Duration defaultExpiry,
        @DefaultValue("7d") Duration maxExpiry,
        @DefaultValue("30s") Duration expiryInterval,
        @DefaultValue("30s") Duration repairAfter,
        // far longer than a create request can take, so a live one is never cancelled under it
        @DefaultValue("5m") Duration abandonedAfter,
        @DefaultValue("true") boolean jobsEnabled) {

    GiftProperties {
        RandomBounds.of(minPercentage, maxPercentage);
        if (maxCount < 1 || maxCount > 100) {
            throw new IllegalArgumentException("tmcp.payment.gift.max-count must be 1..100");
        }
        if (abandonedAfter.toSeconds() < 10) {
            throw new IllegalArgumentException("tmcp.payment.gift.abandoned-after must be at least 10s, above a create's wallet timeout");
        }
        if (maxExpiry.compareTo(defaultExpiry) < 0 || defaultExpiry.toSeconds() < 60) {
            throw new IllegalArgumentException("tmcp.payment.gift: need 60s <= default-expiry <= max-expiry");
        }
    }

    RandomBounds randomBounds() {
        return RandomBounds.of(minPercentage, maxPercentage);
    }
}
