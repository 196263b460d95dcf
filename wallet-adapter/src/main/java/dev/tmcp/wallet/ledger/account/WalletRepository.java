package dev.tmcp.wallet.ledger.account;

import dev.tmcp.core.id.WalletId;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class WalletRepository {

    private static final String COLUMNS =
            "wallet_id, user_id, user_status, currency, pin_hash, verification_level, activated_at, created_at, daily_limit_minor";

    private final DatabaseClient db;

    WalletRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Wallet> findByUser(String userId) {
        return db.sql("select " + COLUMNS + " from wallet where user_id = :user").bind("user", userId)
                .map(WalletRepository::map).one();
    }

    /** Locks the row against activation while money is credited to it (see {@link Wallet#creditAccountId}). */
    public Mono<Wallet> findByUserForShare(String userId) {
        return db.sql("select " + COLUMNS + " from wallet where user_id = :user for share").bind("user", userId)
                .map(WalletRepository::map).one();
    }

    public Mono<Wallet> findById(String walletId) {
        return db.sql("select " + COLUMNS + " from wallet where wallet_id = :id").bind("id", walletId)
                .map(WalletRepository::map).one();
    }

    /** A mini-app's merchant wallet, active from the start; its user id is the mini-app's client id. */
    public Mono<Wallet> ensureMerchant(String miniappId, String currency) {
        return db.sql("insert into wallet (wallet_id, user_id, user_status, currency, kind, activated_at) "
                        + "values (:id, :user, 'active', :currency, 'merchant', now()) "
                        + "on conflict (user_id) do nothing returning wallet_id")
                .bind("id", WalletId.next().value()).bind("user", miniappId).bind("currency", currency)
                .map(r -> r.get("wallet_id", String.class))
                .one()
                .flatMap(walletId -> insertBalanceAccount(walletId, currency))
                .then(findByUser(miniappId));
    }

    public Mono<Wallet> findByUserForUpdate(String userId) {
        return db.sql("select " + COLUMNS + " from wallet where user_id = :user for update").bind("user", userId)
                .map(WalletRepository::map).one();
    }

    /** Creates a pending wallet and its ledger account unless the user has one (call in a transaction). */
    public Mono<Wallet> ensure(String userId, String currency) {
        return db.sql("insert into wallet (wallet_id, user_id, currency) values (:id, :user, :currency) "
                        + "on conflict (user_id) do nothing returning wallet_id")
                .bind("id", WalletId.next().value()).bind("user", userId).bind("currency", currency)
                .map(r -> r.get("wallet_id", String.class))
                .one()
                .flatMap(walletId -> insertBalanceAccount(walletId, currency))
                .then(findByUser(userId));
    }

    private Mono<Long> insertBalanceAccount(String walletId, String currency) {
        return db.sql("insert into ledger_account (account_id, wallet_id, kind, currency) values (:account, :id, 'wallet', :currency)")
                .bind("account", Wallet.accountId(walletId, currency)).bind("id", walletId).bind("currency", currency)
                .fetch().rowsUpdated();
    }

    /** Lowers the user's own daily limit; a higher value than the one in force changes nothing. */
    public Mono<Long> lowerDailyLimit(String walletId, long dailyLimitMinor) {
        return db.sql("update wallet set daily_limit_minor = least(coalesce(daily_limit_minor, :limit), :limit) "
                        + "where wallet_id = :id")
                .bind("limit", dailyLimitMinor).bind("id", walletId)
                .fetch().rowsUpdated();
    }

    public Mono<Long> activate(String walletId, String pinHash, String termsVersion, String deviceId, String publicKey) {
        return db.sql("update wallet set user_status = 'active', pin_hash = :pin, terms_version = :terms, "
                        + "biometric_device = :device, biometric_key = :key, verification_level = 1, activated_at = now() "
                        + "where wallet_id = :id and user_status = 'pending'")
                .bind("pin", pinHash).bind("terms", termsVersion)
                .bind("device", deviceId == null ? "" : deviceId).bind("key", publicKey == null ? "" : publicKey)
                .bind("id", walletId)
                .fetch().rowsUpdated();
    }

    private static Wallet map(Readable r) {
        return new Wallet(r.get("wallet_id", String.class), r.get("user_id", String.class),
                r.get("user_status", String.class), r.get("currency", String.class), r.get("pin_hash", String.class),
                r.get("verification_level", Integer.class), instant(r.get("activated_at", OffsetDateTime.class)),
                instant(r.get("created_at", OffsetDateTime.class)), r.get("daily_limit_minor", Long.class));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
