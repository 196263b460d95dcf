package dev.tmcp.web.tep;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.netty.channel.ChannelOption;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * auth-service's signing keys, fetched over a client of their own (connect and response timeouts)
 * and cached. The cache is refreshed when its lifetime has passed, and on a {@code kid} it does not
 * know, but at most once per refetch cooldown: a flood of tokens naming random {@code kid}s costs
 * at most one fetch per cooldown, and concurrent misses share the one fetch in flight. An expired
 * cache is refreshed in the background while the known keys keep answering, so TEPs keep
 * verifying while auth-service is down.
 */
public class JwksKeys {

    /** The keys could not be fetched (auth-service unreachable, slow, or answering garbage). */
    public static final class UnavailableException extends RuntimeException {
        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(JwksKeys.class);
    private static final Duration NO_KEYS_RETRY = Duration.ofSeconds(1);

    private record Snapshot(JWKSet keys, Instant fetchedAt) {
    }

    private final WebClient http;
    private final Duration lifetime;
    private final Duration cooldown;
    private final Clock clock;
    private final AtomicLong fetches = new AtomicLong();

    private Snapshot snapshot;
    private Instant lastAttempt;
    private CompletableFuture<Snapshot> inFlight;

    public JwksKeys(TepProperties properties) {
        this(properties, Clock.systemUTC());
    }

    JwksKeys(TepProperties properties, Clock clock) {
        // A fresh connection per fetch: fetches are minutes apart, and a pooled connection the server
        // has closed meanwhile would fail the refresh.
        HttpClient client = HttpClient.create(ConnectionProvider.newConnection())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.jwksConnectTimeout().toMillis())
                .responseTimeout(properties.jwksResponseTimeout());
        this.http = WebClient.builder()
                .baseUrl(properties.jwksUri())
                .clientConnector(new ReactorClientHttpConnector(client))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(256 * 1024))
                .build();
        this.lifetime = properties.jwksCacheLifetime();
        this.cooldown = properties.jwksRefetchCooldown();
        this.clock = clock;
    }

    /** The keys that may have signed this token (empty: no such key, even after a permitted refetch). */
    public Flux<JWK> keysFor(SignedJWT jwt) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
        return Mono.defer(() -> current(selector)).flatMapIterable(keys -> keys);
    }

    /** How many fetches were started: for metrics and tests. */
    public long fetchCount() {
        return fetches.get();
    }

    private Mono<List<JWK>> current(JWKSelector selector) {
        Instant now = clock.instant();
        Snapshot known;
        boolean missing;
        CompletableFuture<Snapshot> refresh = null;
        synchronized (this) {
            known = snapshot;
            missing = known == null || selector.select(known.keys()).isEmpty();
            boolean stale = known != null && !now.isBefore(known.fetchedAt().plus(lifetime));
            if (missing) {
                refresh = inFlight != null ? inFlight : mayFetch(now) ? startFetch(now) : null;
            } else if (stale && inFlight == null && mayFetch(now)) {
                // Refreshed in the background; the known keys answer meanwhile (and if it fails).
                startFetch(now);
            }
        }
        if (!missing) {
            return Mono.just(selector.select(known.keys()));
        }
        if (refresh == null) {
            return known == null
                    ? Mono.error(new UnavailableException("JWKS not fetched yet", null))
                    : Mono.just(List.of());
        }
        return Mono.fromFuture(refresh, true).map(fresh -> selector.select(fresh.keys()));
    }

    /** At most one fetch per cooldown; while no keys are known at all, one a second. */
    private boolean mayFetch(Instant now) {
        Duration wait = snapshot == null && cooldown.compareTo(NO_KEYS_RETRY) > 0 ? NO_KEYS_RETRY : cooldown;
        return lastAttempt == null || !now.isBefore(lastAttempt.plus(wait));
    }

    private CompletableFuture<Snapshot> startFetch(Instant now) {
        lastAttempt = now;
        fetches.incrementAndGet();
        // Callers wait on the future that has already stored the result, so none sees stale state.
        CompletableFuture<Snapshot> fetch = http.get()
                .retrieve()
                .bodyToMono(String.class)
                .map(body -> new Snapshot(parse(body), clock.instant()))
                .onErrorMap(e -> !(e instanceof UnavailableException),
                        e -> new UnavailableException("JWKS cannot be fetched", e))
                .switchIfEmpty(Mono.error(() -> new UnavailableException("JWKS answer is empty", null)))
                .toFuture()
                .whenComplete((fresh, error) -> {
                    if (error != null) {
                        log.warn("JWKS fetch failed: {}", error.toString());
                    }
                    synchronized (this) {
                        if (fresh != null) {
                            snapshot = fresh;
                        }
                        inFlight = null;
                    }
                });
        // Runs under this object's lock: the callback above, unless it already ran, clears it later.
        inFlight = fetch.isDone() ? null : fetch;
        return fetch;
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new UnavailableException("JWKS answer is not a JWK set", e);
        }
    }
}
