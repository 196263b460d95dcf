package dev.tmcp.payment.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.StackEnv;
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
 * The running stack as the payment ITs need it: homeserver users, mini-apps registered and approved
 * with the platform credentials, TEPs from auth-service, wallets activated with a device key and
 * funded from the sandbox. Everything is real; nothing here is payment-service.
 */
final class Stack {

    static final String AUTH = StackEnv.get("AUTH_SERVICE_URL");
    static final String APPSTORE = StackEnv.get("APPSTORE_SERVICE_URL");
    static final String SYNAPSE = StackEnv.get("SYNAPSE_URL");
    static final String PIN = "482913";
    private static final String PLATFORM = Http.basic(StackEnv.get("TMCP_CONSOLE_CLIENT_ID"),
            StackEnv.get("TMCP_CONSOLE_CLIENT_SECRET"));

    private Stack() {
    }

    /** A registered, approved hybrid mini-app that may ask for payments; its backend has a secret. */
    record MiniApp(String id, String backendId, String backendSecret) {

        String basic() {
            return Http.basic(backendId, backendSecret);
        }
    }

    /** A user with a TEP for {@code app}, an active wallet with a registered device key, and funds. */
    record Payer(String userId, String tep, String deviceId, KeyPair device) {

        String sign(String message) {
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

    static MiniApp registerMiniApp(String label) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Http.Response registered = Http.post(APPSTORE + "/mini-apps/v1/register", PLATFORM, Map.of(
                "name", label + " " + run, "client_type", "hybrid", "category", "shopping",
                "technical", Map.of("entry_url", "https://" + label + ".example/" + run,
                        "webhook_url", "https://api." + label + ".example/hook",
                        "redirect_uris", List.of("https://" + label + ".example/cb"),
                        "scopes_requested", List.of("wallet:pay", "wallet:balance", "storage:read"))));
        assertThat(registered.status()).as("register: %s", registered.body()).isBetween(200, 201);
        String id = registered.text("miniapp_id");
        var backend = registered.body().path("credentials").path("confidential_client");
        Http.Response approved = Http.send("POST", APPSTORE + "/admin/mini-apps/" + id + "/approve", PLATFORM, null, null);
        assertThat(approved.status()).as("approve: %s", approved.body()).isEqualTo(200);
        return new MiniApp(id, backend.path("client_id").asString(), backend.path("client_secret").asString());
    }

    static Payer payer(MiniApp app, String fund) throws Exception {
        String localpart = "payer_" + UUID.randomUUID().toString().substring(0, 8);
        String matrixToken = registerUser(localpart);
        String scope = "wallet:pay wallet:balance";
        Map<String, String> exchange = Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token", matrixToken, "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "client_id", app.id(), "scope", scope);
        Http.Response asked = Http.form(AUTH + "/oauth2/token", null, exchange);
        if (asked.status() == 403) {
            String endpoint = asked.text("consent_ui_endpoint");
            String session = endpoint.substring(endpoint.indexOf("session=") + 8);
            Http.Response consent = Http.form(AUTH + "/oauth2/consent", null,
                    Map.of("session", java.net.URLDecoder.decode(session, StandardCharsets.UTF_8), "decision", "approve"));
            assertThat(consent.status()).as("consent: %s", consent.body()).isEqualTo(200);
            asked = Http.form(AUTH + "/oauth2/token", null, exchange);
        }
        assertThat(asked.status()).as("token exchange: %s", asked.body()).isEqualTo(200);
        String tep = asked.text("access_token");
        String userId = asked.text("user_id");

        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair device = generator.generateKeyPair();
        String deviceId = "device_" + localpart;
        String wallet = StackEnv.get("WALLET_ADAPTER_URL");
        Http.Response activated = Http.post(wallet + "/wallet/v1/activate", Http.bearer(tep), Map.of("verification_data",
                Map.of("pin", PIN, "terms_accepted", true, "terms_version", "1.5.0",
                        "biometric_data", Map.of("device_id", deviceId,
                                "public_key", Base64.getEncoder().encodeToString(device.getPublic().getEncoded())))));
        assertThat(activated.status()).as("activate: %s", activated.body()).isEqualTo(200);
        String source = Http.post(wallet + "/wallet/v1/external/link", Http.bearer(tep), Map.of("type", "sandbox"))
                .text("external_account_id");
        Http.Response funded = Http.post(wallet + "/wallet/v1/external/fund", Http.bearer(tep), Map.of(
                "source_account_id", source, "amount", new java.math.BigDecimal(fund), "currency", "USD",
                "idempotency_key", "fund-" + localpart));
        assertThat(funded.status()).as("fund: %s", funded.body()).isEqualTo(200);
        return new Payer(userId, tep, deviceId, device);
    }

    /** Available balance in minor units, read from the wallet's ledger (merchant wallets have no public endpoint). */
    static long balanceMinor(String userOrMiniappId) throws Exception {
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

    static String hashedPin(String pin) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pin.getBytes(StandardCharsets.UTF_8)));
    }

    private static String registerUser(String localpart) throws Exception {
        String password = "pw-" + localpart;
        String nonce = Http.get(SYNAPSE + "/_synapse/admin/v1/register", null).text("nonce");
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(StackEnv.get("SYNAPSE_REGISTRATION_SECRET").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String digest = HexFormat.of().formatHex(mac.doFinal((nonce + "\0" + localpart + "\0" + password + "\0notadmin")
                .getBytes(StandardCharsets.UTF_8)));
        Http.Response r = Http.post(SYNAPSE + "/_synapse/admin/v1/register", null,
                Map.of("nonce", nonce, "username", localpart, "password", password, "admin", false, "mac", digest));
        assertThat(r.status()).as("register %s: %s", localpart, r.body()).isEqualTo(200);
        return r.text("access_token");
    }
}
