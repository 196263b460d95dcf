package dev.tmcp.wallet.ledger.proof;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The payment credentials a wallet has registered: PIN hash, device key, TOTP secret. */
@Repository
class Credentials {

    record Registered(String walletId, String userStatus, String pinHash, String deviceId, String publicKey,
            String totpSecret) {

        boolean hasPin() {
            return pinHash != null;
        }

        boolean hasDevice() {
            return deviceId != null && !deviceId.isEmpty() && publicKey != null && !publicKey.isEmpty();
        }

        boolean hasTotp() {
            return totpSecret != null;
        }
    }

    private final DatabaseClient db;

    Credentials(DatabaseClient db) {
        this.db = db;
    }

    Mono<Registered> of(String userId) {
        return db.sql("select wallet_id, user_status, pin_hash, biometric_device, biometric_key, totp_secret "
                        + "from wallet where user_id = :user")
                .bind("user", userId)
                .map(Credentials::map)
                .one();
    }

    Mono<Long> setTotpSecret(String walletId, String secret) {
        return db.sql("update wallet set totp_secret = :secret where wallet_id = :id")
                .bind("secret", secret).bind("id", walletId)
                .fetch().rowsUpdated();
    }

    private static Registered map(Readable r) {
        return new Registered(r.get("wallet_id", String.class), r.get("user_status", String.class),
                r.get("pin_hash", String.class), r.get("biometric_device", String.class),
                r.get("biometric_key", String.class), r.get("totp_secret", String.class));
    }
}
