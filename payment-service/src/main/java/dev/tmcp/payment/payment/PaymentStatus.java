package dev.tmcp.payment.payment;

import java.util.Arrays;

/** Where a mini-app payment is (spec 7.1, 7.3), with the name the database and the API use. */
public enum PaymentStatus {

    PENDING_AUTHORIZATION("pending_authorization"),
    MFA_REQUIRED("mfa_required"),
    AUTHORIZED("authorized"),
    PROCESSING("processing"),
    COMPLETED("completed"),
    FAILED("failed"),
    EXPIRED("expired"),
    PARTIALLY_REFUNDED("partially_refunded"),
    REFUNDED("refunded");

    private final String wire;

    PaymentStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static PaymentStatus fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a payment status: " + wire));
    }

    /** Still waiting for the payer: authorization (or its MFA step) has not begun to move money. */
    public boolean awaitingPayer() {
        return this == PENDING_AUTHORIZATION || this == MFA_REQUIRED;
    }

    /** Captured to the merchant: completed, possibly refunded since. */
    public boolean settled() {
        return this == COMPLETED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }
}
