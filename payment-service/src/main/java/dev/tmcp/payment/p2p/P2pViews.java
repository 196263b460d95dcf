package dev.tmcp.payment.p2p;

import dev.tmcp.core.id.WalletId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Response bodies of spec 7.2.3, 7.2.4, 7.2.7 and 7.2.9. */
final class P2pViews {

    private P2pViews() {
    }

    static Map<String, Object> initiated(P2pTransfer t, List<String> methods) {
        Map<String, Object> body = common(t);
        body.put("available_methods", methods);
        return body;
    }

    static Map<String, Object> of(P2pTransfer t) {
        Map<String, Object> body = common(t);
        if (t.eventId() != null) {
            body.put("event_id", t.eventId());
        }
        if (t.expiresAt() != null && t.acceptanceRequired()) {
            body.put("expires_at", t.expiresAt().toString());
        }
        return body;
    }

    static Map<String, Object> accepted(P2pTransfer t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("transfer_id", t.transferId());
        body.put("status", t.visibleStatus().wire());
        body.put("amount", t.amount().toDecimal());
        body.put("currency", t.amount().currencyCode());
        body.put("recipient", party(t.recipientUserId(), t.recipientWalletId()));
        body.put("accepted_at", t.decidedAt() == null ? null : t.decidedAt().toString());
        return body;
    }

    static Map<String, Object> rejected(P2pTransfer t) {
        Map<String, Object> body = new LinkedHashMap<>();
        String at = t.decidedAt() == null ? null : t.decidedAt().toString();
        body.put("transfer_id", t.transferId());
        body.put("status", t.visibleStatus().wire());
        body.put("rejected_at", at);
        body.put("refund_initiated", true);
        // The hold is released to the sender in the same request (or by the settlement job after a crash).
        body.put("refund_expected_at", at);
        return body;
    }

    private static Map<String, Object> common(P2pTransfer t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("transfer_id", t.transferId());
        body.put("status", t.visibleStatus().wire());
        body.put("recipient_acceptance_required", t.acceptanceRequired());
        body.put("amount", t.amount().toDecimal());
        body.put("currency", t.amount().currencyCode());
        body.put("sender", party(t.senderUserId(), t.senderWalletId()));
        // Decision 0026: before the payer's proof is accepted nobody has paid anybody, and the
        // recipient may be a stranger: the answer names them by user id only (as 7.2.3 shows).
        body.put("recipient", party(t.recipientUserId(),
                t.status() == P2pStatus.PENDING_AUTHORIZATION ? null : t.recipientWalletId()));
        if (t.roomId() != null) {
            body.put("room_id", t.roomId());
        }
        if (t.note() != null) {
            body.put("note", t.note());
        }
        body.put("timestamp", t.createdAt().toString());
        return body;
    }

    private static Map<String, Object> party(String userId, WalletId walletId) {
        Map<String, Object> party = new LinkedHashMap<>();
        party.put("user_id", userId);
        if (walletId != null) {
            party.put("wallet_id", walletId.value());
        }
        return party;
    }
}
