package dev.tmcp.bridge.outgoing;

import dev.tmcp.web.tracing.TraceContext;

/** A claimed row of the room queue, about to be sent. */
record QueuedEvent(long seq, String sourceEventId, RoomEvent event, int attempts, TraceContext trace,
        java.time.Instant queuedAt) {
}
