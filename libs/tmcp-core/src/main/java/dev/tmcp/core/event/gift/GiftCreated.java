package dev.tmcp.core.event.gift;

import java.math.BigDecimal;

/**
 * {@code gift.created} on {@code tmcp.gift}: a group or individual gift was funded (spec 7.5.2).
 * The Kafka key is the gift id, so its openings follow it in order.
 */
public record GiftCreated(
        String giftId,
        String type,
        BigDecimal totalAmount,
        String currency,
        int count,
        String message,
        String senderUserId,
        String roomId,
        String status,
        String createdAt,
        String expiresAt) {

    public static final String TYPE = "gift.created";
}
