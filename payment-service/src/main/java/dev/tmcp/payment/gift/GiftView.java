package dev.tmcp.payment.gift;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.math.BigDecimal;
import java.util.List;

/** A gift as spec 7.5.2 shows it, on creation and on a status read. */
@JsonInclude(Include.NON_NULL)
record GiftView(String giftId, String status, String type, BigDecimal totalAmount, String currency, int count,
        int remaining, String distribution, Sender sender, String recipient, String roomId, String message,
        List<OpenedBy> openedBy, String createdAt, String expiresAt, String eventId) {

    static GiftView of(Gift g, List<GiftOpening> openings) {
        return new GiftView(g.giftId(), g.status().wire(), g.type(), g.total().toDecimal(), g.total().currencyCode(),
                g.count(), g.remaining(), Gift.GROUP.equals(g.type()) ? g.distribution() : null,
                new Sender(g.senderUserId()), g.recipientUserId(), g.roomId(), g.message(),
                openings.stream().map(OpenedBy::of).toList(), g.createdAt().toString(), g.expiresAt().toString(),
                g.eventId());
    }

    record Sender(String userId) {
    }

    record OpenedBy(String userId, BigDecimal amount, String openedAt, int rank) {

        static OpenedBy of(GiftOpening o) {
            return new OpenedBy(o.userId(), o.amount().toDecimal(), o.openedAt().toString(), o.rank());
        }
    }

    /** Spec 7.5.3: what the opener received. */
    @JsonInclude(Include.NON_NULL)
    record Opened(String giftId, BigDecimal amountReceived, String currency, String message, Sender sender,
            String openedAt, Stats stats, String eventId) {

        static Opened of(Gift g, GiftOpening o) {
            return new Opened(g.giftId(), o.amount().toDecimal(), o.amount().currencyCode(), g.message(),
                    new Sender(g.senderUserId()), o.openedAt().toString(),
                    new Stats(g.openedCount(), g.remaining(), o.rank()), o.eventId());
        }
    }

    record Stats(int totalOpened, int totalRemaining, int yourRank) {
    }
}
