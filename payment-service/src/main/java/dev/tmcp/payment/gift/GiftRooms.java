package dev.tmcp.payment.gift;

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
 * A group gift belongs to its room: only members of that room may send one there or open it.
 * Membership is the homeserver's, asked through matrix-bridge with the caller's own TEP.
 */
@Component
class GiftRooms {

    private final ServiceClient bridge;

    GiftRooms(ServiceClients clients, @Value("${tmcp.payment.matrix-bridge-url}") String url) {
        this.bridge = clients.create("matrix-bridge", url, Duration.ofSeconds(5));
    }

    record Shared(boolean shared, String roomId) {
    }

    /** Errors with 403 NO_SHARED_ROOM unless the caller and {@code member} are both in {@code roomId}. */
    Mono<Void> requireBothIn(TepPrincipal caller, String member, String roomId) {
        return bridge.call(web -> web.get()
                        .uri(b -> b.path("/internal/v1/rooms/shared").queryParam("user_id", member)
                                .queryParam("room_id", roomId).build())
                        .header(HttpHeaders.AUTHORIZATION, caller.bearer())
                        .retrieve().bodyToMono(Shared.class))
                .flatMap(answer -> answer.shared() ? Mono.<Void>empty()
                        : Mono.error(new TmcpException(ErrorCode.NO_SHARED_ROOM, "Only members of the gift's room can do this")));
    }
}
