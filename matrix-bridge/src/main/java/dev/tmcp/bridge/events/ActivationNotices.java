package dev.tmcp.bridge.events;

import dev.tmcp.bridge.Bots;
import dev.tmcp.bridge.TweenEventType;
import dev.tmcp.bridge.TweenMsgType;
import dev.tmcp.bridge.outgoing.RoomEvent;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.wallet.AccountActivationRequested;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code m.tween.account.activate} (spec 6.3.10, 8.1.4) as the system bot {@code @_tmcp}, into the
 * room where the money was sent, or the recipient's notices room when there is none.
 */
@Component
class ActivationNotices implements RoomEventRenderer {

    @Override
    public Map<String, Render> renderers() {
        return Map.of(AccountActivationRequested.TYPE, this::render);
    }

    private List<RoomEvent> render(EventEnvelope event) {
        AccountActivationRequested a = EventCodec.data(event, AccountActivationRequested.class);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("msgtype", TweenMsgType.ACCOUNT_ACTIVATION.wire());
        c.put("body", "You received " + Amounts.text(a.amount(), a.currency())
                + ". Activate your account to access your funds.");
        c.put("sender", a.senderUserId());
        c.put("recipient", a.recipientUserId());
        c.put("wallet_id", a.recipientWalletId());
        Amounts.put(c, "", a.amount(), a.currency());
        c.put("activation_url", a.activationUrl());
        if (a.incentive() != null) {
            Map<String, Object> incentive = new LinkedHashMap<>();
            incentive.put("type", a.incentive().type());
            Amounts.put(incentive, "", a.incentive().amount(), a.incentive().currency());
            if (a.incentive().expiresAt() != null) {
                incentive.put("expires_at", a.incentive().expiresAt());
            }
            c.put("incentive", incentive);
        }
        String room = a.roomId() != null ? a.roomId() : a.recipientUserId();
        return List.of(RoomEvent.message(room, TweenEventType.ACCOUNT_ACTIVATE, Bots.SYSTEM.localpart(), c,
                a.senderUserId()));
    }
}
