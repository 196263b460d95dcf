package dev.tmcp.web.tep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens this process has verified, by the token itself: a token presented again costs a map
 * lookup instead of a JWT parse and an RSA check. An entry is trusted until the token expires, and
 * never longer than the signing keys are cached ({@link TepProperties#jwksCacheLifetime()}), so a
 * key withdrawn from the JWKS stops being honoured here as soon as it would in the key cache. Only
 * what the token itself proves is cached: revocation is checked on every request by the caller.
 * When full of live entries it caches nothing more (the tokens are verified in full instead).
 */
final class VerifiedTokens<T> {

    private record Entry<T>(T value, Instant until) {
    }

    private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private final Duration lifetime;
    private final Clock clock;
    private volatile Instant nextSweep = Instant.MIN;

    VerifiedTokens(int capacity, Duration lifetime, Clock clock) {
        this.capacity = capacity;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** What the token was verified as, or null when it was not, or is no longer to be trusted. */
    T get(String token) {
        Entry<T> entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.until())) {
            entries.remove(token, entry);
            return null;
        }
        return entry.value();
    }

    void put(String token, T value, Instant expiresAt) {
        Instant now = clock.instant();
        Instant until = now.plus(lifetime);
        if (expiresAt != null && expiresAt.isBefore(until)) {
            until = expiresAt;
        }
        if (!now.isBefore(until)) {
            return;
        }
        if (entries.size() >= capacity) {
            // A full map is swept at most once a second: a flood of new tokens must not scan it per request.
            if (now.isBefore(nextSweep)) {
                return;
            }
            nextSweep = now.plusSeconds(1);
            entries.values().removeIf(e -> !now.isBefore(e.until()));
            if (entries.size() >= capacity) {
                return;
            }
        }
        entries.put(token, new Entry<>(value, until));
    }

    int size() {
        return entries.size();
    }
}
