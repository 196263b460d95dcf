package dev.tmcp.bridge.appservice;

import dev.tmcp.bridge.BridgeTopics;
import dev.tmcp.bridge.TweenEventType;
import dev.tmcp.bridge.outgoing.BridgeUsers;
import dev.tmcp.bridge.outgoing.RoomQueue;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.matrix.InboundRoomEvent;
import dev.tmcp.web.outbox.OutboxWriter;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Applies one homeserver transaction exactly once. In one database transaction the txnId is
 * recorded and every effect is handed off durably: inbound {@code m.tween.payment.request} and
 * {@code m.tween.miniapp.launch} go to the outbox (then Kafka {@code tmcp.matrix.inbound}), and an
 * invite of a bridge user is recorded and wakes the room's waiting events. Only then does the
 * homeserver get its {@code 200}; a transaction already recorded changes nothing.
 */
@Component
class TransactionProcessor {

    private static final Logger log = LoggerFactory.getLogger(TransactionProcessor.class);
    private static final Map<String, String> INBOUND = Map.of(
            TweenEventType.PAYMENT_REQUEST.wire(), InboundRoomEvent.PAYMENT_REQUEST,
            TweenEventType.MINIAPP_LAUNCH.wire(), InboundRoomEvent.MINIAPP_LAUNCH);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final OutboxWriter outbox;
    private final RoomQueue queue;
    private final InviteJoiner invites;
    private final BridgeTopics topics;

    TransactionProcessor(DatabaseClient db, TransactionalOperator tx, OutboxWriter outbox, RoomQueue queue,
            InviteJoiner invites, BridgeTopics topics) {
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.queue = queue;
        this.invites = invites;
        this.topics = topics;
    }

    /** Emits true when the transaction was new. */
    Mono<Boolean> process(String txnId, List<JsonNode> events) {
        return tx.transactional(record(txnId).flatMap(fresh -> fresh
                        ? Flux.fromIterable(events).concatMap(this::handle).then(Mono.just(true))
                        : Mono.just(false)))
                .doOnNext(fresh -> {
                    if (fresh) {
                        queue.committed();
                        invites.joinPending();
                    }
                });
    }

    private Mono<Boolean> record(String txnId) {
        return db.sql("insert into as_transaction (txn_id) values (:id) on conflict do nothing").bind("id", txnId)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    private Mono<Void> handle(JsonNode event) {
        String type = event.path("type").asString("");
        if ("m.room.member".equals(type) && "invite".equals(event.path("content").path("membership").asString(""))
                && BridgeUsers.isBridgeUser(event.path("state_key").asString(null))) {
            return invited(event.path("room_id").asString(), event.path("state_key").asString());
        }
        if (INBOUND.containsKey(type) && event.path("event_id").isString() && event.path("room_id").isString()) {
            return inbound(INBOUND.get(type), event);
        }
        return Mono.empty();
    }

    private Mono<Void> invited(String roomId, String userId) {
        log.info("room={} user_id={} invited", roomId, userId);
        return db.sql("insert into bot_invite (room_id, user_id) values (:room, :user) on conflict (room_id, user_id) "
                        + "do update set invited_at = now(), joined_at = null")
                .bind("room", roomId).bind("user", userId).fetch().rowsUpdated()
                .then(queue.inviteArrived(roomId))
                .then();
    }

    private Mono<Void> inbound(String suiteType, JsonNode event) {
        String eventId = event.path("event_id").asString();
        String roomId = event.path("room_id").asString();
        InboundRoomEvent data = new InboundRoomEvent(eventId, roomId, event.path("sender").asString(null),
                event.path("type").asString(), event.path("origin_server_ts").asLong(0), event.path("content"));
        return db.sql("insert into inbound_event (matrix_event_id) values (:id) on conflict do nothing")
                .bind("id", eventId).fetch().rowsUpdated()
                .flatMap(n -> n == 1
                        ? outbox.append(topics.inbound(), EventCodec.envelope(suiteType, "matrix-bridge", roomId, data)).then()
                        : Mono.empty());
    }
}
