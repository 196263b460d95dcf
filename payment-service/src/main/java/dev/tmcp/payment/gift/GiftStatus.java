package dev.tmcp.payment.gift;

import java.util.Arrays;

/** Where a gift is (spec 7.1, 7.5), with the name the database and the API use. */
enum GiftStatus {

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

    String wire() {
        return wire;
    }

    static GiftStatus fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a gift status: " + wire));
    }
}
