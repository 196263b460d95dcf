package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.StackEnv;
import java.util.List;
import java.util.Map;

/** Keycloak's admin REST API, used by tests to create their own users (as an operator would). */
final class KeycloakAdmin {

    private KeycloakAdmin() {
    }

    static void createUser(String username, String password) {
        String base = StackEnv.get("KEYCLOAK_URL");
        Http.Response admin = Http.form(base + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli",
                "username", StackEnv.get("KEYCLOAK_ADMIN_USER"), "password", StackEnv.get("KEYCLOAK_ADMIN_PASSWORD")));
        assertThat(admin.status()).as("%s", admin.body()).isEqualTo(200);
        Http.Response created = Http.post(base + "/admin/realms/" + StackEnv.get("KEYCLOAK_REALM") + "/users",
                admin.text("access_token"), Map.of("username", username, "enabled", true, "emailVerified", true,
                        "email", username + "@example.test", "firstName", "Dev", "lastName", username,
                        "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    }
}
