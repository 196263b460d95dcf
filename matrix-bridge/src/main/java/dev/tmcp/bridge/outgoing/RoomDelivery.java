package dev.tmcp.bridge.outgoing;

import dev.tmcp.bridge.BridgeProperties;
import dev.tmcp.bridge.Bots;
import dev.tmcp.bridge.homeserver.MatrixApi;
import dev.tmcp.bridge.homeserver.VirtualUsers;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends one queued event: resolves a notices room, registers the sender if needed, and sends with
 * the source event id as the Client-Server transaction id, so a retry after a lost answer returns
 * the first event instead of creating a second. If the sender is not in the room yet it joins (or
 * is invited, see {@link RoomBotAccess}) and the send is tried once more.
 */
@Component
class RoomDelivery {

    private final MatrixApi api;
    private final VirtualUsers users;
    private final NoticeRooms noticeRooms;
    private final RoomBotAccess access;
    private final ProfileEnricher profiles;
    private final BridgeProperties properties;

    RoomDelivery(MatrixApi api, VirtualUsers users, NoticeRooms noticeRooms, RoomBotAccess access,
            ProfileEnricher profiles, BridgeProperties properties) {
        this.api = api;
        this.users = users;
        this.noticeRooms = noticeRooms;
        this.access = access;
        this.profiles = profiles;
        this.properties = properties;
    }

    /** Emits the Matrix room id and event id. */
    Mono<Sent> deliver(QueuedEvent queued) {
        RoomEvent event = queued.event();
        Mono<String> roomId = event.toNoticeRoom() ? noticeRooms.roomOf(event.room()) : Mono.just(event.room());
        String inviter = event.toNoticeRoom() ? properties.userId(Bots.SYSTEM.localpart()) : event.inviter();
        return Mono.zip(roomId, users.ensure(event.senderLocalpart(), displayName(event)), profiles.enrich(event.content()))
                .flatMap(t -> send(queued, t.getT3(), t.getT1(), t.getT2())
                        .onErrorResume(RoomDelivery::forbidden, e -> access.join(t.getT1(), t.getT2(), inviter)
                                .then(send(queued, t.getT3(), t.getT1(), t.getT2())
                                        .onErrorMap(RoomDelivery::forbidden, denied -> new NotPermitted(denied.getMessage()))))
                        .map(eventId -> new Sent(t.getT1(), eventId)));
    }

    private Mono<String> send(QueuedEvent queued, Map<String, Object> content, String roomId, String sender) {
        RoomEvent event = queued.event();
        return event.isState()
                ? api.sendState(roomId, event.type(), event.stateKey(), content, sender)
                : api.send(roomId, event.type(), queued.sourceEventId(), content, sender);
    }

    private static String displayName(RoomEvent event) {
        if (event.senderDisplayName() != null) {
            return event.senderDisplayName();
        }
        for (Bots bot : Bots.values()) {
            if (bot.localpart().equals(event.senderLocalpart())) {
                return bot.displayName();
            }
        }
        return null;
    }

    /** Not in the room, or (after joining) not allowed to send this there. */
    private static boolean forbidden(Throwable e) {
        return e instanceof MatrixApi.MatrixError m && m.status().value() == 403;
    }

    /** The sender is in the room but may not send this event (power levels): waiting will not help. */
    static final class NotPermitted extends RuntimeException {

        NotPermitted(String message) {
            super(message);
        }
    }

    record Sent(String roomId, String eventId) {
    }
}
