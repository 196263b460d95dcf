package dev.tmcp.payment.rooms;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import dev.tmcp.web.tep.TepPrincipal;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Rooms belong to their members (decision 0026): a transfer, gift or payment whose event goes to a
 * room is accepted only from a member of that room, and a group gift is opened only by one.
 * Membership is the homeserver's, asked through matrix-bridge with the caller's own TEP, before
 * any money moves.
 */
@Component
public class RoomMembership {

    private final ServiceClient bridge;

    RoomMembership(ServiceClients clients, @Value("${tmcp.payment.matrix-bridge-url}") String url) {
        this.bridge = clients.create("matrix-bridge", url, Duration.ofSeconds(5));
    }

    record Shared(boolean shared, String roomId) {
    }

    /** 403 NO_SHARED_ROOM unless the caller is joined to {@code roomId}; nothing to check without a room. */
    public Mono<Void> requireMember(TepPrincipal caller, String roomId) {
        return roomId == null ? Mono.empty() : requireBothIn(caller, caller.userId().value(), roomId);
    }

    /** 403 NO_SHARED_ROOM unless the caller and {@code member} are both joined to {@code roomId}. */
    public Mono<Void> requireBothIn(TepPrincipal caller, String member, String roomId) {
        return bothIn(caller, member, roomId).flatMap(shared -> shared ? Mono.<Void>empty()
                : Mono.error(new TmcpException(ErrorCode.NO_SHARED_ROOM, "Only members of the room can do this")));
    }

    /** Whether the caller is joined to {@code roomId}. */
    public Mono<Boolean> isMember(TepPrincipal caller, String roomId) {
        return roomId == null ? Mono.just(false) : bothIn(caller, caller.userId().value(), roomId);
    }

    private Mono<Boolean> bothIn(TepPrincipal caller, String member, String roomId) {
        return bridge.call(web -> web.get()
                        .uri(b -> b.path("/internal/v1/rooms/shared").queryParam("user_id", member)
                                .queryParam("room_id", roomId).build())
                        .header(HttpHeaders.AUTHORIZATION, caller.bearer())
                        .retrieve().bodyToMono(Shared.class))
                .map(Shared::shared)
                .defaultIfEmpty(false);
    }
}
