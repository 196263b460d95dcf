package dev.tmcp.wallet.balance;

import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.account.VerificationLevel;
import dev.tmcp.wallet.account.Wallet;
import java.math.BigDecimal;
import java.util.List;

/** The response of {@code GET /wallet/v1/balance} (spec 6.2.1). */
public record BalanceView(String walletId, String userId, Balance balance, Limits limits, Verification verification,
        String status) {

    public record Balance(BigDecimal available, BigDecimal pending, String currency) {
    }

    public record Limits(BigDecimal dailyLimit, BigDecimal dailyUsed, BigDecimal transactionLimit) {
    }

    public record Verification(int level, String levelName, List<String> features, boolean canUpgrade, Integer nextLevel) {
    }

    public static BalanceView of(Wallet wallet, long availableMinor, long pendingMinor, long sentTodayMinor) {
        String currency = wallet.currency();
        VerificationLevel level = VerificationLevel.of(wallet.verificationLevel());
        return new BalanceView(wallet.walletId(), wallet.userId(),
                new Balance(decimal(availableMinor, currency), decimal(pendingMinor, currency), currency),
                new Limits(decimal(level.dailyLimitMinor(), currency), decimal(sentTodayMinor, currency),
                        decimal(level.transactionLimitMinor(), currency)),
                new Verification(level.level(), level.displayName(), level.features(), level.canUpgrade(),
                        level.canUpgrade() ? level.level() + 1 : null),
                wallet.userStatus());
    }

    static BigDecimal decimal(long minor, String currency) {
        return Money.ofMinor(minor, currency).toDecimal();
    }
}
