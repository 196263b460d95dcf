package dev.tmcp.payment.gift;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.gift.GiftCreated;
import dev.tmcp.core.event.gift.GiftExpired;
import dev.tmcp.core.event.gift.GiftOpened;
import dev.tmcp.core.money.Money;
import java.time.Instant;
import java.util.List;

/** The {@code tmcp.gift} events; the subject (Kafka key) is the gift id, so a gift's events stay in order. */
final class GiftEvents {

    private static final String SOURCE = "payment-service";

    private GiftEvents() {
    }

    static EventEnvelope created(Gift g) {
        return EventCodec.envelope(GiftCreated.TYPE, SOURCE, g.giftId(), new GiftCreated(g.giftId(), g.type(),
                g.total().toDecimal(), g.total().currencyCode(), g.count(), g.message(), g.senderUserId(), g.roomId(),
                GiftStatus.ACTIVE.wire(), g.createdAt().toString(), g.expiresAt().toString()));
    }

    static EventEnvelope opened(Gift g, GiftOpening o, List<GiftOpening> leaderboard) {
        List<GiftOpened.LeaderboardEntry> board = leaderboard.stream()
                .map(e -> new GiftOpened.LeaderboardEntry(e.userId(), e.amount().toDecimal()))
                .toList();
        return EventCodec.envelope(GiftOpened.TYPE, SOURCE, g.giftId(), new GiftOpened(g.giftId(), g.roomId(),
                o.userId(), o.amount().toDecimal(), o.amount().currencyCode(), o.openedAt().toString(), g.remaining(),
                board));
    }

    static EventEnvelope expired(Gift g, Money refunded) {
        return EventCodec.envelope(GiftExpired.TYPE, SOURCE, g.giftId(), new GiftExpired(g.giftId(), g.roomId(),
                g.senderUserId(), refunded.toDecimal(), refunded.currencyCode(), g.openedCount(), g.remaining(),
                Instant.now().toString()));
    }
}
