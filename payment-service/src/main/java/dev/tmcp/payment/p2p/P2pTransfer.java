package dev.tmcp.payment.p2p;

import dev.tmcp.core.id.WalletId;
import dev.tmcp.core.money.Money;
import java.time.Instant;

/** A P2P transfer (spec 7.2) and where it is in the state machine of 7.1 / 7.2.7. */
record P2pTransfer(String transferId, String idempotencyKey, String requestHash, String senderUserId,
        String recipientUserId, Money amount, String roomId, String note, P2pStatus status, WalletId senderWalletId,
        WalletId recipientWalletId, String ledgerTxnId, String eventId, Instant createdAt, boolean acceptanceRequired,
        String recipientStatus, String holdId, Instant expiresAt, Instant decidedAt, String rejectReason,
        String activationUrl) {

    /** What clients see: a decided transfer is reported as what it is becoming. */
    P2pStatus visibleStatus() {
        return status.visible();
    }
}
