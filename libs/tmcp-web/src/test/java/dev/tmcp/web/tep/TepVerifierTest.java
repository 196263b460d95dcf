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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The verifier every service and the gateway rely on, against a real JWKS endpoint over HTTP. */
class TepVerifierTest {

    private static final String ISSUER = "https://tmcp.test";
    private static RSAKey key;
    private static RSAKey otherKey;
    private static HttpServer jwks;
    private static TepVerifier verifier;

    @BeforeAll
    static void publishKeys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        verifier = new TepVerifier(new TepProperties("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks", ISSUER));
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    @Test
    void acceptsAWellFormedTepAndExposesItsClaims() {
        StepVerifier.create(verifier.verifyTep("Bearer tep." + tep(key, c -> c)))
                .assertNext(p -> {
                    assertThat(p.userId().value()).isEqualTo("@alice:tween.example");
                    assertThat(p.clientId()).isEqualTo("ma_shop");
                    assertThat(p.scopes()).containsExactlyInAnyOrder("wallet:pay", "user:read");
                    assertThat(p.walletId()).isEqualTo("tw_1");
                    assertThat(p.miniappContext()).containsEntry("room_id", "!r:tween.example");
                })
                .verifyComplete();
    }

    @Test
    void refusesExpiredForgedMisissuedAndInconsistentTokens() {
        Instant past = Instant.now().minusSeconds(7200);
        assertInvalid("Bearer tep." + tep(key, c -> c.issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(60)))));
        assertInvalid("Bearer tep." + tep(otherKey, c -> c));
        assertInvalid("Bearer tep." + tep(key, c -> c.issuer("https://evil.test")));
        assertInvalid("Bearer tep." + tep(key, c -> c.claim("azp", "ma_other")));
        assertInvalid("Bearer tep." + tep(key, c -> c.claim("token_type", "access_token")));
        assertInvalid("Bearer tep." + tep(key, c -> c.subject("alice")));
        assertInvalid("Bearer " + tep(key, c -> c));
        assertInvalid("Bearer tep.not-a-jwt");
        assertInvalid(null);
    }

    @Test
    void serviceTokensAreNotUserTokensAndViceVersa() {
        String service = tep(key, c -> c.subject("auth-service").claim("token_type", TokenTypes.SERVICE));
        StepVerifier.create(verifier.verifyService("Bearer svc." + service))
                .assertNext(caller -> assertThat(caller.service()).isEqualTo("auth-service"))
                .verifyComplete();
        assertInvalid("Bearer tep." + service);
        StepVerifier.create(verifier.verifyService("Bearer svc." + tep(key, c -> c)))
                .expectErrorSatisfies(e -> assertThat(((TmcpException) e).code()).isEqualTo(ErrorCode.INVALID_TOKEN))
                .verify();
    }

    @Test
    void anUnreachableJwksIsAnOutageNotABadToken() {
        TepVerifier orphan = new TepVerifier(new TepProperties("http://127.0.0.1:1/jwks", ISSUER));
        StepVerifier.create(orphan.verifyTep("Bearer tep." + tep(key, c -> c)))
                .expectErrorSatisfies(e -> assertThat(((TmcpException) e).code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE))
                .verify();
    }

    @Test
    void missingScopeIsAForbiddenNotAnUnauthorized() {
        TepPrincipal principal = verifier.verifyTep("Bearer tep." + tep(key, c -> c)).block();
        assertThat(principal).isNotNull();
        TmcpException error = org.junit.jupiter.api.Assertions.assertThrows(TmcpException.class,
                () -> principal.requireScope("storage:write"));
        assertThat(error.code()).isEqualTo(ErrorCode.INSUFFICIENT_PERMISSIONS);
        assertThat(error.code().httpStatus()).isEqualTo(403);
    }

    @Test
    void aTepPresentedAgainIsNotVerifiedAgainButIsStillCheckedForRevocation() {
        java.util.concurrent.atomic.AtomicInteger signatureChecks = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean revoked = new java.util.concurrent.atomic.AtomicBoolean();
        TepProperties properties = new TepProperties("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks", ISSUER);
        JwksKeys counting = new JwksKeys(properties) {
            @Override
            public reactor.core.publisher.Flux<com.nimbusds.jose.jwk.JWK> keysFor(SignedJWT jwt) {
                signatureChecks.incrementAndGet();
                return super.keysFor(jwt);
            }
        };
        SessionRevocations revocations = new SessionRevocations(null) {
            @Override
            public reactor.core.publisher.Mono<Void> requireLive(String sessionId) {
                return revoked.get() ? reactor.core.publisher.Mono.error(TepVerifier.invalid("Session revoked"))
                        : reactor.core.publisher.Mono.empty();
            }
        };
        TepVerifier caching = new TepVerifier(counting, ISSUER, revocations,
                new VerifiedTokens<>(10, java.time.Duration.ofMinutes(5), java.time.Clock.systemUTC()));
        String authorization = "Bearer tep." + tep(key, c -> c);

        StepVerifier.create(caching.verifyTep(authorization)).expectNextCount(1).verifyComplete();
        StepVerifier.create(caching.verifyTep(authorization)).expectNextCount(1).verifyComplete();
        revoked.set(true);

        StepVerifier.create(caching.verifyTep(authorization))
                .expectErrorSatisfies(e -> assertThat(((TmcpException) e).code()).isEqualTo(ErrorCode.INVALID_TOKEN))
                .verify();
        assertThat(signatureChecks).hasValue(1);
    }

    private static void assertInvalid(String authorization) {
        StepVerifier.create(verifier.verifyTep(authorization))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(TmcpException.class,
                        t -> assertThat(t.code()).isEqualTo(ErrorCode.INVALID_TOKEN)))
                .verify();
    }

    private static String tep(RSAKey signingKey, UnaryOperator<JWTClaimsSet.Builder> customize) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject("@alice:tween.example").audience("ma_shop")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID("jti_1").claim("token_type", TokenTypes.TEP).claim("client_id", "ma_shop").claim("azp", "ma_shop")
                .claim("scope", "user:read wallet:pay").claim("wallet_id", "tw_1").claim("session_id", "ses_1")
                .claim("miniapp_context", Map.of("room_id", "!r:tween.example"));
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                    customize.apply(claims).build());
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
