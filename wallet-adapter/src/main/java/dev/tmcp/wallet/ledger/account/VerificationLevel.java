package dev.tmcp.wallet.ledger.account;

import java.util.List;

/** Verification levels of spec 6.4 with their limits in minor units. */
public enum VerificationLevel {
    UNVERIFIED(0, "Unverified", 0, 0, 0, List.of("receive_only")),
    BASIC(1, "Basic", 100_000, 250_000, 1_000_000, List.of("p2p_transfers", "miniapp_payments")),
    ID_VERIFIED(2, "ID Verified", 5_000_000, 10_000_000, 40_000_000, List.of("standard_transactions", "weekly_limit"));

    private final int level;
    private final String displayName;
    private final long transactionLimitMinor;
    private final long dailyLimitMinor;
    private final long monthlyLimitMinor;
    private final List<String> features;

    VerificationLevel(int level, String displayName, long transactionLimitMinor, long dailyLimitMinor,
            long monthlyLimitMinor, List<String> features) {
        this.monthlyLimitMinor = monthlyLimitMinor;
        this.level = level;
        this.displayName = displayName;
        this.transactionLimitMinor = transactionLimitMinor;
        this.dailyLimitMinor = dailyLimitMinor;
        this.features = features;
    }

    public static VerificationLevel of(int level) {
        for (VerificationLevel candidate : values()) {
            if (candidate.level == level) {
                return candidate;
            }
        }
        return UNVERIFIED;
    }

    public int level() {
        return level;
    }

    public String displayName() {
        return displayName;
    }

    public long transactionLimitMinor() {
        return transactionLimitMinor;
    }

    public long dailyLimitMinor() {
        return dailyLimitMinor;
    }

    public long monthlyLimitMinor() {
        return monthlyLimitMinor;
    }

    /** Whether this level may send P2P transfers (spec 6.4.3 {@code p2p_send}). */
    public boolean p2pSend() {
        return this != UNVERIFIED;
    }

    public List<String> features() {
        return features;
    }

    public boolean canUpgrade() {
        return this != ID_VERIFIED;
    }
}
