package dev.tmcp.core.event.p2p;

/**
 * {@code p2p.status_changed} on {@code tmcp.p2p}: a transfer that waited for the recipient's
 * acceptance (spec 7.2.7) was accepted ({@code completed}), rejected or expired. {@code roomId} is
 * the room of the original card (may be null: then nothing is posted).
 */
public record P2pTransferStatusChanged(
        String transferId,
        String status,
        String roomId,
        String senderUserId,
        String recipientUserId,
        String reason,
        String changedAt) {

    public static final String TYPE = "p2p.status_changed";
}
