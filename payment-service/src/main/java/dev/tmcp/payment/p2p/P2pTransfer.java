package dev.tmcp.payment.p2p;

import dev.tmcp.core.id.WalletId;
import dev.tmcp.core.money.Money;
import java.time.Instant;

/** A P2P transfer (spec 7.2) and where it is in the state machine of 7.1 / 7.2.7. */
record P2pTransfer(String transferId, String idempotencyKey, String requestHash, String senderUserId,
        String recipientUserId, Money amount, String roomId, String note, String status, WalletId senderWalletId,
        WalletId recipientWalletId, String ledgerTxnId, String eventId, Instant createdAt, boolean acceptanceRequired,
        String recipientStatus, String holdId, Instant expiresAt, Instant decidedAt, String rejectReason,
        String activationUrl) {

    static final String PENDING_AUTHORIZATION = "pending_authorization";
    static final String PENDING_RECIPIENT_ACCEPTANCE = "pending_recipient_acceptance";
    static final String COMPLETED = "completed";
    static final String REJECTED = "rejected";
    static final String EXPIRED = "expired";
    /** Decided, money not yet settled: a crash may leave these; the settlement job finishes them. */
    static final String ACCEPTING = "accepting";
    static final String REJECTING = "rejecting";
    static final String EXPIRING = "expiring";

    /** The final state a decided transfer settles into. */
    static String settled(String deciding) {
        return switch (deciding) {
            case ACCEPTING -> COMPLETED;
            case REJECTING -> REJECTED;
            case EXPIRING -> EXPIRED;
            default -> throw new IllegalArgumentException(deciding);
        };
    }

    /** What clients see: a decided transfer is reported as what it is becoming. */
    String visibleStatus() {
        return switch (status) {
            case ACCEPTING, REJECTING, EXPIRING -> settled(status);
            default -> status;
        };
    }
}
