package dev.tmcp.bridge.roomcontext;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tmcp.bridge.homeserver.HomeserverAdmin;
import dev.tmcp.bridge.homeserver.MatrixApi;
import dev.tmcp.bridge.homeserver.ProfileCache;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.RoomId;
import dev.tmcp.core.id.UserId;
import dev.tmcp.web.tep.TepPrincipal;
import java.util.HashSet;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Room context for the suite (spec 6.3.6–6.3.7), asked on behalf of the user whose TEP the caller
 * forwards: a user can only learn about rooms they are joined to themselves.
 */
@RestController
class RoomContextController {

    private final HomeserverAdmin admin;
    private final ProfileCache profiles;

    RoomContextController(HomeserverAdmin admin, ProfileCache profiles) {
        this.admin = admin;
        this.profiles = profiles;
    }

    /** {@code avatar_url} is left out when the user has none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserProfile(String userId, String displayName, String avatarUrl) {
    }

    /** {@code room_id} is the shared room, left out when there is none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SharedRoom(boolean shared, String roomId) {
    }

    @GetMapping("/internal/v1/users/{userId}")
    Mono<UserProfile> user(TepPrincipal caller, @PathVariable String userId) {
        if (!UserId.isValid(userId)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "user_id must be a Matrix user id"));
        }
        return admin.userExists(userId).flatMap(exists -> exists
                ? profiles.profile(userId)
                        .onErrorResume(MatrixApi.MatrixError.class, e -> Mono.just(new MatrixApi.Profile(null, null)))
                        .map(profile -> new UserProfile(userId, profile.displayname() != null
                                ? profile.displayname() : UserId.of(userId).localpart(), profile.avatarUrl()))
                : Mono.error(new TmcpException(ErrorCode.USER_NOT_FOUND, "User does not exist on the homeserver")));
    }

    @GetMapping("/internal/v1/rooms/shared")
    Mono<SharedRoom> shared(TepPrincipal caller, @RequestParam("user_id") String userId,
            @RequestParam(name = "room_id", required = false) String roomId) {
        if (!UserId.isValid(userId) || (roomId != null && !RoomId.isValid(roomId))) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "user_id or room_id is malformed"));
        }
        // payment-service asks whether the caller is in a room by naming the caller: one lookup, not two
        Mono<Set<String>> shared = userId.equals(caller.userId().value())
                ? admin.joinedRooms(userId).map(HashSet::new)
                : Mono.zip(admin.joinedRooms(caller.userId().value()), admin.joinedRooms(userId)).map(rooms -> {
                    Set<String> common = new HashSet<>(rooms.getT1());
                    common.retainAll(rooms.getT2());
                    return common;
                });
        return shared
                .map(common -> {
                    String match = roomId != null
                            ? (common.contains(roomId) ? roomId : null)
                            : common.stream().sorted().findFirst().orElse(null);
                    return new SharedRoom(match != null, match);
                })
                .onErrorResume(MatrixApi.MatrixError.class, e -> Mono.just(new SharedRoom(false, null)));
    }
}
