package dev.tmcp.bridge.outgoing;

import dev.tmcp.bridge.BridgeProperties;
import dev.tmcp.bridge.Bots;
import dev.tmcp.bridge.homeserver.MatrixApi;
import dev.tmcp.bridge.homeserver.VirtualUsers;
import dev.tmcp.core.crypto.Digests;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Each user's "Tween" room: a direct chat with the system bot, for notices that belong to no chat
 * (app lifecycle, revocations; decision 0017). Created on first use as {@code @_tmcp}, with the
 * alias {@code #_tmcp_notices_<hash of the user id>} from the bridge's exclusive alias namespace, so
 * a bridge that lost its database finds the same room again instead of creating a second one.
 */
@Component
class NoticeRooms {

    private static final Logger log = LoggerFactory.getLogger(NoticeRooms.class);

    private final DatabaseClient db;
    private final MatrixApi api;
    private final VirtualUsers users;
    private final BridgeProperties properties;

    NoticeRooms(DatabaseClient db, MatrixApi api, VirtualUsers users, BridgeProperties properties) {
        this.db = db;
        this.api = api;
        this.users = users;
        this.properties = properties;
    }

    Mono<String> roomOf(String userId) {
        return db.sql("select room_id from notice_room where user_id = :user").bind("user", userId)
                .map(r -> r.get("room_id", String.class)).one()
                .switchIfEmpty(Mono.defer(() -> create(userId)));
    }

    static String aliasLocalpart(String userId) {
        return "_tmcp_notices_" + Digests.sha256Hex(userId).substring(0, 24);
    }

    private Mono<String> create(String userId) {
        String alias = aliasLocalpart(userId);
        String updater = properties.userId(Bots.UPDATER.localpart());
        Map<String, Object> request = Map.of("preset", "private_chat", "is_direct", true, "name", "Tween",
                "topic", "Notices from Tween about your mini-apps", "invite", List.of(userId, updater),
                "room_alias_name", alias);
        return users.ensure(Bots.SYSTEM.localpart(), Bots.SYSTEM.displayName())
                .flatMap(system -> api.createRoom(request, system))
                .doOnNext(roomId -> log.info("created notices room {} for {}", roomId, userId))
                .onErrorResume(e -> e instanceof MatrixApi.MatrixError m && "M_ROOM_IN_USE".equals(m.errcode()),
                        e -> api.resolveAlias("#" + alias + ":" + properties.serverName()))
                .flatMap(roomId -> db.sql("insert into notice_room (user_id, room_id) values (:user, :room) "
                                + "on conflict (user_id) do nothing")
                        .bind("user", userId).bind("room", roomId).fetch().rowsUpdated()
                        .then(db.sql("select room_id from notice_room where user_id = :user").bind("user", userId)
                                .map(r -> r.get("room_id", String.class)).one()));
    }
}
