package dev.tmcp.payment.refund;

import dev.tmcp.core.wire.WireName;

/** Where a refund is (spec 7.4), with the name the database and the API use. */
enum RefundStatus implements WireName {

    /** Reserved against the payment; the wallet has not confirmed the movement yet. */
    PENDING("pending"),
    COMPLETED("completed"),
    FAILED("failed");

    private final String wire;

    RefundStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    static RefundStatus fromWire(String wire) {
        return WireName.of(RefundStatus.class, wire);
    }
}
