package dev.tmcp.bridge;

import dev.tmcp.core.wire.WireName;

/**
 * The Tween event types of spec 8.1 with their Matrix names: the ones the bridge sends into rooms
 * and the two it takes in from clients. The Matrix core types ({@code m.room.message},
 * {@code m.room.member}) are not here: they are Matrix's, not the suite's.
 */
public enum TweenEventType implements WireName {

    /** A P2P transfer's card (spec 7.2.7, decision 0006). */
    WALLET_P2P("m.tween.wallet.p2p"),
    /** A later status of a transfer that waited for its recipient (spec 7.2.8). */
    WALLET_P2P_STATUS("m.tween.wallet.p2p.status"),
    PAYMENT_SENT("m.tween.payment.sent"),
    PAYMENT_COMPLETED("m.tween.payment.completed"),
    PAYMENT_FAILED("m.tween.payment.failed"),
    PAYMENT_REFUNDED("m.tween.payment.refunded"),
    GIFT("m.tween.gift"),
    GIFT_OPENED("m.tween.gift.opened"),
    MINIAPP_INSTALLED("m.tween.miniapp.installed"),
    MINIAPP_UNINSTALLED("m.tween.miniapp.uninstalled"),
    MINIAPP_UPDATED("m.tween.miniapp.updated"),
    MINIAPP_WEBHOOK_DISABLED("m.tween.miniapp.webhook_disabled"),
    ACCOUNT_ACTIVATE("m.tween.account.activate"),
    /** The state event, keyed by the mini-app id, that says whether the user authorizes the app (spec 5.6, decision 0017). */
    AUTHORIZATION("m.room.tween.authorization"),
    /** Inbound, from a client: a payment request in a room. */
    PAYMENT_REQUEST("m.tween.payment.request"),
    /** Inbound, from a client: a mini-app launched from a room. */
    MINIAPP_LAUNCH("m.tween.miniapp.launch");

    private final String wire;

    TweenEventType(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static TweenEventType fromWire(String wire) {
        return WireName.of(TweenEventType.class, wire);
    }
}
