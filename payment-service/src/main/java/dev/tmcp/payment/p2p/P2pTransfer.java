package dev.tmcp.payment.p2p;

import dev.tmcp.core.money.Money;
import java.time.Instant;

/** A P2P transfer (spec 7.2) and where it is in the state machine of 7.1. */
record P2pTransfer(String transferId, String idempotencyKey, String requestHash, String senderUserId,
        String recipientUserId, Money amount, String roomId, String note, String status, String senderWalletId,
        String recipientWalletId, String ledgerTxnId, String eventId, Instant createdAt) {

    static final String PENDING_AUTHORIZATION = "pending_authorization";
    static final String COMPLETED = "completed";
}
