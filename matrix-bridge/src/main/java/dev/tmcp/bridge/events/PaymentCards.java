package dev.tmcp.bridge.events;

import dev.tmcp.bridge.Bots;
import dev.tmcp.bridge.TweenEventType;
import dev.tmcp.bridge.TweenMsgType;
import dev.tmcp.bridge.outgoing.RoomEvent;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.payment.Payer;
import dev.tmcp.core.event.payment.PaymentCompleted;
import dev.tmcp.core.event.payment.PaymentFailed;
import dev.tmcp.core.event.payment.PaymentRefunded;
import dev.tmcp.core.event.payment.PaymentSent;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Mini-app payment receipts (spec 4.11.3–4.11.4, 8.1.2) as {@code @_tmcp_payments}:
 * {@code m.tween.payment.sent|completed|failed|refunded}, one per fact, into the room the mini-app
 * was launched from. The content is 4.11.4's card plus 8.1.2's top-level {@code payment_id},
 * {@code txn_id}, {@code status} and amount.
 */
@Component
class PaymentCards implements RoomEventRenderer {

    @Override
    public Map<String, Render> renderers() {
        return Map.of(PaymentSent.TYPE, this::sent, PaymentCompleted.TYPE, this::completed,
                PaymentFailed.TYPE, this::failed, PaymentRefunded.TYPE, this::refunded);
    }

    private List<RoomEvent> sent(EventEnvelope event) {
        PaymentSent p = EventCodec.data(event, PaymentSent.class);
        Map<String, Object> c = card("sent", "processing", "payment_pending", "#FFC107", p.paymentId(), null,
                p.amount(), p.currency(), p.payer(), p.miniappId(), p.miniappName(), p.description(), p.timestamp());
        c.put("body", "⏳ Paying " + Amounts.text(p.amount(), p.currency()) + " to " + name(p.miniappName(), p.miniappId()));
        return toRoom(p.roomId(), TweenEventType.PAYMENT_SENT, c, p.payer());
    }

    private List<RoomEvent> completed(EventEnvelope event) {
        PaymentCompleted p = EventCodec.data(event, PaymentCompleted.class);
        Map<String, Object> c = card("completed", "completed", "payment_completed", "#4CAF50", p.paymentId(),
                p.txnId(), p.amount(), p.currency(), p.payer(), p.miniappId(), p.miniappName(), p.description(),
                p.timestamp());
        c.put("body", "💰 Paid " + Amounts.text(p.amount(), p.currency()) + " to " + name(p.miniappName(), p.miniappId()));
        if (p.txnId() != null) {
            c.put("actions", List.of(Map.of("type", "view_receipt", "label", "View Details",
                    "endpoint", "/wallet/v1/transactions/" + p.txnId())));
        }
        return toRoom(p.roomId(), TweenEventType.PAYMENT_COMPLETED, c, p.payer());
    }

    private List<RoomEvent> failed(EventEnvelope event) {
        PaymentFailed p = EventCodec.data(event, PaymentFailed.class);
        Map<String, Object> c = card("failed", "failed", "payment_failed", "#F44336", p.paymentId(), null,
                p.amount(), p.currency(), p.payer(), p.miniappId(), p.miniappName(), null, p.timestamp());
        c.put("body", "❌ Payment of " + Amounts.text(p.amount(), p.currency()) + " to "
                + name(p.miniappName(), p.miniappId()) + " failed" + (p.errorMessage() != null ? ": " + p.errorMessage() : ""));
        Map<String, Object> error = new LinkedHashMap<>();
        if (p.errorCode() != null) {
            error.put("code", p.errorCode());
        }
        if (p.errorMessage() != null) {
            error.put("message", p.errorMessage());
        }
        c.put("error", error);
        return toRoom(p.roomId(), TweenEventType.PAYMENT_FAILED, c, p.payer());
    }

    private List<RoomEvent> refunded(EventEnvelope event) {
        PaymentRefunded p = EventCodec.data(event, PaymentRefunded.class);
        Map<String, Object> c = card("refunded", "refunded", "payment_refunded", "#2196F3", p.paymentId(), p.txnId(),
                p.amount(), p.currency(), p.payer(), p.miniappId(), p.miniappName(), null, p.timestamp());
        c.put("body", "↩️ " + name(p.miniappName(), p.miniappId()) + " refunded " + Amounts.text(p.amount(), p.currency()));
        c.put("refund_id", p.refundId());
        if (p.reason() != null) {
            c.put("reason", p.reason());
        }
        return toRoom(p.roomId(), TweenEventType.PAYMENT_REFUNDED, c, p.payer());
    }

    private static Map<String, Object> card(String paymentType, String status, String icon, String color, String paymentId,
            String txnId, BigDecimal amount, String currency, Payer payer, String miniappId, String miniappName,
            String note, String timestamp) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("msgtype", TweenMsgType.PAYMENT.wire());
        c.put("body", "");
        c.put("payment_type", paymentType);
        c.put("payment_id", paymentId);
        if (txnId != null) {
            c.put("txn_id", txnId);
        }
        c.put("status", status);
        Amounts.put(c, "", amount, currency);
        c.put("visual", Map.of("card_type", "payment_receipt", "icon", icon, "background_color", color));
        Map<String, Object> transaction = new LinkedHashMap<>();
        if (txnId != null) {
            transaction.put("txn_id", txnId);
        }
        Amounts.put(transaction, "", amount, currency);
        c.put("transaction", transaction);
        c.put("sender", Map.of("user_id", payer.userId()));
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("miniapp_id", miniappId);
        recipient.put("name", name(miniappName, miniappId));
        c.put("recipient", recipient);
        if (note != null) {
            c.put("note", note);
        }
        if (timestamp != null) {
            c.put("timestamp", timestamp);
        }
        return c;
    }

    private static String name(String miniappName, String miniappId) {
        return miniappName != null ? miniappName : miniappId;
    }

    private static List<RoomEvent> toRoom(String roomId, TweenEventType type, Map<String, Object> content,
            Payer payer) {
        if (roomId == null) {
            return List.of();
        }
        return List.of(RoomEvent.message(roomId, type, Bots.PAYMENTS.localpart(), content, payer.userId()));
    }
}
