package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.StackEnv;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** The suite as a mini-app sees it: everything through the gateway. */
final class Tmcp {

    static final String GATEWAY = StackEnv.get("GATEWAY_URL");
    /**
     * Operator-only APIs ({@code /admin/**}) are not routed by the public gateway (decision 0028):
     * the platform calls the owning service on the internal network.
     */
    static final String AUTH_SERVICE = StackEnv.get("AUTH_SERVICE_URL");
    static final String APPSTORE_SERVICE = StackEnv.get("APPSTORE_SERVICE_URL");
    static final String CLIENT_ID = StackEnv.get("DEMO_MINIAPP_CLIENT_ID");
    /** The host's official wallet app, the only client with {@code wallet:admin} (decision 0027). */
    static final String OFFICIAL_CLIENT_ID = StackEnv.find("OFFICIAL_MINIAPP_CLIENT_ID").orElse("ma_tween_wallet");
    static final String WALLET_ADMIN_SCOPES = "wallet:admin wallet:pay wallet:balance";
    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

    private Tmcp() {
    }

    static Http.Response exchange(String subjectToken, String clientId, String scope, String roomId) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", TOKEN_EXCHANGE, "subject_token", subjectToken,
                "subject_token_type", ACCESS_TOKEN, "client_id", clientId, "scope", scope));
        if (roomId != null) {
            form.put("miniapp_context", "{\"room_id\":\"" + roomId + "\",\"launch_source\":\"chat_bubble\"}");
        }
        return Http.form(GATEWAY + "/oauth2/token", form);
    }

    static String tep(String subjectToken, String scope, String roomId) {
        Http.Response r = exchange(subjectToken, CLIENT_ID, scope, roomId);
        assertThat(r.status()).as("token exchange: %s", r.body()).isEqualTo(200);
        return r.text("access_token");
    }

    /** A TEP of the official wallet app, as the host's own wallet screens hold it (activation, TOTP enrolment). */
    /** The official wallet app's TEP for this user; a subject token is exchanged once per app, so it is kept. */
    static String walletAdminTep(String subjectToken) {
        return WALLET_ADMIN_TEPS.computeIfAbsent(subjectToken, token -> {
            Http.Response r = exchange(token, OFFICIAL_CLIENT_ID, WALLET_ADMIN_SCOPES, null);
            assertThat(r.status()).as("token exchange for the official wallet app: %s", r.body()).isEqualTo(200);
            return r.text("access_token");
        });
    }

    private static final java.util.Map<String, String> WALLET_ADMIN_TEPS = new java.util.concurrent.ConcurrentHashMap<>();

    static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
