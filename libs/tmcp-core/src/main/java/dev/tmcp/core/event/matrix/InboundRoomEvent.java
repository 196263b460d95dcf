package dev.tmcp.core.event.matrix;

import tools.jackson.databind.JsonNode;

/**
 * A room event the homeserver pushed to the Application Service, on {@code tmcp.matrix.inbound}
 * (spec 8.1.1, 8.1.2). {@code content} is the Matrix content as sent by the client; the Kafka key
 * is the room id, so the events of one room stay ordered.
 */
public record InboundRoomEvent(
        String matrixEventId,
        String roomId,
        String sender,
        String eventType,
        long originServerTs,
        JsonNode content) {

    /** {@code m.tween.payment.request}. */
    public static final String PAYMENT_REQUEST = "matrix.payment_request";
    /** {@code m.tween.miniapp.launch}. */
    public static final String MINIAPP_LAUNCH = "matrix.miniapp_launch";
}
