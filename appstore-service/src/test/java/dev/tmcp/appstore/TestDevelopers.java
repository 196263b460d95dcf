package dev.tmcp.appstore;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tmcp.core.id.Ids;
import dev.tmcp.test.TestTeps;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Developer and service tokens for appstore-service's tests, signed by the test key of a
 * {@link TestTeps} whose local JWKS endpoint is {@code tmcp.tep.jwks-uri}, so the production
 * TepVerifier checks them.
 */
public final class TestDevelopers {

    public static final String ISSUER = "https://issuer.test";
    private static final TestTeps KEYS = new TestTeps(ISSUER);

    private TestDevelopers() {
    }

    /**
     * What an appstore IT runs against: the stack's PostgreSQL and Kafka, this class's JWKS, and a
     * webhook-secret key of its own ({@code keyLetter} keeps the ITs' keys apart).
     */
    public static void infrastructure(org.springframework.test.context.DynamicPropertyRegistry registry, char keyLetter) {
        dev.tmcp.test.TestInfrastructure.database(registry);
        dev.tmcp.test.TestInfrastructure.kafka(registry);
        registry.add("tmcp.tep.jwks-uri", TestDevelopers::jwksUri);
        registry.add("tmcp.appstore.registration.secret-key",
                () -> java.util.Base64.getEncoder().encodeToString(new byte[32]).replace('A', keyLetter));
    }

    /** A client of the service under test. */
    public static org.springframework.test.web.reactive.server.WebTestClient client(int port) {
        return org.springframework.test.web.reactive.server.WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(20)).build();
    }

    public static String jwksUri() {
        return KEYS.jwksUri();
    }

    public static String developerToken(String developer, List<Map<String, Object>> orgs, List<String> permissions,
            String session) {
        Instant now = Instant.now();
        return "Bearer dev." + KEYS.sign(new JWTClaimsSet.Builder().issuer(ISSUER).subject(developer).audience("tmcp_developer_api")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .jwtID(Ids.next("dev-token-")).claim("token_type", "developer_token").claim("developer_id", developer)
                .claim("roles", List.of("developer")).claim("organizations", orgs).claim("permissions", permissions)
                .claim("session_id", session).build());
    }

    /** An admin of {@code org}, with every developer permission. */
    public static String admin(String developer, String org) {
        return developerToken(developer, List.of(Map.of("org_id", org, "name", org, "role", "admin")),
                List.of("miniapp:register", "miniapp:manage", "webhook:configure", "miniapp:read"), Ids.next("dses_"));
    }

    /** A user's TEP in mini-app {@code clientId}, signed by the same key. */
    public static String tep(String userId, String clientId, String scopes) {
        return "Bearer " + KEYS.tep(userId, clientId, scopes);
    }

    public static String serviceToken() {
        Instant now = Instant.now();
        return "Bearer svc." + KEYS.sign(new JWTClaimsSet.Builder().issuer(ISSUER).subject("auth-service").audience("tmcp-services")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("token_type", "service_token").build());
    }
}
