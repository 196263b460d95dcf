package dev.tmcp.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Plays auth-service for a service under test: an RSA key published as a JWKS on a loopback port,
 * and TEPs (or any other token) signed with it. The service verifies them with the shared
 * TepVerifier, exactly as it verifies auth-service's, which lets a test choose the user, the
 * mini-app and its scopes without the stack's auth-service.
 */
public final class TestTeps implements AutoCloseable {

    public static final String ISSUER = "http://it.tmcp.local";

    private final String issuer;
    private final RSAKey key;
    private final HttpServer server;

    public TestTeps() {
        this(ISSUER);
    }

    public TestTeps(String issuer) {
        this.issuer = issuer;
        try {
            key = new RSAKeyGenerator(2048).keyID("it-" + UUID.randomUUID()).generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
    }

    /** The value for {@code tmcp.tep.jwks-uri}. */
    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** The value for {@code tmcp.tep.issuer}. */
    public String issuer() {
        return issuer;
    }

    /** The claims of a 10-minute TEP of {@code userId} in mini-app {@code clientId}, to add to or sign as they are. */
    public JWTClaimsSet.Builder tepClaims(String userId, String clientId, String scopes) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).subject(userId).audience(clientId)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString()).claim("token_type", "tep_access_token").claim("client_id", clientId)
                .claim("azp", clientId).claim("scope", scopes).claim("wallet_id", "tw_it")
                .claim("session_id", "ses_" + UUID.randomUUID());
    }

    /** A TEP for {@code userId} in mini-app {@code clientId} with these space-separated scopes. */
    public String tep(String userId, String clientId, String scopes) {
        return "tep." + sign(tepClaims(userId, clientId, scopes).build());
    }

    /** The compact RS256 JWS of {@code claims} under this key (without the suite's {@code tep.}/{@code svc.} prefix). */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
