package dev.tmcp.wallet.balance;

import dev.tmcp.wallet.provider.AccountProvider;
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

    public static BalanceView of(AccountProvider.Balance b, AccountProvider.Verification v) {
        return new BalanceView(b.walletId(), b.userId(), new Balance(b.available(), b.pending(), b.currency()),
                new Limits(v.dailyLimit(), b.sentToday(), v.transactionLimit()),
                new Verification(v.level(), v.levelName(), v.features(), v.canUpgrade(), v.canUpgrade() ? v.level() + 1 : null),
                b.userStatus());
    }
}
