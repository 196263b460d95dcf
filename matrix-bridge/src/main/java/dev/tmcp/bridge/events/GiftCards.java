package dev.tmcp.bridge.events;

import dev.tmcp.bridge.Bots;
import dev.tmcp.bridge.TweenEventType;
import dev.tmcp.bridge.TweenMsgType;
import dev.tmcp.bridge.outgoing.RoomEvent;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.gift.GiftCreated;
import dev.tmcp.core.event.gift.GiftOpened;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Group gifts (spec 7.5.4) as {@code @_tmcp_gifts}: {@code m.tween.gift} once, {@code m.tween.gift.opened} per opening. */
@Component
class GiftCards implements RoomEventRenderer {

    @Override
    public Map<String, Render> renderers() {
        return Map.of(GiftCreated.TYPE, this::created, GiftOpened.TYPE, this::opened);
    }

    private List<RoomEvent> created(EventEnvelope event) {
        GiftCreated g = EventCodec.data(event, GiftCreated.class);
        if (g.roomId() == null) {
            return List.of();
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("msgtype", TweenMsgType.GIFT.wire());
        c.put("body", "🎁 Gift: " + Amounts.text(g.totalAmount(), g.currency())
                + (g.message() != null ? " — " + g.message() : ""));
        c.put("gift_id", g.giftId());
        c.put("type", g.type());
        Amounts.put(c, "total_", g.totalAmount(), g.currency());
        c.put("count", g.count());
        if (g.message() != null) {
            c.put("message", g.message());
        }
        c.put("sender", Map.of("user_id", g.senderUserId()));
        c.put("status", g.status() != null ? g.status() : "active");
        c.put("opened_count", 0);
        if (g.expiresAt() != null) {
            c.put("expires_at", g.expiresAt());
        }
        c.put("actions", List.of(Map.of("type", "open", "label", "Open Gift",
                "endpoint", "/wallet/v1/gift/" + g.giftId() + "/open")));
        return List.of(RoomEvent.message(g.roomId(), TweenEventType.GIFT, Bots.GIFTS.localpart(), c, g.senderUserId()));
    }

    private List<RoomEvent> opened(EventEnvelope event) {
        GiftOpened g = EventCodec.data(event, GiftOpened.class);
        if (g.roomId() == null) {
            return List.of();
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("body", "🎁 " + g.openedBy() + " got " + Amounts.text(g.amount(), g.currency()) + " ("
                + g.remainingCount() + " left)");
        c.put("gift_id", g.giftId());
        c.put("opened_by", g.openedBy());
        Amounts.put(c, "", g.amount(), g.currency());
        c.put("opened_at", g.openedAt());
        c.put("remaining_count", g.remainingCount());
        List<Map<String, Object>> leaderboard = g.leaderboard() == null ? List.of() : g.leaderboard().stream()
                .map(entry -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("user", entry.userId());
                    Amounts.put(row, "", entry.amount(), g.currency());
                    row.remove("currency");
                    return row;
                })
                .toList();
        c.put("leaderboard", leaderboard);
        return List.of(RoomEvent.message(g.roomId(), TweenEventType.GIFT_OPENED, Bots.GIFTS.localpart(), c,
                g.openedBy()));
    }
}
