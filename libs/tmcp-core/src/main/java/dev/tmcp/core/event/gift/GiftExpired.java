package dev.tmcp.core.event.gift;

import java.math.BigDecimal;

/**
 * {@code gift.expired} on {@code tmcp.gift}: a gift reached its expiry with shares unopened, and
 * what they held went back to the sender ({@code refunded_amount}).
 */
public record GiftExpired(
        String giftId,
        String roomId,
        String senderUserId,
        BigDecimal refundedAmount,
        String currency,
        int openedCount,
        int unopenedCount,
        String expiredAt) {

    public static final String TYPE = "gift.expired";
}
