package dev.tmcp.web.tep;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.test.MovableClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The JWKS client against a real JWKS endpoint that counts its requests, with a clock the test
 * moves: unknown {@code kid}s cannot make the verifier hammer auth-service, and rotations still land.
 */
class JwksKeysTest {

    private static final String ISSUER = "https://tmcp.test";
    private static final Duration COOLDOWN = Duration.ofSeconds(30);

    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<String> published = new AtomicReference<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));
    /** Only the JWKS cache reads this clock; token expiry is checked against the real one. */
    private final MovableClock clock = new MovableClock();
    private HttpServer server;
    private RSAKey k1;
    private TepVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        k1 = new RSAKeyGenerator(2048).keyID("k1").generate();
        publish(k1);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            try {
                gate.get().await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(failing.get() ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        TepProperties properties = new TepProperties("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks",
                ISSUER, Duration.ofMinutes(5), COOLDOWN, Duration.ofSeconds(2), Duration.ofSeconds(5));
        verifier = new TepVerifier(new JwksKeys(properties, clock), ISSUER, null, new VerifiedTokens<>(0, Duration.ZERO, clock));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aThousandTokensWithRandomKidsCostAtMostOneRefetchPerCooldown() throws Exception {
        assertThat(verify(token(k1))).isNull();
        clock.advance(COOLDOWN.plusSeconds(1));
        RSAKey attacker = new RSAKeyGenerator(2048).keyID("attacker").generate();
        List<String> flood = Flux.range(0, 1000).map(i -> token(attacker, UUID.randomUUID().toString())).collectList().block();

        List<ErrorCode> outcomes = Flux.fromIterable(flood)
                .flatMap(t -> verifier.verifyTep("Bearer " + t).map(p -> ErrorCode.INTERNAL_ERROR)
                        .onErrorResume(TmcpException.class, e -> Mono.just(e.code())), 64)
                .collectList().block();

        assertThat(outcomes).hasSize(1000).containsOnly(ErrorCode.INVALID_TOKEN);
        assertThat(fetches.get()).as("the first fetch and at most one refetch").isLessThanOrEqualTo(2);
        assertThat(verifier.jwksFetchCount()).isEqualTo(fetches.get());
    }

    @Test
    void concurrentMissesShareTheOneFetchInFlight() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        gate.set(release);
        String token = token(k1);
        var all = Flux.range(0, 50).flatMap(i -> verifier.verifyTep("Bearer " + token)).collectList().toFuture();
        release.countDown();

        assertThat(all.get(15, TimeUnit.SECONDS)).hasSize(50);
        assertThat(fetches.get()).isEqualTo(1);
    }

    @Test
    void aRotatedKeyIsPickedUpOnceTheCooldownHasPassed() throws Exception {
        assertThat(verify(token(k1))).isNull();
        RSAKey k2 = new RSAKeyGenerator(2048).keyID("k2").generate();
        publish(k1, k2);
        String rotated = token(k2);
        clock.advance(COOLDOWN.minusSeconds(1));
        assertThat(verify(rotated)).as("within the cooldown the new kid is not fetched").isEqualTo(ErrorCode.INVALID_TOKEN);

        clock.advance(Duration.ofSeconds(2));

        assertThat(verify(rotated)).isNull();
        assertThat(verify(token(k1))).as("the retired key still verifies").isNull();
        assertThat(verifier.jwksFetchCount()).isEqualTo(2);
    }

    @Test
    void expiredCacheIsRefreshedButAFailedRefreshKeepsTheKnownKeys() throws Exception {
        assertThat(verify(token(k1))).isNull();
        failing.set(true);
        clock.advance(Duration.ofMinutes(6));

        assertThat(verify(token(k1))).as("auth-service down: the cached key still verifies").isNull();
        assertThat(verifier.jwksFetchCount()).as("the expired cache was refreshed").isEqualTo(2);
    }

    private ErrorCode verify(String token) {
        try {
            verifier.verifyTep("Bearer " + token).block();
            return null;
        } catch (TmcpException e) {
            return e.code();
        }
    }

    private void publish(RSAKey... keys) {
        published.set(new JWKSet(java.util.Arrays.stream(keys).map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK())
                .toList()).toString());
    }

    private static String token(RSAKey key) {
        return token(key, key.getKeyID());
    }

    private static String token(RSAKey key, String kid) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject("@alice:tween.example").audience("ma_shop")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("token_type", TokenTypes.TEP).claim("client_id", "ma_shop").claim("azp", "ma_shop")
                .claim("scope", "user:read").claim("session_id", "ses_1").claim("miniapp_context", Map.of())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return "tep." + jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
