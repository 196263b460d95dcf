package dev.tmcp.payment.gift;

import dev.tmcp.core.wire.WireName;

/** Where one user's share of a gift is, with the name the database uses ({@code gift_opening.status}). */
enum GiftOpeningStatus implements WireName {

    /** Taken under the gift's row lock with the gift's decrement; the wallet has not captured it yet. */
    CLAIMED("claimed"),
    /** Captured by the wallet, and {@code gift.opened} written. */
    PAID("paid"),
    /** The wallet turned the recipient away for good; the share goes back to the sender (ADR 0037). */
    REFUSED("refused");

    private final String wire;

    GiftOpeningStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    static GiftOpeningStatus fromWire(String wire) {
        return WireName.of(GiftOpeningStatus.class, wire);
    }
}
