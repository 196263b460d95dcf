package dev.tmcp.bridge.outgoing;

import dev.tmcp.bridge.TweenEventType;
import java.util.Map;
import java.util.Objects;

/**
 * A Matrix event the bridge will send: where, which type, as which virtual user, with what
 * content. {@code room} is a room id, or a user id meaning that user's Tween notices room.
 * {@code stateKey} is set for state events. {@code inviter} is a member of the room who may invite
 * the sender if it cannot join on its own (decision 0002). {@code type} stays the Matrix name: it is
 * stored in the room outbox, read back from it, and is also {@code m.room.message} for mini-app cards.
 */
public record RoomEvent(
        String room,
        String type,
        String stateKey,
        String senderLocalpart,
        String senderDisplayName,
        Map<String, Object> content,
        String inviter) {

    public RoomEvent {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(senderLocalpart, "senderLocalpart");
        Objects.requireNonNull(content, "content");
    }

    public static RoomEvent message(String room, TweenEventType type, String senderLocalpart,
            Map<String, Object> content, String inviter) {
        return new RoomEvent(room, type.wire(), null, senderLocalpart, null, content, inviter);
    }

    public boolean isState() {
        return stateKey != null;
    }

    public boolean toNoticeRoom() {
        return room.startsWith("@");
    }
}
