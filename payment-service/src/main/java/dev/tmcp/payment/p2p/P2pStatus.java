package dev.tmcp.payment.p2p;

import dev.tmcp.core.wire.WireName;

/**
 * Where a transfer is (spec 7.1, 7.2.7), with the name the database and the API use. The three
 * deciding states are this service's own: a decision recorded under the row lock whose money is
 * not settled yet.
 */
enum P2pStatus implements WireName {

    PENDING_AUTHORIZATION("pending_authorization"),
    PENDING_RECIPIENT_ACCEPTANCE("pending_recipient_acceptance"),
    COMPLETED("completed"),
    REJECTED("rejected"),
    EXPIRED("expired"),
    ACCEPTING("accepting"),
    REJECTING("rejecting"),
    EXPIRING("expiring");

    private final String wire;

    P2pStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    static P2pStatus fromWire(String wire) {
        return WireName.of(P2pStatus.class, wire);
    }

    boolean deciding() {
        return this == ACCEPTING || this == REJECTING || this == EXPIRING;
    }

    /** The final state a decided transfer settles into. */
    P2pStatus settled() {
        return switch (this) {
            case ACCEPTING -> COMPLETED;
            case REJECTING -> REJECTED;
            case EXPIRING -> EXPIRED;
            default -> throw new IllegalStateException(wire + " is no decision");
        };
    }

    /** What clients see: a decided transfer is reported as what it is becoming. */
    P2pStatus visible() {
        return deciding() ? settled() : this;
    }
}
