package dev.tmcp.core.event.wallet;

import java.math.BigDecimal;

/**
 * {@code wallet.updated} on {@code tmcp.wallet}: a payment flow changed a user's available balance
 * (spec 9.1.2 webhook: {@code user_id, wallet_id, old_balance, new_balance}). {@code miniappId} is
 * the mini-app whose payment or refund it was, {@code reference} that payment's id.
 */
public record WalletUpdated(
        String userId,
        String walletId,
        BigDecimal oldBalance,
        BigDecimal newBalance,
        String currency,
        String miniappId,
        String reason,
        String reference,
        String timestamp) {

    public static final String TYPE = "wallet.updated";
}
