package dev.tmcp.bridge.outgoing;

import dev.tmcp.bridge.homeserver.HomeserverAdmin;
import dev.tmcp.bridge.homeserver.MatrixApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Gets a virtual user into a room it has to post in (spec 4.11.2: the payments bot may post in any
 * room where a payment occurs). It joins directly when it may (public room, or already invited).
 * Otherwise the event's inviter invites it: a bridge user through the {@code as_token}, a human
 * member through a one-minute admin-issued token, and only if that member is joined to the room
 * (decision 0002). When nobody can let it in, {@link Unreachable} is raised and the event waits for
 * an invite.
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

    Mono<Void> join(String roomId, String userId, String inviter) {
        return api.join(roomId, userId)
                .onErrorResume(RoomBotAccess::refused, e -> inviter == null
                        ? Mono.error(new Unreachable(userId + " may not join " + roomId + " and nobody can invite it"))
                        : invite(roomId, userId, inviter).then(api.join(roomId, userId)))
                .onErrorMap(RoomBotAccess::refused, e -> new Unreachable(e.getMessage()));
    }

    private Mono<Void> invite(String roomId, String userId, String inviter) {
        if (BridgeUsers.isBridgeUser(inviter)) {
            return api.inviteAs(roomId, userId, inviter);
        }
        return admin.joinedRooms(inviter).flatMap(rooms -> {
            if (!rooms.contains(roomId)) {
                return Mono.error(new Unreachable(inviter + " is not joined to " + roomId));
            }
            log.info("room {} is not open to {}: {} invites it", roomId, userId, inviter);
            return admin.actingAs(inviter).flatMap(token -> api.invite(roomId, userId, token));
        });
    }

    /** 403 (not allowed) or 404 (no such room, as far as this user may know). */
    static boolean refused(Throwable e) {
        return e instanceof MatrixApi.MatrixError m && (m.status().value() == 403 || m.status().value() == 404);
    }

    /** The sender cannot enter the room until someone invites it. */
    static final class Unreachable extends RuntimeException {

        Unreachable(String message) {
            super(message);
        }
    }
}
