package dev.tmcp.bridge.events;

import dev.tmcp.bridge.homeserver.HomeserverAdmin;
import dev.tmcp.bridge.homeserver.MatrixApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Gets a bot into the room where a payment happened (spec 4.11.2: the payments bot may post in any
 * room where a payment occurs). The bot joins directly when it may; in an invite-only room the
 * payer, who must be joined there, invites it, through a one-minute admin-issued token for the
 * payer. See docs/decisions/0002-payments-bot-room-access.md for the trust this takes.
 */
@Component
class RoomBotAccess {

    private static final Logger log = LoggerFactory.getLogger(RoomBotAccess.class);

    private final MatrixApi api;
    private final HomeserverAdmin admin;

    RoomBotAccess(MatrixApi api, HomeserverAdmin admin) {
        this.api = api;
        this.admin = admin;
    }

    Mono<Void> ensureJoined(String roomId, String botUserId, String payerUserId) {
        return api.join(roomId, botUserId)
                .onErrorResume(e -> e instanceof MatrixApi.MatrixError m && m.status().value() == 403,
                        e -> inviteAsPayer(roomId, botUserId, payerUserId).then(api.join(roomId, botUserId)));
    }

    /** A card that can never reach its room: reported, not retried forever. */
    static final class Undeliverable extends RuntimeException {

        Undeliverable(String message) {
            super(message);
        }
    }

    private Mono<Void> inviteAsPayer(String roomId, String botUserId, String payerUserId) {
        return admin.joinedRooms(payerUserId).flatMap(rooms -> {
            if (!rooms.contains(roomId)) {
                return Mono.error(new Undeliverable("the payer is not joined to room " + roomId));
            }
            log.info("room {} is not open to {}: the payer invites it", roomId, botUserId);
            return admin.actingAs(payerUserId).flatMap(token -> api.invite(roomId, botUserId, token));
        });
    }
}
