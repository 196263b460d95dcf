package dev.tmcp.core.event.wallet;

import java.math.BigDecimal;

/**
 * {@code wallet.activation_requested} on {@code tmcp.wallet}: money was sent to a wallet whose
 * user is still {@code pending} (spec 6.3.10); the recipient is asked to activate it.
 * {@code incentive} may be null.
 */
public record AccountActivationRequested(
        String senderUserId,
        String recipientUserId,
        String recipientWalletId,
        BigDecimal amount,
        String currency,
        String roomId,
        String activationUrl,
        Incentive incentive) {

    public static final String TYPE = "wallet.activation_requested";

    public record Incentive(String type, BigDecimal amount, String currency, String expiresAt) {
    }
}
