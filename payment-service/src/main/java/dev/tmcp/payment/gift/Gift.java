package dev.tmcp.payment.gift;

import dev.tmcp.core.money.Money;
import java.time.Instant;
import java.util.List;

/** A gift (spec 7.5) and where it is in the gift states of 7.1. {@code shares} in minor units. */
record Gift(String giftId, String idempotencyKey, String requestHash, String senderUserId, String type,
        String recipientUserId, String roomId, Money total, int count, int remaining, String distribution,
        List<Long> shares, String message, String status, String holdId, String eventId, Instant expiresAt,
        Long releaseMinor, Instant releasedAt, Instant createdAt) {

    /** Wallet references: the gift's hold, and the release of what nobody opened. */
    static String holdReference(String giftId) {
        return "gift:" + giftId;
    }

    static String releaseReference(String giftId) {
        return "gift:" + giftId + ":expire";
    }


    static final String INDIVIDUAL = "individual";
    static final String GROUP = "group";
    static final String EQUAL = "equal";
    static final String RANDOM = "random";

    /** Stored, but the sender's hold is not confirmed yet: nobody can open it. */
    static final String CREATED = "created";
    static final String ACTIVE = "active";
    static final String PARTIALLY_OPENED = "partially_opened";
    static final String FULLY_OPENED = "fully_opened";
    static final String EXPIRED = "expired";
    /** Never funded and abandoned by its sender's request; nothing was announced. */
    static final String CANCELLED = "cancelled";

    int openedCount() {
        return count - remaining;
    }

    /** The share the next opener takes. */
    Money nextShare() {
        return Money.ofMinor(shares.get(openedCount()), total.currencyCode());
    }

    boolean isExpiredAt(Instant now) {
        return EXPIRED.equals(status) || !now.isBefore(expiresAt);
    }
}
