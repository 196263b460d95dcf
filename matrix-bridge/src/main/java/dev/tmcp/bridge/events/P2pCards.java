package dev.tmcp.bridge.events;

import dev.tmcp.bridge.Bots;
import dev.tmcp.bridge.TweenEventType;
import dev.tmcp.bridge.TweenMsgType;
import dev.tmcp.bridge.outgoing.RoomEvent;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.p2p.P2pTransferCompleted;
import dev.tmcp.core.event.p2p.P2pTransferStatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * P2P transfers (spec 7.2.7, 7.2.8), as {@code @_tmcp_payments}: one {@code m.tween.wallet.p2p}
 * card per transfer (decision 0006), then one {@code m.tween.wallet.p2p.status} per later status
 * change of a transfer that waited for the recipient.
 */
@Component
class P2pCards implements RoomEventRenderer {

    /** Spec 7.2.7: the recipient has 24 hours to accept. */
    private static final Duration ACCEPTANCE_WINDOW = Duration.ofHours(24);

    @Override
    public Map<String, Render> renderers() {
        return Map.of(P2pTransferCompleted.TYPE, this::card, P2pTransferStatusChanged.TYPE, this::status);
    }

    private List<RoomEvent> card(EventEnvelope event) {
        P2pTransferCompleted t = EventCodec.data(event, P2pTransferCompleted.class);
        if (t.roomId() == null) {
            return List.of();
        }
        return List.of(RoomEvent.message(t.roomId(), TweenEventType.WALLET_P2P, Bots.PAYMENTS.localpart(), content(t),
                t.sender().userId()));
    }

    static Map<String, Object> content(P2pTransferCompleted t) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("msgtype", TweenMsgType.MONEY.wire());
        content.put("body", "💸 " + t.sender().userId() + " sent " + Amounts.text(t.amount(), t.currency()) + " to "
                + t.recipient().userId());
        content.put("transfer_id", t.transferId());
        Amounts.put(content, "", t.amount(), t.currency());
        if (t.note() != null) {
            content.put("note", t.note());
        }
        content.put("sender", Map.of("user_id", t.sender().userId()));
        content.put("recipient", Map.of("user_id", t.recipient().userId()));
        content.put("status", t.status());
        content.put("recipient_acceptance_required", t.recipientAcceptanceRequired());
        if (t.recipientAcceptanceRequired() && "pending_recipient_acceptance".equals(t.status())) {
            String expiresAt = expiry(t.timestamp());
            if (expiresAt != null) {
                content.put("expires_at", expiresAt);
            }
            String base = "/wallet/v1/p2p/" + t.transferId();
            content.put("actions", List.of(
                    Map.of("type", "accept", "label", "Confirm Receipt", "endpoint", base + "/accept"),
                    Map.of("type", "reject", "label", "Decline", "endpoint", base + "/reject")));
        }
        content.put("timestamp", t.timestamp());
        return content;
    }

    private List<RoomEvent> status(EventEnvelope event) {
        P2pTransferStatusChanged s = EventCodec.data(event, P2pTransferStatusChanged.class);
        if (s.roomId() == null) {
            return List.of();
        }
        Visual visual = Visual.of(s.status());
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("body", visual.icon() + " Transfer " + s.transferId() + ": " + visual.text());
        content.put("transfer_id", s.transferId());
        content.put("status", s.status());
        String at = s.changedAt() != null ? s.changedAt() : event.time().toString();
        switch (s.status()) {
            case "completed" -> content.put("accepted_at", at);
            case "rejected" -> content.put("rejected_at", at);
            case "expired" -> content.put("expired_at", at);
            default -> content.put("changed_at", at);
        }
        if (s.reason() != null) {
            content.put("reason", s.reason());
        }
        content.put("visual", Map.of("icon", visual.icon(), "color", visual.color(), "status_text", visual.text()));
        String inviter = s.senderUserId() != null ? s.senderUserId() : s.recipientUserId();
        return List.of(RoomEvent.message(s.roomId(), TweenEventType.WALLET_P2P_STATUS, Bots.PAYMENTS.localpart(),
                content, inviter));
    }

    private static String expiry(String timestamp) {
        try {
            return Instant.parse(timestamp).plus(ACCEPTANCE_WINDOW).toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private record Visual(String icon, String color, String text) {

        static Visual of(String status) {
            return switch (status) {
                case "completed" -> new Visual("✓", "green", "Accepted");
                case "rejected" -> new Visual("✗", "red", "Declined");
                case "expired" -> new Visual("⌛", "grey", "Expired, refunded");
                default -> new Visual("⏳", "orange", status);
            };
        }
    }
}
