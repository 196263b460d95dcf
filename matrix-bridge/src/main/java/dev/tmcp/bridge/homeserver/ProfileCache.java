package dev.tmcp.bridge.homeserver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Display names and avatars, cached for a short time (default 60 s) per bridge instance, so a
 * burst of look-ups for the same users costs one homeserver call. A user without a profile is
 * cached as such; homeserver errors are not cached. Bounded: when full, expired entries go first,
 * then everything (a cache, never a source of truth).
 */
@Component
public class ProfileCache {

    private static final int MAX_ENTRIES = 10_000;

    private final MatrixApi api;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    ProfileCache(MatrixApi api, @Value("${tmcp.bridge.profile-cache-ttl:60s}") Duration ttl) {
        this.api = api;
        this.ttl = ttl;
        this.clock = Clock.systemUTC();
    }

    public Mono<MatrixApi.Profile> profile(String userId) {
        Entry cached = entries.get(userId);
        Instant now = clock.instant();
        if (cached != null && cached.expiresAt().isAfter(now)) {
            return Mono.just(cached.profile());
        }
        return api.profile(userId)
                .onErrorResume(e -> e instanceof MatrixApi.MatrixError m && m.status().value() == 404,
                        e -> Mono.just(new MatrixApi.Profile(null, null)))
                .doOnNext(profile -> put(userId, profile));
    }

    private void put(String userId, MatrixApi.Profile profile) {
        if (entries.size() >= MAX_ENTRIES) {
            Instant now = clock.instant();
            entries.values().removeIf(e -> !e.expiresAt().isAfter(now));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(userId, new Entry(profile, clock.instant().plus(ttl)));
    }

    private record Entry(MatrixApi.Profile profile, Instant expiresAt) {
    }
}
