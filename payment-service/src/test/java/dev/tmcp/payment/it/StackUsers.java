package dev.tmcp.payment.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.StackEnv;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The running stack as the payment-service ITs need it: homeserver users, mini-apps registered and
 * approved with the platform credentials, TEPs from auth-service, wallets activated with a device key
 * (through the host's official wallet app) and funded from the sandbox. Everything is real; nothing here is payment-service.
 */
public final class StackUsers {

    public static final String PIN = "482913";
    private static final String SCOPE = "wallet:pay wallet:balance";
    /** Activation is for the host's official wallet app only (wallet:admin, decision 0027). */
    private static final String ADMIN_SCOPE = "wallet:admin wallet:pay";

    private StackUsers() {
    }

    /** Where a user's token exchange and wallet calls go. */
    public enum Via {
        /** Straight to auth-service and wallet-adapter. */
        SERVICES("AUTH_SERVICE_URL", "WALLET_ADAPTER_URL"),
        /** Through the gateway, as a mini-app would call. */
        GATEWAY("GATEWAY_URL", "GATEWAY_URL");

        private final String authKey;
        private final String walletKey;

        Via(String authKey, String walletKey) {
            this.authKey = authKey;
            this.walletKey = walletKey;
        }

        public String auth() {
            return StackEnv.get(authKey);
        }

        public String wallet() {
            return StackEnv.get(walletKey);
        }
    }

    /** A registered, approved hybrid mini-app that may ask for payments; its backend has a secret. */
    public record MiniApp(String id, String backendId, String backendSecret) {

        public String basic() {
            return StackHttp.basic(backendId, backendSecret);
        }
    }

    /** A user with a TEP for one mini-app, an active wallet with a registered device key, and funds. */
    public record User(String userId, String tep, String deviceId, KeyPair device, String matrixToken) {

        public String sign(String message) {
            try {
                Signature signer = Signature.getInstance("SHA256withECDSA");
                signer.initSign(device.getPrivate());
                signer.update(message.getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(signer.sign());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static MiniApp registerMiniApp(String label) {
        String appstore = StackEnv.get("APPSTORE_SERVICE_URL");
        String platform = StackHttp.basic(StackEnv.get("TMCP_CONSOLE_CLIENT_ID"), StackEnv.get("TMCP_CONSOLE_CLIENT_SECRET"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        StackHttp.Response registered = StackHttp.post(appstore + "/mini-apps/v1/register", platform, Map.of(
                "name", label + " " + run, "client_type", "hybrid", "category", "shopping",
                "technical", Map.of("entry_url", "https://" + label + ".example/" + run,
                        "webhook_url", "https://api." + label + ".example/hook",
                        "redirect_uris", List.of("https://" + label + ".example/cb"),
                        "scopes_requested", List.of("wallet:pay", "wallet:balance", "storage:read"))));
        assertThat(registered.status()).as("register: %s", registered.body()).isBetween(200, 201);
        String id = registered.text("miniapp_id");
        var backend = registered.body().path("credentials").path("confidential_client");
        StackHttp.Response approved = StackHttp.send("POST", appstore + "/admin/mini-apps/" + id + "/approve", platform, null, null);
        assertThat(approved.status()).as("approve: %s", approved.body()).isEqualTo(200);
        return new MiniApp(id, backend.path("client_id").asString(), backend.path("client_secret").asString());
    }

    /**
     * A new homeserver user {@code <localpartPrefix>_<random>} with a TEP for {@code clientId}
     * ({@value #SCOPE}), its wallet activated with {@link #PIN} and a device key, and {@code amount}
     * USD funded from the sandbox, all called {@code via} the gateway or the services themselves.
     */
    public static User funded(Via via, String clientId, String localpartPrefix, BigDecimal amount) {
        String localpart = localpartPrefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        String matrixToken = registerMatrixUser(localpart);
        StackHttp.Response exchanged = exchange(via, matrixToken, clientId, SCOPE);
        String tep = exchanged.text("access_token");
        String walletApp = exchange(via, matrixToken, officialClientId(), ADMIN_SCOPE).text("access_token");
        KeyPair device = deviceKey();
        String deviceId = "device_" + localpart;
        StackHttp.Response activated = StackHttp.post(via.wallet() + "/wallet/v1/activate", StackHttp.bearer(walletApp),
                Map.of("verification_data", Map.of("pin", PIN, "terms_accepted", true, "terms_version", "1.5.0",
                        "biometric_data", Map.of("device_id", deviceId,
                                "public_key", Base64.getEncoder().encodeToString(device.getPublic().getEncoded())))));
        assertThat(activated.status()).as("activate: %s", activated.body()).isEqualTo(200);
        String source = StackHttp.post(via.wallet() + "/wallet/v1/external/link", StackHttp.bearer(tep),
                Map.of("type", "sandbox")).text("external_account_id");
        StackHttp.Response funded = StackHttp.post(via.wallet() + "/wallet/v1/external/fund", StackHttp.bearer(tep), Map.of(
                "source_account_id", source, "amount", amount, "currency", "USD", "idempotency_key", "fund-" + localpart));
        assertThat(funded.status()).as("fund: %s", funded.body()).isEqualTo(200);
        return new User(exchanged.text("user_id"), tep, deviceId, device, matrixToken);
    }

    /** A public room {@code creator} made on the homeserver, which others can join. */
    public static String room(User creator) {
        StackHttp.Response created = StackHttp.post(StackEnv.get("SYNAPSE_URL") + "/_matrix/client/v3/createRoom",
                StackHttp.bearer(creator.matrixToken()), Map.of("preset", "public_chat"));
        assertThat(created.status()).as("createRoom: %s", created.body()).isEqualTo(200);
        return created.text("room_id");
    }

    /** Available balance in minor units, read from the wallet's ledger (merchant wallets have no public endpoint). */
    public static long balanceMinor(String userOrMiniappId) throws Exception {
        String url = "jdbc:postgresql://" + StackEnv.get("TMCP_DB_HOST") + ":" + StackEnv.get("TMCP_DB_PORT") + "/tmcp_wallet";
        try (Connection c = DriverManager.getConnection(url, StackEnv.get("TMCP_DB_USER"), StackEnv.get("TMCP_DB_PASSWORD"));
                PreparedStatement s = c.prepareStatement("select coalesce(sum(a.balance_minor), 0) from ledger_account a "
                        + "join wallet w on w.wallet_id = a.wallet_id where w.user_id = ? and a.account_id = 'wallet:' || w.wallet_id || ':USD'")) {
            s.setString(1, userOrMiniappId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    public static String hashedPin(String pin) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pin.getBytes(StandardCharsets.UTF_8)));
    }

    /** The homeserver's token exchanged for a TEP, approving the consent when the mini-app asks for it. */
    private static StackHttp.Response exchange(Via via, String matrixToken, String clientId, String scope) {
        Map<String, String> exchange = Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token", matrixToken, "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "client_id", clientId, "scope", scope);
        StackHttp.Response asked = StackHttp.form(via.auth() + "/oauth2/token", null, exchange);
        if (asked.status() == 403) {
            String endpoint = asked.text("consent_ui_endpoint");
            String session = endpoint.substring(endpoint.indexOf("session=") + 8);
            // Only the user's own client decides a consent request (decision 0025): the user's Matrix token.
            StackHttp.Response consent = StackHttp.form(via.auth() + "/oauth2/consent", "Bearer " + matrixToken,
                    Map.of("session", URLDecoder.decode(session, StandardCharsets.UTF_8), "decision", "approve"));
            assertThat(consent.status()).as("consent: %s", consent.body()).isEqualTo(200);
            asked = StackHttp.form(via.auth() + "/oauth2/token", null, exchange);
        }
        assertThat(asked.status()).as("token exchange: %s", asked.body()).isEqualTo(200);
        return asked;
    }

    private static String officialClientId() {
        return StackEnv.find("OFFICIAL_MINIAPP_CLIENT_ID").orElse("ma_tween_wallet");
    }

    private static String registerMatrixUser(String localpart) {
        String synapse = StackEnv.get("SYNAPSE_URL");
        String password = "pw-" + localpart;
        String nonce = StackHttp.get(synapse + "/_synapse/admin/v1/register", null).text("nonce");
        String mac = hmac(StackEnv.get("SYNAPSE_REGISTRATION_SECRET"), nonce + "\0" + localpart + "\0" + password + "\0notadmin");
        StackHttp.Response r = StackHttp.post(synapse + "/_synapse/admin/v1/register", null,
                Map.of("nonce", nonce, "username", localpart, "password", password, "admin", false, "mac", mac));
        assertThat(r.status()).as("register %s: %s", localpart, r.body()).isEqualTo(200);
        return r.text("access_token");
    }

    private static KeyPair deviceKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
