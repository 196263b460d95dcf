package dev.tmcp.payment.gift;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A gift (spec 7.5) and where it is in the gift states of 7.1. {@code shares} in minor units. */
record Gift(String giftId, String idempotencyKey, String requestHash, String senderUserId, String type,
        String recipientUserId, String roomId, Money total, int count, int remaining, String distribution,
        List<Long> shares, String message, GiftStatus status, String holdId, String eventId, Instant expiresAt,
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

    int openedCount() {
        return count - remaining;
    }

    /** The share the next opener takes. */
    Money nextShare() {
        return Money.ofMinor(shares.get(openedCount()), total.currencyCode());
    }

    boolean isExpiredAt(Instant now) {
        return status == GiftStatus.EXPIRED || !now.isBefore(expiresAt);
    }

    /** Why {@code userId}, who holds no share of this gift yet, may not take one now; empty when they may. */
    Optional<TmcpException> refusalToOpen(String userId, Instant now) {
        if (INDIVIDUAL.equals(type) && !recipientUserId.equals(userId)) {
            return Optional.of(new TmcpException(ErrorCode.NOT_GIFT_RECIPIENT, "This gift is for someone else"));
        }
        if (status == GiftStatus.CREATED) {
            return Optional.of(new TmcpException(ErrorCode.INVALID_STATE, "The gift is not funded yet"));
        }
        if (isExpiredAt(now)) {
            return Optional.of(new TmcpException(ErrorCode.GIFT_EXPIRED, "The gift has expired"));
        }
        if (remaining == 0) {
            return Optional.of(new TmcpException(ErrorCode.GIFT_EMPTY, "Gift has already been fully opened"));
        }
        return Optional.empty();
    }

    /** The status once the next share is taken. */
    GiftStatus afterShareTaken() {
        return remaining == 1 ? GiftStatus.FULLY_OPENED : GiftStatus.PARTIALLY_OPENED;
    }

    /** The status an expiring gift settles into: one nobody can open any more keeps {@code fully_opened}. */
    GiftStatus atExpiry() {
        return remaining == 0 ? GiftStatus.FULLY_OPENED : GiftStatus.EXPIRED;
    }

    /** What goes back to the sender at expiry: all the hold but what openers were given (or are being given). */
    Money unshared(long sharedMinor) {
        return Money.ofMinor(total.minorUnits() - sharedMinor, total.currencyCode());
    }
}
