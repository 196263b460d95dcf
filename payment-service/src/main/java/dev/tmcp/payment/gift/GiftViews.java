package dev.tmcp.payment.gift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Response bodies of spec 7.5.2 (also the gift's status read) and 7.5.3. */
final class GiftViews {

    private GiftViews() {
    }

    static Map<String, Object> gift(Gift g, List<GiftOpening> openings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gift_id", g.giftId());
        body.put("status", g.status().wire());
        body.put("type", g.type());
        body.put("total_amount", g.total().toDecimal());
        body.put("currency", g.total().currencyCode());
        body.put("count", g.count());
        body.put("remaining", g.remaining());
        if (Gift.GROUP.equals(g.type())) {
            body.put("distribution", g.distribution());
        }
        body.put("sender", Map.of("user_id", g.senderUserId()));
        if (g.recipientUserId() != null) {
            body.put("recipient", g.recipientUserId());
        }
        if (g.roomId() != null) {
            body.put("room_id", g.roomId());
        }
        if (g.message() != null) {
            body.put("message", g.message());
        }
        body.put("opened_by", openings.stream().map(GiftViews::openedBy).toList());
        body.put("created_at", g.createdAt().toString());
        body.put("expires_at", g.expiresAt().toString());
        if (g.eventId() != null) {
            body.put("event_id", g.eventId());
        }
        return body;
    }

    static Map<String, Object> opened(Gift g, GiftOpening o) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gift_id", g.giftId());
        body.put("amount_received", o.amount().toDecimal());
        body.put("currency", o.amount().currencyCode());
        if (g.message() != null) {
            body.put("message", g.message());
        }
        body.put("sender", Map.of("user_id", g.senderUserId()));
        body.put("opened_at", o.openedAt().toString());
        body.put("stats", Map.of("total_opened", g.openedCount(), "total_remaining", g.remaining(),
                "your_rank", o.rank()));
        if (o.eventId() != null) {
            body.put("event_id", o.eventId());
        }
        return body;
    }

    private static Map<String, Object> openedBy(GiftOpening o) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("user_id", o.userId());
        row.put("amount", o.amount().toDecimal());
        row.put("opened_at", o.openedAt().toString());
        row.put("rank", o.rank());
        return row;
    }
}
