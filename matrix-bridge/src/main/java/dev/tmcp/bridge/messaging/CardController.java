package dev.tmcp.bridge.messaging;

import dev.tmcp.bridge.homeserver.HomeserverAdmin;
import dev.tmcp.bridge.homeserver.VirtualUsers;
import dev.tmcp.bridge.events.MiniAppNames;
import dev.tmcp.bridge.outgoing.RoomEvent;
import dev.tmcp.bridge.outgoing.RoomQueue;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.Ids;
import dev.tmcp.core.id.MiniAppId;
import dev.tmcp.web.tep.TepPrincipal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code tween.messaging.sendCard} (spec 10.2, 8.1.3): a mini-app with {@code messaging:send}
 * posts a rich card, as its own virtual user {@code @ma_…}, into a room its user is joined to. The
 * card is queued like every other room event, so the answer is the suite event id ({@code evt_…},
 * as for P2P cards, decision 0004) and the card follows within moments.
 */
@RestController
class CardController {

    static final String SCOPE = "messaging:send";

    private final HomeserverAdmin admin;
    private final RoomQueue queue;
    private final MiniAppNames names;

    CardController(HomeserverAdmin admin, RoomQueue queue, MiniAppNames names) {
        this.admin = admin;
        this.queue = queue;
        this.names = names;
    }

    record CardQueued(String eventId, String roomId, String status) {
    }

    @PostMapping("/api/v1/messaging/cards")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<CardQueued> send(TepPrincipal caller, @RequestBody JsonNode body) {
        caller.requireScope(SCOPE);
        if (!MiniAppId.isValid(caller.clientId())) {
            throw new TmcpException(ErrorCode.INSUFFICIENT_PERMISSIONS, "Only a mini-app can send cards");
        }
        CardRequest request = CardRequest.from(body);
        String userId = caller.userId().value();
        String eventId = Ids.next("evt_");
        return admin.joinedRooms(userId)
                .onErrorResume(HomeserverRefusal::is, e -> Mono.just(List.of()))
                .flatMap(rooms -> rooms.contains(request.roomId())
                        ? names.nameOf(caller.clientId()).flatMap(name -> queue.enqueue(eventId, List.of(
                                new RoomEvent(request.roomId(), "m.room.message", null,
                                        VirtualUsers.miniAppLocalpart(caller.clientId()), name,
                                        request.content(caller.clientId()), userId))))
                        : Mono.error(new TmcpException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                                "You are not joined to this room")))
                .doOnSuccess(v -> queue.committed())
                .thenReturn(new CardQueued(eventId, request.roomId(), "queued"));
    }
}
