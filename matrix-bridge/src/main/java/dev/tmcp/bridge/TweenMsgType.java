package dev.tmcp.bridge;

import dev.tmcp.core.wire.WireName;

/** The {@code msgtype} values of the suite's room events (spec 8.1), with their Matrix names. */
public enum TweenMsgType implements WireName {

    /** A P2P transfer's card. */
    MONEY("m.tween.money"),
    /** A mini-app payment's receipt. */
    PAYMENT("m.tween.payment"),
    GIFT("m.tween.gift"),
    ACCOUNT_ACTIVATION("m.tween.account_activation"),
    /** A mini-app's rich card in an {@code m.room.message} (spec 8.1.3). */
    CARD("m.tween.card");

    private final String wire;

    TweenMsgType(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static TweenMsgType fromWire(String wire) {
        return WireName.of(TweenMsgType.class, wire);
    }
}
