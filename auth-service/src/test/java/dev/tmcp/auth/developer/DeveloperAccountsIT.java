package dev.tmcp.auth.developer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tmcp.auth.oauth.TokenSigner;
import dev.tmcp.core.id.Ids;
import dev.tmcp.test.StackEnv;
import dev.tmcp.test.TestInfrastructure;
import dev.tmcp.web.error.OAuthError;
import dev.tmcp.web.tep.DeveloperPrincipal;
import dev.tmcp.web.tep.TepVerifier;
import dev.tmcp.web.tep.TokenTypes;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Developer accounts on real PostgreSQL, Redis, Kafka and Keycloak: the whitelist's platform-only
 * door, developer tokens from a real Keycloak login, claims of 4.4.2, refresh rotation with family
 * revocation, logout, organizations and their RBAC, and removal from the whitelist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "spring.kafka.listener.auto-startup=false")
class DeveloperAccountsIT {

    static final int PORT = freePort();
    static final String BASE = "http://127.0.0.1:" + PORT;
    static final String REDIRECT = BASE + "/console/callback";
    /** A console client of this test's own: the stack's console client keeps its redirect URIs. */
    static final String CONSOLE_CLIENT = "tmcp-developer-console-it-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    static final String KC = StackEnv.get("KEYCLOAK_URL");
    static final String REALM = StackEnv.get("KEYCLOAK_REALM");
    static final String SERVER = StackEnv.get("SYNAPSE_SERVER_NAME");
    static final String CONSOLE_ID = StackEnv.get("TMCP_CONSOLE_CLIENT_ID");
    static final String CONSOLE_SECRET = StackEnv.get("TMCP_CONSOLE_CLIENT_SECRET");
    static final String PASSWORD = "pw-" + UUID.randomUUID();
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String ALICE = "devalice" + SUFFIX;
    static final String BOB = "devbob" + SUFFIX;
    static final String CAROL = "devcarol" + SUFFIX;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Keycloak master;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
        TestInfrastructure.kafka(registry);
        registry.add("server.port", () -> PORT);
        registry.add("tmcp.tep.jwks-uri", () -> BASE + "/.well-known/jwks.json");
        registry.add("tmcp.developer.redirect-uris", () -> REDIRECT);
        registry.add("tmcp.developer.keycloak-client-id", () -> CONSOLE_CLIENT);
    }

    @Autowired
    TepVerifier verifier;
    @Autowired
    TokenSigner signer;
    @Autowired
    DatabaseClient db;
    @Autowired
    ConsoleKeycloakClient console;

    @BeforeAll
    static void users() {
        master = KeycloakBuilder.builder().serverUrl(KC).realm("master").clientId("admin-cli")
                .username(StackEnv.get("KEYCLOAK_ADMIN_USER")).password(StackEnv.get("KEYCLOAK_ADMIN_PASSWORD")).build();
        for (String name : List.of(ALICE, BOB, CAROL)) {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(name);
            user.setEnabled(true);
            user.setEmail(name + "@example.test");
            user.setEmailVerified(true);
            user.setFirstName(name);
            user.setLastName("Developer");
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType(CredentialRepresentation.PASSWORD);
            password.setValue(PASSWORD);
            password.setTemporary(false);
            user.setCredentials(List.of(password));
            try (var response = master.realm(REALM).users().create(user)) {
                assertThat(response.getStatus()).isEqualTo(201);
            }
        }
    }

    @AfterAll
    static void cleanUp() {
        for (String name : List.of(ALICE, BOB, CAROL)) {
            master.realm(REALM).users().searchByUsername(name, true)
                    .forEach(u -> master.realm(REALM).users().delete(u.getId()).close());
        }
        master.realm(REALM).clients().findByClientId(CONSOLE_CLIENT)
                .forEach(c -> master.realm(REALM).clients().get(c.getId()).remove());
        master.close();
    }

    // --- helpers ---------------------------------------------------------------------------

    record Answer(int status, JsonNode body) {
    }

    static String userId(String username) {
        return "@" + username + ":" + SERVER;
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String platform() {
        return basic(CONSOLE_ID, CONSOLE_SECRET);
    }

    static Answer send(String method, String path, String authorization, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    static Answer json(String method, String path, String authorization, Object body) throws Exception {
        return send(method, path, authorization, "application/json", body == null ? null : JSON.writeValueAsString(body));
    }

    static Answer form(String path, String authorization, Map<String, String> fields) throws Exception {
        StringBuilder encoded = new StringBuilder();
        fields.forEach((k, v) -> encoded.append(encoded.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send("POST", path, authorization, "application/x-www-form-urlencoded", encoded.toString());
    }

    Answer login(String username) throws Exception {
        console.ensure().block();
        String code = KeycloakLogin.code(KC, REALM, CONSOLE_CLIENT, REDIRECT, username, PASSWORD);
        return form("/oauth2/developer/token", null, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", CONSOLE_ID, "client_secret", CONSOLE_SECRET));
    }

    static String bearer(Answer token) {
        return "Bearer " + token.body().path("access_token").asString();
    }

    static Answer refresh(String refreshToken) throws Exception {
        return form("/oauth2/developer/token", platform(), Map.of("grant_type", "refresh_token",
                "refresh_token", refreshToken));
    }

    static void whitelist(String username) throws Exception {
        assertThat(json("POST", "/admin/developers/whitelist", platform(),
                Map.of("matrix_user_id", userId(username), "note", "IT")).status()).isEqualTo(201);
    }

    /** A correctly signed, unexpired TEP: the developer endpoints must still refuse it. */
    String tep() {
        Instant now = Instant.now();
        String jwt = signer.sign(new JWTClaimsSet.Builder().issuer(StackEnv.find("TMCP_ISSUER").orElse("http://127.0.0.1:8080"))
                .subject(userId(ALICE)).audience("ma_demo").issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600))).jwtID(Ids.next("jti_"))
                .claim("token_type", TokenTypes.TEP).claim("client_id", "ma_demo").claim("azp", "ma_demo")
                .claim("scope", "user:read").claim("session_id", Ids.next("ses_")).build()).block();
        return "Bearer " + TokenTypes.TEP_PREFIX + jwt;
    }

    static void assertOAuthError(Answer answer, int status, String error) {
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(status);
        assertThat(answer.body().path("error").asString()).isEqualTo(error);
        assertThat(answer.body().path("error_description").asString()).isNotBlank();
    }

    // --- tests ------------------------------------------------------------------------------

    @Test
    void whitelistIsPlatformOnly() throws Exception {
        whitelist(CAROL + "x");
        Answer list = json("GET", "/admin/developers/whitelist", platform(), null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("developers").findValuesAsString("matrix_user_id")).contains(userId(CAROL + "x"));

        assertOAuthError(json("GET", "/admin/developers/whitelist", tep(), null), 403, "forbidden_platform_endpoint");
        assertOAuthError(json("POST", "/admin/developers/whitelist", basic("ma_demo_wallet", "whatever"),
                Map.of("matrix_user_id", userId(CAROL))), 403, "forbidden_platform_endpoint");
        assertOAuthError(json("GET", "/admin/developers/whitelist", basic(CONSOLE_ID, "wrong-secret-wrong"), null),
                401, "invalid_client");
        assertOAuthError(json("DELETE", "/admin/developers/" + userId(CAROL + "x"), null, null), 401, "invalid_client");
        assertThat(json("POST", "/admin/developers/whitelist", platform(), Map.of("matrix_user_id", "not-a-user")).status())
                .isEqualTo(400);
        assertThat(json("DELETE", "/admin/developers/" + userId(CAROL + "x"), platform(), null).status()).isEqualTo(200);
        assertThat(json("DELETE", "/admin/developers/" + userId(CAROL + "x"), platform(), null).status()).isEqualTo(404);
    }

    @Test
    void aDeveloperOffTheWhitelistGetsNoToken() throws Exception {
        assertOAuthError(login(CAROL), 403, "developer_not_whitelisted");
    }

    @Test
    void tokenEndpointNeedsTheConsoleCredentialsAndAValidCode() throws Exception {
        assertOAuthError(form("/oauth2/developer/token", null, Map.of("grant_type", "authorization_code", "code", "x",
                "redirect_uri", REDIRECT, "client_id", CONSOLE_ID, "client_secret", "wrong-secret-wrong")), 401, "invalid_client");
        assertOAuthError(form("/oauth2/developer/token", null, Map.of("grant_type", "authorization_code", "code", "x",
                "redirect_uri", REDIRECT, "client_id", "ma_demo_wallet", "client_secret", "x")), 403, "forbidden_platform_endpoint");
        assertOAuthError(form("/oauth2/developer/token", platform(), Map.of("grant_type", "authorization_code",
                "code", "not-a-real-code", "redirect_uri", REDIRECT)), 401, "invalid_grant");
        assertOAuthError(form("/oauth2/developer/token", platform(), Map.of("grant_type", "password")), 400,
                "unsupported_grant_type");
    }

    @Test
    void developerTokenCarriesTheClaimsOfTheSpec() throws Exception {
        whitelist(ALICE);
        Answer token = login(ALICE);
        assertThat(token.status()).as(String.valueOf(token.body())).isEqualTo(200);
        JsonNode body = token.body();
        assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(86400);
        assertThat(body.path("refresh_token").asString()).startsWith("rt_dev_");
        assertThat(body.path("developer_id").asString()).isEqualTo(userId(ALICE));
        assertThat(body.path("roles").toString()).isEqualTo("[\"developer\"]");
        assertThat(body.path("organizations")).hasSize(1);
        assertThat(body.path("organizations").get(0).path("role").asString()).isEqualTo("admin");
        assertThat(body.path("organizations").get(0).path("org_id").asString()).startsWith("org_");

        String access = body.path("access_token").asString();
        assertThat(access).startsWith("dev.");
        SignedJWT jwt = SignedJWT.parse(access.substring(4));
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getClaims().keySet()).containsExactlyInAnyOrder("iss", "sub", "aud", "exp", "iat", "nbf",
                "jti", "token_type", "developer_id", "roles", "organizations", "permissions", "session_id");
        assertThat(claims.getAudience()).containsExactly("tmcp_developer_api");
        assertThat(claims.getStringClaim("token_type")).isEqualTo("developer_token");
        assertThat(claims.getSubject()).isEqualTo(userId(ALICE));
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(24));
        assertThat(claims.getStringListClaim("permissions")).contains("miniapp:register", "miniapp:manage",
                "webhook:configure");

        DeveloperPrincipal principal = verifier.verifyDeveloper("Bearer " + access).block();
        assertThat(principal.developerId().value()).isEqualTo(userId(ALICE));
        assertThat(principal.organizations()).singleElement().satisfies(o -> assertThat(o.role()).isEqualTo("admin"));
        // Never a TEP, whatever the prefix says; a TEP is never a developer token.
        assertThatThrownBy(() -> verifier.verifyTep("Bearer " + access).block()).hasMessageContaining("TEP");
        assertThatThrownBy(() -> verifier.verifyTep("Bearer tep." + access.substring(4)).block())
                .hasMessageContaining("Not a TEP");
        assertThatThrownBy(() -> verifier.verifyDeveloper(tep()).block()).isInstanceOfSatisfying(OAuthError.class,
                e -> assertThat(e.error()).isEqualTo("forbidden_platform_endpoint"));
        assertThatThrownBy(() -> verifier.verifyDeveloper("Bearer dev." + tep().substring(11)).block())
                .isInstanceOfSatisfying(OAuthError.class, e -> assertThat(e.error()).isEqualTo("invalid_developer_token"));

        // Second login: the default organization is not duplicated.
        assertThat(login(ALICE).body().path("organizations")).hasSize(1);
    }

    @Test
    void refreshRotatesAndReuseRevokesTheFamily() throws Exception {
        whitelist(ALICE);
        Answer first = login(ALICE);
        String rt1 = first.body().path("refresh_token").asString();
        Answer second = refresh(rt1);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().properties().stream().map(Map.Entry::getKey).toList())
                .containsExactly("access_token", "token_type", "expires_in", "refresh_token");
        String rt2 = second.body().path("refresh_token").asString();
        assertThat(rt2).isNotEqualTo(rt1).startsWith("rt_dev_");
        assertThat(verifier.verifyDeveloper(bearer(second)).block()).isNotNull();

        assertOAuthError(refresh(rt1), 401, "invalid_grant");
        // The family is gone: the rotated refresh token and the tokens already issued.
        assertOAuthError(refresh(rt2), 401, "invalid_grant");
        assertOAuthError(json("POST", "/organizations/v1/create", bearer(second), Map.of("name", "x")), 401,
                "invalid_developer_token");
        assertOAuthError(refresh("rt_dev_unknown"), 401, "invalid_grant");
    }

    @Test
    void logoutRevokesTokenAndRefreshToken() throws Exception {
        whitelist(ALICE);
        Answer token = login(ALICE);
        Answer revoked = form("/oauth2/developer/revoke", bearer(token), Map.of("token",
                token.body().path("access_token").asString(), "token_type_hint", "developer_token"));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().path("revoked").asBoolean()).isTrue();
        assertOAuthError(json("POST", "/organizations/v1/create", bearer(token), Map.of("name", "x")), 401,
                "invalid_developer_token");
        assertOAuthError(refresh(token.body().path("refresh_token").asString()), 401, "invalid_grant");
        // RFC 7009: revoking again, or garbage, is still 200.
        assertThat(form("/oauth2/developer/revoke", platform(), Map.of("token", "garbage")).status()).isEqualTo(200);

        // The console may revoke by refresh token.
        Answer other = login(ALICE);
        assertThat(form("/oauth2/developer/revoke", platform(), Map.of("token",
                other.body().path("refresh_token").asString())).status()).isEqualTo(200);
        assertOAuthError(json("POST", "/organizations/v1/create", bearer(other), Map.of("name", "x")), 401,
                "invalid_developer_token");
    }

    @Test
    void organizationsFollowTheRbacTable() throws Exception {
        whitelist(ALICE);
        whitelist(BOB);
        String alice = bearer(login(ALICE));
        Answer bobToken = login(BOB);
        String bob = bearer(bobToken);

        assertOAuthError(json("POST", "/organizations/v1/create", tep(), Map.of("name", "Nope")), 403,
                "forbidden_platform_endpoint");
        Answer org = json("POST", "/organizations/v1/create", alice, Map.of("name", "Example Corp",
                "description", "e-commerce mini-apps", "website", "https://example.com", "contact_email", "a@example.com"));
        assertThat(org.status()).isEqualTo(201);
        String orgId = org.body().path("org_id").asString();
        assertThat(org.body().path("created_by").asString()).isEqualTo(userId(ALICE));
        assertThat(org.body().path("roles").get(0).path("role").asString()).isEqualTo("admin");

        // Bob is not a member: he cannot invite anyone into Alice's organization.
        assertThat(json("POST", "/organizations/v1/" + orgId + "/members", bob,
                Map.of("matrix_user_id", userId(CAROL), "role", "developer")).status()).isEqualTo(404);

        Answer invitation = json("POST", "/organizations/v1/" + orgId + "/members", alice,
                Map.of("matrix_user_id", userId(BOB), "role", "viewer"));
        assertThat(invitation.status()).isEqualTo(201);
        assertThat(invitation.body().path("status").asString()).isEqualTo("pending");
        assertThat(invitation.body().path("invited_by").asString()).isEqualTo(userId(ALICE));
        assertThat(Duration.between(Instant.parse(invitation.body().path("invited_at").asString()),
                Instant.parse(invitation.body().path("expires_at").asString()))).isBetween(
                Duration.ofDays(7).minusSeconds(5), Duration.ofDays(7));
        String invitationId = invitation.body().path("invitation_id").asString();
        assertThat(invitationId).startsWith("inv_");

        // Only the invitee accepts.
        assertThat(json("POST", "/organizations/v1/invitations/" + invitationId + "/accept", alice, null).status())
                .isEqualTo(404);
        Answer accepted = json("POST", "/organizations/v1/invitations/" + invitationId + "/accept", bob, null);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().path("role").asString()).isEqualTo("viewer");
        assertThat(json("POST", "/organizations/v1/invitations/" + invitationId + "/accept", bob, null).status())
                .isEqualTo(409);

        // The refreshed token carries the new membership; a viewer gains no permission from it.
        Answer bobRefreshed = refresh(bobToken.body().path("refresh_token").asString());
        DeveloperPrincipal bobNow = verifier.verifyDeveloper(bearer(bobRefreshed)).block();
        assertThat(bobNow.organization(orgId)).hasValueSatisfying(o -> assertThat(o.role()).isEqualTo("viewer"));
        bob = bearer(bobRefreshed);

        // A viewer (or developer) cannot invite, nor change roles; nobody changes their own role.
        assertOAuthError(json("POST", "/organizations/v1/" + orgId + "/members", bob,
                Map.of("matrix_user_id", userId(CAROL), "role", "developer")), 403, "insufficient_permissions");
        assertOAuthError(json("PUT", "/organizations/v1/" + orgId + "/members/" + userId(BOB) + "/role", bob,
                Map.of("role", "admin")), 403, "insufficient_permissions");
        assertOAuthError(json("PUT", "/organizations/v1/" + orgId + "/members/" + userId(ALICE) + "/role", bob,
                Map.of("role", "viewer")), 403, "insufficient_permissions");
        assertOAuthError(json("PUT", "/organizations/v1/" + orgId + "/members/" + userId(ALICE) + "/role", alice,
                Map.of("role", "developer")), 403, "insufficient_permissions");
        Answer promoted = json("PUT", "/organizations/v1/" + orgId + "/members/" + userId(BOB) + "/role", alice,
                Map.of("role", "developer"));
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.body().path("role").asString()).isEqualTo("developer");
        assertOAuthError(json("POST", "/organizations/v1/" + orgId + "/members", bob,
                Map.of("matrix_user_id", userId(CAROL), "role", "viewer")), 403, "insufficient_permissions");
        assertThat(db.sql("select count(*) from organization_role_change where org_id = :org").bind("org", orgId)
                .map((row, meta) -> row.get(0, Long.class)).one().block()).isEqualTo(1L);

        // An expired invitation is refused.
        Answer late = json("POST", "/organizations/v1/" + orgId + "/members", alice,
                Map.of("matrix_user_id", userId(CAROL), "role", "developer"));
        db.sql("update organization_invitation set expires_at = now() - interval '1 second' where invitation_id = :id")
                .bind("id", late.body().path("invitation_id").asString()).fetch().rowsUpdated().block();
        whitelist(CAROL);
        String carol = bearer(login(CAROL));
        Answer expired = json("POST", "/organizations/v1/invitations/" + late.body().path("invitation_id").asString()
                + "/accept", carol, null);
        assertThat(expired.status()).isEqualTo(409);
        assertThat(expired.body().path("error").path("message").asString()).contains("expired");

        // Removal from the whitelist ends Bob's sessions at once and blocks new tokens.
        Answer removed = json("DELETE", "/admin/developers/" + userId(BOB), platform(), null);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body().path("sessions_revoked").asInt()).isGreaterThanOrEqualTo(1);
        assertOAuthError(json("POST", "/organizations/v1/create", bob, Map.of("name", "x")), 401,
                "invalid_developer_token");
        assertOAuthError(refresh(bobRefreshed.body().path("refresh_token").asString()), 401, "invalid_grant");
        assertOAuthError(login(BOB), 403, "developer_not_whitelisted");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
