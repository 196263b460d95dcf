package dev.tmcp.core.event.p2p;

import java.math.BigDecimal;

/**
 * {@code p2p.completed} on {@code tmcp.p2p}: a confirmed transfer whose money has moved.
 * {@code roomId} is where the payment happened (may be null: then no room card is posted).
 */
public record P2pTransferCompleted(
        String transferId,
        BigDecimal amount,
        String currency,
        Party sender,
        Party recipient,
        String roomId,
        String status,
        boolean recipientAcceptanceRequired,
        String note,
        String timestamp) {

    public static final String TYPE = "p2p.completed";

    public record Party(String userId, String walletId) {
    }
}
