package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.StackEnv;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Wallet set-up through the public API, device signatures, and (for time) the services' own databases. */
final class Wallets {

    static final String PIN = "482913";

    private Wallets() {
    }

    /**
     * Activates the user's wallet with the PIN and, when given, a device key, through the official
     * wallet app (only it holds {@code wallet:admin}); returns the activation response.
     */
    static Http.Response activate(Homeserver.User user, KeyPair device) {
        Http.Response activated = tryActivate(Tmcp.walletAdminTep(user.accessToken()), PIN, device);
        assertThat(activated.status()).as("%s", activated.body()).isEqualTo(200);
        return activated;
    }

    /** Enrols an authenticator through the official wallet app; returns the enrolment response. */
    static Http.Response enrolTotp(Homeserver.User user) {
        return Http.post(Tmcp.GATEWAY + "/wallet/v1/mfa/totp", Tmcp.walletAdminTep(user.accessToken()),
                Map.of("hashed_pin", Tmcp.sha256Hex(PIN)));
    }

    /** One activation call with {@code tep}, whatever its answer. */
    static Http.Response tryActivate(String tep, String pin, KeyPair device) {
        Map<String, Object> data = new HashMap<>(Map.of("pin", pin, "terms_accepted", true, "terms_version", "1.5.0"));
        if (device != null) {
            data.put("biometric_data", Map.of("device_id", "device_e2e",
                    "public_key", Base64.getEncoder().encodeToString(device.getPublic().getEncoded())));
        }
        return Http.post(Tmcp.GATEWAY + "/wallet/v1/activate", tep, Map.of("verification_data", data));
    }

    static void fund(String tep, String amount) {
        String source = Http.post(Tmcp.GATEWAY + "/wallet/v1/external/link", tep, Map.of("type", "sandbox"))
                .text("external_account_id");
        Http.Response funded = Http.post(Tmcp.GATEWAY + "/wallet/v1/external/fund", tep, Map.of("source_account_id", source,
                "amount", new BigDecimal(amount), "currency", "USD", "idempotency_key", "fund-" + UUID.randomUUID()));
        assertThat(funded.status()).as("%s", funded.body()).isEqualTo(200);
    }

    static BigDecimal available(String tep) {
        return Http.get(Tmcp.GATEWAY + "/wallet/v1/balance", tep).body().path("balance").path("available").decimalValue();
    }

    static BigDecimal pending(String tep) {
        return Http.get(Tmcp.GATEWAY + "/wallet/v1/balance", tep).body().path("balance").path("pending").decimalValue();
    }

    static Map<String, Object> pinProof() {
        return Map.of("auth_proof", Map.of("method", "pin", "proof", Map.of("hashed_pin", Tmcp.sha256Hex(PIN))));
    }

    static KeyPair deviceKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ES256 over {@code id:amount:currency:timestamp}, base64 (spec 7.2.4 / 7.3.2). */
    static String sign(KeyPair device, String message) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(device.getPrivate());
            signer.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts rows in a service's own database (e.g. outbox events for one subject). */
    static long count(String database, String query, Object... parameters) {
        return onStatement(database, query, parameters, s -> {
            try (java.sql.ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** How many {@code type} events payment-service's outbox holds for one transfer, payment or gift. */
    static long outboxEvents(String subject, String type) {
        return count("tmcp_payment", "select count(*) from outbox_event where event_key = ? and payload like ?",
                subject, "%\"type\":\"" + type + "\"%");
    }

    /**
     * Runs one statement in a service's own database. Used only to move a row's deadline into the
     * past, standing in for the hours a test cannot wait.
     */
    static int sql(String database, String statement, Object... parameters) {
        return onStatement(database, statement, parameters, PreparedStatement::executeUpdate);
    }

    private interface StatementCall<T> {
        T apply(PreparedStatement statement) throws SQLException;
    }

    /** Prepares {@code statement} with {@code parameters} on a fresh connection to a service's own database. */
    private static <T> T onStatement(String database, String statement, Object[] parameters, StatementCall<T> call) {
        String url = "jdbc:postgresql://" + StackEnv.get("TMCP_DB_HOST") + ":" + StackEnv.get("TMCP_DB_PORT") + "/" + database;
        try (Connection c = DriverManager.getConnection(url, StackEnv.get("TMCP_DB_USER"), StackEnv.get("TMCP_DB_PASSWORD"));
                PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return call.apply(s);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
