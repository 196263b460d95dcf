package dev.tmcp.auth.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tmcp.core.crypto.Digests;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for appstore-service's registry and wallet-adapter's wallet lookup in auth-service's
 * integration tests: the mini-apps the tests register (with their own sensitive scopes) without
 * touching the shared stack's registry. Everything else in the tests is real.
 */
final class FakeRegistry {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, Map<String, Object>> apps = new ConcurrentHashMap<>();

    private FakeRegistry(HttpServer server) {
        this.server = server;
    }

    static FakeRegistry start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeRegistry registry = new FakeRegistry(server);
            server.createContext("/internal/v1/miniapps", registry::miniapps);
            server.createContext("/internal/v1/wallets/ensure", registry::wallet);
            server.start();
            return registry;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A public mini-app: {@code user:read} and {@code storage:read} pre-approved, wallet scopes sensitive. */
    void publicApp(String clientId) {
        apps.put(clientId, app(clientId, "public", null));
    }

    /** A confidential mini-app with this secret. */
    void confidentialApp(String clientId, String secret) {
        apps.put(clientId, app(clientId, "confidential", Digests.sha256Hex(secret)));
    }

    private static Map<String, Object> app(String clientId, String type, String secretHash) {
        Map<String, Object> app = new java.util.HashMap<>();
        app.put("client_id", clientId);
        app.put("name", "IT app " + clientId);
        app.put("client_type", type);
        app.put("status", "active");
        app.put("classification", "third_party");
        app.put("scopes", List.of(Map.of("scope", "user:read", "pre_approved", true),
                Map.of("scope", "storage:read", "pre_approved", true),
                Map.of("scope", "wallet:balance", "pre_approved", false),
                Map.of("scope", "wallet:pay", "pre_approved", false)));
        app.put("redirect_uris", List.of());
        if (secretHash != null) {
            app.put("client_secret_hash", secretHash);
        }
        return app;
    }

    private void miniapps(HttpExchange http) throws IOException {
        String path = http.getRequestURI().getPath();
        if (path.equals("/internal/v1/miniapps")) {
            // The start-up reconciliation with Keycloak sees no apps: the tests' apps stay out of Keycloak.
            answer(http, 200, List.of());
            return;
        }
        Map<String, Object> app = apps.get(path.substring("/internal/v1/miniapps/".length()));
        if (app == null) {
            answer(http, 404, Map.of("error", Map.of("code", "MINIAPP_NOT_FOUND", "message", "no such mini-app")));
        } else {
            answer(http, 200, app);
        }
    }

    private void wallet(HttpExchange http) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = JSON.readValue(http.getRequestBody().readAllBytes(), Map.class);
        String user = String.valueOf(body.get("user_id"));
        answer(http, 200, Map.of("wallet_id", "tw_" + Digests.sha256Hex(user).substring(0, 20), "user_id", user,
                "user_status", "active"));
    }

    private static void answer(HttpExchange http, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "application/json");
        http.sendResponseHeaders(status, bytes.length);
        http.getResponseBody().write(bytes);
        http.close();
    }
}
