package dev.tmcp.payment.gift;

import dev.tmcp.core.wire.WireName;

/** Where a gift is (spec 7.1, 7.5), with the name the database and the API use. */
enum GiftStatus implements WireName {

    /** Stored, but the sender's hold is not confirmed yet: nobody can open it. */
    CREATED("created"),
    ACTIVE("active"),
    PARTIALLY_OPENED("partially_opened"),
    FULLY_OPENED("fully_opened"),
    EXPIRED("expired"),
    /** Never funded and abandoned by its sender's request; nothing was announced. */
    CANCELLED("cancelled");

    private final String wire;

    GiftStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    static GiftStatus fromWire(String wire) {
        return WireName.of(GiftStatus.class, wire);
    }
}
