package dev.tmcp.payment.refund;

import java.util.Arrays;

/** Where a refund is (spec 7.4), with the name the database and the API use. */
enum RefundStatus {

    /** Reserved against the payment; the wallet has not confirmed the movement yet. */
    PENDING("pending"),
    COMPLETED("completed"),
    FAILED("failed");

    private final String wire;

    RefundStatus(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    static RefundStatus fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a refund status: " + wire));
    }
}
