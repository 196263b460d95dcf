package dev.tmcp.payment.gift;

import dev.tmcp.core.money.Money;
import java.time.Instant;

/**
 * One user's share of a gift. {@code claimed} is committed together with the gift's decrement;
 * {@code paid} once the wallet captured the share and {@code gift.opened} was written.
 */
record GiftOpening(String giftId, String userId, int rank, Money amount, GiftOpeningStatus status, Instant openedAt,
        String ledgerTxnId, String eventId) {

    /** The capture's reference: a retry, by the opener or the repair job, moves the money once. */
    String captureReference() {
        return "gift:" + giftId + ":open:" + userId;
    }
}
