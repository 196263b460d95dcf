package dev.tmcp.core.event.matrix;

/**
 * matrix-bridge delivered a room event: the suite event it came from ({@code sourceEventId}, the
 * {@code evt_…} id) now has a Matrix event id. On {@code tmcp.matrix.inbound}, keyed by the
 * source event id. payment-service keeps it for the P2P status (decision 0029).
 */
public record RoomEventDelivered(
        String sourceEventId,
        String roomId,
        String matrixEventId,
        String eventType,
        String deliveredAt) {

    public static final String TYPE = "matrix.room_event_delivered";
}
