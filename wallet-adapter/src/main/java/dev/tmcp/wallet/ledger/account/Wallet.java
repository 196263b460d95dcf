package dev.tmcp.wallet.ledger.account;

import dev.tmcp.wallet.provider.AccountProvider.UserStatus;
import java.time.Instant;

/** A user's wallet and account status as the ledger provider keeps it. */
public record Wallet(String walletId, String userId, String userStatus, String currency, String pinHash,
        int verificationLevel, Instant activatedAt, Instant createdAt, Long dailyLimitMinor) {

    public static final String PENDING = UserStatus.PENDING.wire();
    public static final String ACTIVE = UserStatus.ACTIVE.wire();
    public static final String SUSPENDED = UserStatus.SUSPENDED.wire();

    /** The daily limit: the level's, or the user's own lower ceiling (6.3.4 initial_settings). */
    public long dailyLimitMinor(long levelLimit) {
        return dailyLimitMinor == null ? levelLimit : Math.min(levelLimit, dailyLimitMinor);
    }

    public boolean isActive() {
        return ACTIVE.equals(userStatus);
    }

    public String accountId() {
        return accountId(walletId, currency);
    }

    public static String accountId(String walletId, String currency) {
        return "wallet:" + walletId + ":" + currency;
    }

    /** Money sent to this wallet while it was pending, spendable once it is activated (6.3.10). */
    public String incomingAccountId() {
        return "incoming:" + walletId + ":" + currency;
    }

    /** Where money for this wallet lands now: its balance, or its incoming account while pending. */
    public String creditAccountId() {
        return PENDING.equals(userStatus) ? incomingAccountId() : accountId();
    }
}
