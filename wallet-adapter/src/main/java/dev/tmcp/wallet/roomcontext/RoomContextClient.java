package dev.tmcp.wallet.roomcontext;

import dev.tmcp.wallet.WalletProperties;
import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import dev.tmcp.web.tep.TepPrincipal;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Asks matrix-bridge about the homeserver, on behalf of the user whose TEP it forwards. */
@Component
public class RoomContextClient {

    private final ServiceClient bridge;

    RoomContextClient(ServiceClients clients, WalletProperties properties) {
        this.bridge = clients.create("matrix-bridge", properties.matrixBridgeUrl(), Duration.ofSeconds(5));
    }

    public record MatrixUser(String userId, String displayName, String avatarUrl) {
    }

    public record SharedRoom(boolean shared, String roomId) {
    }

    /** The user's profile; a USER_NOT_FOUND error when the homeserver does not know them. */
    public Mono<MatrixUser> user(TepPrincipal caller, String userId) {
        return bridge.call(web -> web.get().uri("/internal/v1/users/{userId}", userId)
                .header(HttpHeaders.AUTHORIZATION, caller.bearer())
                .retrieve().bodyToMono(MatrixUser.class));
    }

    /** Whether the caller shares a room with the other user (that room, when one is given). */
    public Mono<SharedRoom> sharedRoom(TepPrincipal caller, String otherUserId, String roomId) {
        return bridge.call(web -> web.get().uri(b -> {
                    b.path("/internal/v1/rooms/shared").queryParam("user_id", otherUserId);
                    if (roomId != null) {
                        b.queryParam("room_id", roomId);
                    }
                    return b.build();
                })
                .header(HttpHeaders.AUTHORIZATION, caller.bearer())
                .retrieve().bodyToMono(SharedRoom.class));
    }
}
