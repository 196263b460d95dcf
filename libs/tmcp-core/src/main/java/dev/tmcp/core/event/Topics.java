package dev.tmcp.core.event;

/** Kafka topics, one per domain. */
public final class Topics {

    public static final String PAYMENT = "tmcp.payment";
    public static final String P2P = "tmcp.p2p";
    public static final String GIFT = "tmcp.gift";
    public static final String APP = "tmcp.app";
    public static final String AUTH = "tmcp.auth";
    public static final String WALLET = "tmcp.wallet";
    public static final String MATRIX_INBOUND = "tmcp.matrix.inbound";

    private Topics() {
    }
}
