package dev.tmcp.bridge.events;

import dev.tmcp.bridge.outgoing.RoomEvent;
import dev.tmcp.core.event.EventEnvelope;
import java.util.List;
import java.util.Map;

/**
 * Turns suite events of some types into the room events that show them. Rendering is pure: no
 * homeserver or database call, so it never fails for an outage.
 */
interface RoomEventRenderer {

    /** Envelope type → how to render it. */
    Map<String, Render> renderers();

    @FunctionalInterface
    interface Render {
        List<RoomEvent> apply(EventEnvelope event);
    }
}
