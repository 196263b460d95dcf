package dev.tmcp.payment.payment;

import dev.tmcp.core.wire.WireName;

/** Where a mini-app payment is (spec 7.1, 7.3), with the name the database and the API use. */
public enum PaymentStatus implements WireName {

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

    @Override
    public String wire() {
        return wire;
    }

    public static PaymentStatus fromWire(String wire) {
        return WireName.of(PaymentStatus.class, wire);
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
