package dev.tmcp.auth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.StackEnv;
import dev.tmcp.test.TestInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * auth-service in-process on its own throwaway database, with the stack's Synapse, Keycloak and
 * Kafka, and Redis on a logical database of its own ({@value #REDIS_DB}), so a test may delete
 * revocation keys without touching the shared stack. The mini-app registry and wallet lookup are a
 * {@link FakeRegistry}. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.kafka.listener.auto-startup=false", "tmcp.auth.revocation-reseed-interval=300ms"})
abstract class AuthServiceIT {

    static final int REDIS_DB = 11;
    static final int PORT = freePort();
    static final String BASE = "http://127.0.0.1:" + PORT;
    static final FakeRegistry REGISTRY = FakeRegistry.start();
    static final String CONSOLE_CLIENT = "tmcp-developer-console-trust-it";
    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
        TestInfrastructure.kafka(registry);
        registry.add("server.port", () -> PORT);
        registry.add("tmcp.tep.jwks-uri", () -> BASE + "/.well-known/jwks.json");
        registry.add("tmcp.auth.appstore-url", REGISTRY::url);
        registry.add("tmcp.auth.wallet-adapter-url", REGISTRY::url);
        registry.add("spring.data.redis.url", () -> StackEnv.get("REDIS_URL").replaceAll("/\\d+$", "") + "/" + REDIS_DB);
        registry.add("tmcp.developer.keycloak-client-id", () -> CONSOLE_CLIENT);
    }

    @AfterAll
    static void removeTheConsoleClient() {
        try (Keycloak master = KeycloakBuilder.builder().serverUrl(StackEnv.get("KEYCLOAK_URL")).realm("master")
                .clientId("admin-cli").username(StackEnv.get("KEYCLOAK_ADMIN_USER"))
                .password(StackEnv.get("KEYCLOAK_ADMIN_PASSWORD")).build()) {
            master.realm(StackEnv.get("KEYCLOAK_REALM")).clients().findByClientId(CONSOLE_CLIENT)
                    .forEach(c -> master.realm(StackEnv.get("KEYCLOAK_REALM")).clients().get(c.getId()).remove());
        }
    }

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {

        String text(String field) {
            return body.path(field).asString();
        }

        /** The 12.1 error code, or null when the body is not in that format. */
        String code() {
            return body.path("error").path("code").isMissingNode() ? null : body.path("error").path("code").asString();
        }
    }

    record MatrixUser(String userId, String accessToken) {
    }

    static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static Answer send(String method, String path, String authorization, String contentType, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                json = JSON.missingNode();
            }
            return new Answer(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Answer form(String path, String authorization, Map<String, String> fields) {
        return send("POST", path, authorization, "application/x-www-form-urlencoded", formBody(fields));
    }

    static Answer json(String method, String path, String authorization, Object body) {
        return send(method, path, authorization, "application/json", body == null ? null : JSON.writeValueAsString(body));
    }

    static String formBody(Map<String, String> fields) {
        StringBuilder encoded = new StringBuilder();
        fields.forEach((k, v) -> encoded.append(encoded.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return encoded.toString();
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A token exchange of a subject token for a TEP of {@code clientId}. */
    static Answer exchange(String subjectToken, String clientId, String scope) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", TOKEN_EXCHANGE);
        fields.put("subject_token", subjectToken);
        fields.put("subject_token_type", ACCESS_TOKEN);
        fields.put("client_id", clientId);
        fields.put("scope", scope);
        return form("/oauth2/token", null, fields);
    }

    /** The consent session id of a {@code consent_required} answer. */
    static String consentSession(Answer consentRequired) {
        assertThat(consentRequired.status()).as("%s", consentRequired.body()).isEqualTo(403);
        String endpoint = consentRequired.text("consent_ui_endpoint");
        return java.net.URLDecoder.decode(endpoint.substring(endpoint.indexOf("session=") + 8), StandardCharsets.UTF_8);
    }

    static Answer decide(String session, String decision, String authorization) {
        return form("/oauth2/consent", authorization, Map.of("session", session, "decision", decision));
    }

    /** A new user of the stack's Synapse (shared-secret registration) and their access token. */
    static MatrixUser matrixUser(String prefix) {
        String localpart = prefix + "_" + run();
        String synapse = StackEnv.get("SYNAPSE_URL");
        String password = "pw-" + localpart;
        try {
            HttpResponse<String> nonce = HTTP.send(HttpRequest.newBuilder(URI.create(synapse + "/_synapse/admin/v1/register"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            String n = JSON.readTree(nonce.body()).path("nonce").asString();
            String mac = hmac(StackEnv.get("SYNAPSE_REGISTRATION_SECRET"), n + "\0" + localpart + "\0" + password + "\0notadmin");
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(synapse + "/_synapse/admin/v1/register"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("nonce", n, "username", localpart,
                            "password", password, "admin", false, "mac", mac))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("register %s: %s", localpart, r.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            return new MatrixUser(body.path("user_id").asString(), body.path("access_token").asString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Another access token of the same user (a second login, as another device gets). */
    static String login(MatrixUser user) {
        String localpart = user.userId().substring(1, user.userId().indexOf(':'));
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(StackEnv.get("SYNAPSE_URL") + "/_matrix/client/v3/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("type", "m.login.password",
                            "identifier", Map.of("type", "m.id.user", "user", localpart), "password", "pw-" + localpart))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("login %s: %s", localpart, r.body()).isEqualTo(200);
            return JSON.readTree(r.body()).path("access_token").asString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A claim of a TEP (or any JWT behind a prefix), read without verification. */
    static String claim(String token, String name) {
        String jwt = token.substring(token.indexOf('.') + 1);
        String payload = jwt.split("\\.")[1];
        return JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload)).path(name).asString();
    }

    private static String hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
