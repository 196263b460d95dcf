package dev.tmcp.bridge.outgoing;

/** A claimed row of the room queue, about to be sent. */
record QueuedEvent(long seq, String sourceEventId, RoomEvent event, int attempts, String traceparent,
        java.time.Instant queuedAt) {
}
