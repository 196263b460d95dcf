package dev.tmcp.wallet.provider;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import reactor.core.publisher.Mono;

/** A user's account: registration, activation, balance, history and verification level (6.3). */
public interface AccountProvider {

    /** The account of a user, created {@code pending} on first use (6.3.4). */
    Mono<Account> ensureAccount(String userId);

    /** The account, or empty when the user has none. */
    Mono<Account> account(String userId);

    /** The accounts that exist among these users (6.3.4 batch query). */
    Mono<List<Account>> accounts(List<String> userIds);

    /** 6.3.4 registration: ensures the account and applies settings the user may choose. */
    Mono<Account> register(String userId, String currency, BigDecimal dailyLimit);

    /** 6.3.10: pending → active, with PIN, optional device key and the accepted terms version. */
    Mono<Activation> activate(String userId, ActivationData data);

    Mono<Balance> balance(String userId);

    /** A balance read (6.2.1) needs both; a provider may answer them in one go. */
    default Mono<BalanceWithVerification> balanceWithVerification(String userId) {
        return balance(userId).zipWith(verification(userId), BalanceWithVerification::new);
    }

    Mono<HistoryPage> history(String userId, int limit, int offset);

    Mono<Verification> verification(String userId);

    /** A user's account status (6.3.4) and its wire name. */
    enum UserStatus {
        PENDING, ACTIVE, SUSPENDED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean is(String wire) {
            return wire().equals(wire);
        }
    }

    record Account(String walletId, String userId, String userStatus, String walletStatus, String currency,
            int verificationLevel, boolean paymentEnabled, String activatedAt, String createdAt) {

        public boolean isPending() {
            return UserStatus.PENDING.is(userStatus);
        }
    }

    record ActivationData(String pin, String termsVersion, String deviceId, String publicKey) {

        @Override
        public String toString() {
            return "ActivationData[terms=" + termsVersion + ", device=" + deviceId + "]";
        }
    }

    record Activation(Account account, Balance balance, BigDecimal bonus) {
    }

    record Balance(String walletId, String userId, String userStatus, BigDecimal available, BigDecimal pending,
            String currency, int verificationLevel, BigDecimal sentToday) {
    }

    record BalanceWithVerification(Balance balance, Verification verification) {
    }

    record HistoryPage(List<Map<String, Object>> transactions, long total) {
    }

    record Verification(int level, String levelName, String verifiedAt, BigDecimal dailyLimit,
            BigDecimal transactionLimit, BigDecimal monthlyLimit, String currency, boolean p2pSend, boolean canUpgrade,
            List<String> features) {
    }
}
