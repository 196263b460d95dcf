package dev.tmcp.payment.p2p;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.tmcp.core.id.WalletId;
import java.math.BigDecimal;
import java.util.List;

/**
 * A transfer as spec 7.2.3 (initiated, with {@code available_methods}), 7.2.4 and 7.2.9 (read,
 * with {@code event_id}, {@code expires_at} and, on a read, {@code matrix_event_id}) show it.
 */
@JsonInclude(Include.NON_NULL)
record P2pView(String transferId, String status, boolean recipientAcceptanceRequired, BigDecimal amount,
        String currency, Party sender, Party recipient, String roomId, String note, String timestamp,
        List<String> availableMethods, String eventId, String expiresAt, String matrixEventId) {

    static P2pView initiated(P2pTransfer t, List<String> methods) {
        return common(t, methods, null, null);
    }

    static P2pView of(P2pTransfer t) {
        String expiresAt = t.expiresAt() != null && t.acceptanceRequired() ? t.expiresAt().toString() : null;
        return common(t, null, t.eventId(), expiresAt);
    }

    P2pView withMatrixEventId(String matrixEventId) {
        return new P2pView(transferId, status, recipientAcceptanceRequired, amount, currency, sender, recipient, roomId,
                note, timestamp, availableMethods, eventId, expiresAt, matrixEventId);
    }

    private static P2pView common(P2pTransfer t, List<String> methods, String eventId, String expiresAt) {
        // Decision 0026: before the payer's proof is accepted nobody has paid anybody, and the
        // recipient may be a stranger: the answer names them by user id only (as 7.2.3 shows).
        Party recipient = Party.of(t.recipientUserId(),
                t.status() == P2pStatus.PENDING_AUTHORIZATION ? null : t.recipientWalletId());
        return new P2pView(t.transferId(), t.visibleStatus().wire(), t.acceptanceRequired(), t.amount().toDecimal(),
                t.amount().currencyCode(), Party.of(t.senderUserId(), t.senderWalletId()), recipient, t.roomId(),
                t.note(), t.createdAt().toString(), methods, eventId, expiresAt, null);
    }

    @JsonInclude(Include.NON_NULL)
    record Party(String userId, String walletId) {

        static Party of(String userId, WalletId walletId) {
            return new Party(userId, walletId == null ? null : walletId.value());
        }
    }

    /** Spec 7.2.7: the recipient accepted. */
    @JsonInclude(Include.NON_NULL)
    record Accepted(String transferId, String status, BigDecimal amount, String currency, Party recipient,
            String acceptedAt) {

        static Accepted of(P2pTransfer t) {
            return new Accepted(t.transferId(), t.visibleStatus().wire(), t.amount().toDecimal(),
                    t.amount().currencyCode(), Party.of(t.recipientUserId(), t.recipientWalletId()),
                    t.decidedAt() == null ? null : t.decidedAt().toString());
        }
    }

    /** Spec 7.2.7: the recipient rejected; the sender gets the hold back. */
    @JsonInclude(Include.NON_NULL)
    record Rejected(String transferId, String status, String rejectedAt, boolean refundInitiated,
            String refundExpectedAt) {

        static Rejected of(P2pTransfer t) {
            String at = t.decidedAt() == null ? null : t.decidedAt().toString();
            // The hold is released to the sender in the same request (or by the settlement job after a crash).
            return new Rejected(t.transferId(), t.visibleStatus().wire(), at, true, at);
        }
    }
}
