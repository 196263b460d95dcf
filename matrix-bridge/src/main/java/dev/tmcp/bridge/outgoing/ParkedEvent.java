package dev.tmcp.bridge.outgoing;

import java.time.Instant;

/** A room event set aside after its retries, for an operator to look at and redeliver. */
public record ParkedEvent(long id, String sourceEventId, String room, String eventType, String sender, int attempts,
        String lastError, Instant createdAt, Instant parkedAt) {
}
