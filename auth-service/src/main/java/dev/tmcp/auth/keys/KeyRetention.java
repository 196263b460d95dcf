package dev.tmcp.auth.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * How long a retired signing key stays in the JWKS: until every token it could have signed has
 * expired — the longest token lifetime after it stopped signing, plus the verifiers' clock skew.
 * Any number of rotations in that window keeps every live token verifiable.
 */
final class KeyRetention {

    /** The skew verifiers allow on {@code exp} (Spring Security's default). */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final Duration window;

    private KeyRetention(Duration window) {
        this.window = window;
    }

    /** A retention covering tokens of each of these lifetimes. */
    static KeyRetention covering(Duration... tokenLifetimes) {
        Duration longest = Arrays.stream(tokenLifetimes).max(Duration::compareTo).orElse(Duration.ZERO);
        return new KeyRetention(longest.plus(CLOCK_SKEW));
    }

    /** Keys retired after this instant are still published at {@code now}. */
    Instant cutoff(Instant now) {
        return now.minus(window);
    }

    /** Whether a key is published at {@code now}: the active one, or one retired within the window. */
    boolean published(boolean active, Instant retiredAt, Instant now) {
        return active || (retiredAt != null && retiredAt.isAfter(cutoff(now)));
    }
}
