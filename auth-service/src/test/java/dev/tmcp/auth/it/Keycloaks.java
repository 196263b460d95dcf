package dev.tmcp.auth.it;

import dev.tmcp.test.StackEnv;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Tokens from the stack's Keycloak realm, as a first-party client gets them. */
final class Keycloaks {

    private Keycloaks() {
    }

    static AuthServiceIT.Answer passwordGrant(String clientId, String username, String password) {
        String url = StackEnv.get("KEYCLOAK_URL") + "/realms/" + StackEnv.get("KEYCLOAK_REALM") + "/protocol/openid-connect/token";
        try {
            HttpResponse<String> r = AuthServiceIT.HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(AuthServiceIT.formBody(Map.of("grant_type", "password",
                            "client_id", clientId, "username", username, "password", password, "scope", "openid")))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new AuthServiceIT.Answer(r.statusCode(), AuthServiceIT.JSON.readTree(r.body()), r);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
