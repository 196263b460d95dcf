package dev.tmcp.appstore;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.tmcp.core.id.Ids;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Developer and service tokens for appstore-service's tests, signed by a test key that a local JWKS
 * endpoint publishes ({@code tmcp.tep.jwks-uri}), so the production TepVerifier checks them.
 */
public final class TestDevelopers {

    public static final String ISSUER = "https://issuer.test";
    public static final RSAKey KEY = key();
    private static final HttpServer JWKS = jwks();

    private TestDevelopers() {
    }

    public static String jwksUri() {
        return "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks";
    }

    public static String developerToken(String developer, List<Map<String, Object>> orgs, List<String> permissions,
            String session) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(KEY.getKeyID()).build(), new JWTClaimsSet.Builder().issuer(ISSUER)
                .subject(developer).audience("tmcp_developer_api").issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600))).jwtID(Ids.next("dev-token-"))
                .claim("token_type", "developer_token").claim("developer_id", developer).claim("roles", List.of("developer"))
                .claim("organizations", orgs).claim("permissions", permissions).claim("session_id", session).build());
        jwt.sign(new RSASSASigner(KEY));
        return "Bearer dev." + jwt.serialize();
    }

    /** An admin of {@code org}, with every developer permission. */
    public static String admin(String developer, String org) throws Exception {
        return developerToken(developer, List.of(Map.of("org_id", org, "name", org, "role", "admin")),
                List.of("miniapp:register", "miniapp:manage", "webhook:configure", "miniapp:read"), Ids.next("dses_"));
    }

    public static String serviceToken() throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).subject("auth-service").audience("tmcp-services")
                        .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                        .claim("token_type", "service_token").build());
        jwt.sign(new RSASSASigner(KEY));
        return "Bearer svc." + jwt.serialize();
    }

    private static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).keyID("it-key").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.setExecutor(null);
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
