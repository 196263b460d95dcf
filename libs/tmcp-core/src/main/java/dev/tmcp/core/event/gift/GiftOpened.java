package dev.tmcp.core.event.gift;

import java.math.BigDecimal;
import java.util.List;

/** {@code gift.opened} on {@code tmcp.gift}: one recipient opened a share of a gift (spec 7.5.3). */
public record GiftOpened(
        String giftId,
        String roomId,
        String openedBy,
        BigDecimal amount,
        String currency,
        String openedAt,
        int remainingCount,
        List<LeaderboardEntry> leaderboard) {

    public static final String TYPE = "gift.opened";

    public record LeaderboardEntry(String userId, BigDecimal amount) {
    }
}
