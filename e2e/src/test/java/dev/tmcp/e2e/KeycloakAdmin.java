package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.StackEnv;
import java.util.List;
import java.util.Map;

/** Keycloak's admin REST API, used by tests to create their own users (as an operator would). */
final class KeycloakAdmin {

    private KeycloakAdmin() {
    }

    private static final String BASE = StackEnv.get("KEYCLOAK_URL");
    private static final String REALM_ADMIN = BASE + "/admin/realms/" + StackEnv.get("KEYCLOAK_REALM");

    static void createUser(String username, String password) {
        Http.Response created = Http.post(REALM_ADMIN + "/users", adminToken(), Map.of("username", username, "enabled", true, "emailVerified", true,
                        "email", username + "@example.test", "firstName", "Dev", "lastName", username,
                        "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    }

    /** The Keycloak client with this client id, or a missing node. */
    static tools.jackson.databind.JsonNode client(String clientId) {
        return Http.get(REALM_ADMIN + "/clients?clientId=" + Http.enc(clientId), adminToken()).body().path(0);
    }

    private static String adminToken() {
        Http.Response admin = Http.form(BASE + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli",
                "username", StackEnv.get("KEYCLOAK_ADMIN_USER"), "password", StackEnv.get("KEYCLOAK_ADMIN_PASSWORD")));
        assertThat(admin.status()).as("%s", admin.body()).isEqualTo(200);
        return admin.text("access_token");
    }
}
