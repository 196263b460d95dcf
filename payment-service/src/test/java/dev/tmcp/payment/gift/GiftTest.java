package dev.tmcp.payment.gift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may take a share of a gift, and what its states and its expiry give back (spec 7.5). */
class GiftTest {

    private static final Instant NOW = Instant.now();

    @Test
    void aMemberMayOpenAnActiveGroupGift() {
        assertThat(group(GiftStatus.ACTIVE, 3).refusalToOpen("@carol:test", NOW)).isEmpty();
    }

    @Test
    void theRecipientMayOpenAnIndividualGift() {
        assertThat(individual(GiftStatus.ACTIVE).refusalToOpen("@bob:test", NOW)).isEmpty();
    }

    @Test
    void someoneElseMayNotOpenAnIndividualGift() {
        assertThat(code(individual(GiftStatus.ACTIVE).refusalToOpen("@carol:test", NOW)))
                .isEqualTo(ErrorCode.NOT_GIFT_RECIPIENT);
    }

    @Test
    void aGiftWhoseHoldIsNotConfirmedCannotBeOpened() {
        assertThat(code(group(GiftStatus.CREATED, 3).refusalToOpen("@carol:test", NOW))).isEqualTo(ErrorCode.INVALID_STATE);
    }

    @Test
    void aGiftCannotBeOpenedFromItsExpiryOn() {
        Gift gift = group(GiftStatus.PARTIALLY_OPENED, 2);

        assertThat(code(gift.refusalToOpen("@carol:test", gift.expiresAt()))).isEqualTo(ErrorCode.GIFT_EXPIRED);
        assertThat(gift.refusalToOpen("@carol:test", gift.expiresAt().minusMillis(1))).isEmpty();
    }

    @Test
    void aGiftMarkedExpiredCannotBeOpenedEvenBeforeItsTime() {
        assertThat(code(group(GiftStatus.EXPIRED, 2).refusalToOpen("@carol:test", NOW))).isEqualTo(ErrorCode.GIFT_EXPIRED);
    }

    @Test
    void aGiftWhoseSharesAreAllTakenCannotBeOpened() {
        assertThat(code(group(GiftStatus.FULLY_OPENED, 0).refusalToOpen("@carol:test", NOW))).isEqualTo(ErrorCode.GIFT_EMPTY);
    }

    @Test
    void theNextOpenerTakesTheNextPrecomputedShare() {
        Gift gift = group(GiftStatus.PARTIALLY_OPENED, 2);

        assertThat(gift.openedCount()).isEqualTo(1);
        assertThat(gift.nextShare()).isEqualTo(Money.ofMinor(300, "USD"));
    }

    @Test
    void takingAShareBeforeTheLastLeavesTheGiftPartiallyOpened() {
        assertThat(group(GiftStatus.ACTIVE, 3).afterShareTaken()).isEqualTo(GiftStatus.PARTIALLY_OPENED);
    }

    @Test
    void takingTheLastShareFullyOpensTheGift() {
        assertThat(group(GiftStatus.PARTIALLY_OPENED, 1).afterShareTaken()).isEqualTo(GiftStatus.FULLY_OPENED);
    }

    @Test
    void expiryReturnsWhatNoOpenerWasGiven() {
        Gift gift = group(GiftStatus.PARTIALLY_OPENED, 2);

        assertThat(gift.atExpiry()).isEqualTo(GiftStatus.EXPIRED);
        assertThat(gift.unshared(200)).isEqualTo(Money.ofMinor(800, "USD"));
    }

    @Test
    void expiryOfAFullyOpenedGiftKeepsItsStatusAndReturnsNothing() {
        Gift gift = group(GiftStatus.FULLY_OPENED, 0);

        assertThat(gift.atExpiry()).isEqualTo(GiftStatus.FULLY_OPENED);
        assertThat(gift.unshared(1000).minorUnits()).isZero();
    }

    @Test
    void statusesKeepTheirWireNames() {
        for (GiftStatus status : GiftStatus.values()) {
            assertThat(GiftStatus.fromWire(status.wire())).isEqualTo(status);
        }
        assertThat(GiftStatus.PARTIALLY_OPENED.wire()).isEqualTo("partially_opened");
    }

    private static ErrorCode code(Optional<TmcpException> refusal) {
        return refusal.map(TmcpException::code).orElse(null);
    }

    /** 10.00 in three shares of 2.00, 3.00 and 5.00; {@code remaining} of them not taken yet. */
    static Gift group(GiftStatus status, int remaining) {
        return new Gift("gift_1", "key", "hash", "@alice:test", Gift.GROUP, null, "!room:test",
                Money.ofMinor(1000, "USD"), 3, remaining, Gift.RANDOM, List.of(200L, 300L, 500L), null, status, "hold_1",
                null, NOW.plusSeconds(3600), null, null, NOW.minusSeconds(60));
    }

    static Gift individual(GiftStatus status) {
        return new Gift("gift_2", "key", "hash", "@alice:test", Gift.INDIVIDUAL, "@bob:test", null,
                Money.ofMinor(500, "USD"), 1, 1, Gift.EQUAL, List.of(500L), null, status, "hold_2", null,
                NOW.plusSeconds(3600), null, null, NOW.minusSeconds(60));
    }
}
