package dev.tmcp.bridge.events;

import dev.tmcp.bridge.BridgeProperties;
import dev.tmcp.bridge.Bots;
import dev.tmcp.bridge.homeserver.MatrixApi;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.p2p.P2pTransferCompleted;
import dev.tmcp.core.money.Money;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Posts {@code m.tween.wallet.p2p} (spec 7.2.8) as the payments bot. The suite event id is the
 * Client-Server transaction id, and deliveries are recorded, so a redelivered Kafka event never
 * produces a second card.
 */
@Component
class P2pCardPublisher {

    static final String EVENT_TYPE = "m.tween.wallet.p2p";
    private static final Logger log = LoggerFactory.getLogger(P2pCardPublisher.class);

    private final MatrixApi api;
    private final RoomBotAccess access;
    private final DatabaseClient db;
    private final BridgeProperties properties;

    P2pCardPublisher(MatrixApi api, RoomBotAccess access, DatabaseClient db, BridgeProperties properties) {
        this.api = api;
        this.access = access;
        this.db = db;
        this.properties = properties;
    }

    Mono<Void> publish(EventEnvelope event, P2pTransferCompleted transfer) {
        if (transfer.roomId() == null) {
            return Mono.empty();
        }
        String bot = properties.userId(Bots.PAYMENTS.localpart());
        return delivered(event.id()).flatMap(done -> done
                ? Mono.empty()
                : access.ensureJoined(transfer.roomId(), bot, transfer.sender().userId())
                        .then(api.send(transfer.roomId(), EVENT_TYPE, event.id(), content(transfer), bot))
                        .flatMap(matrixEventId -> record(event.id(), transfer.roomId(), matrixEventId))
                        .onErrorResume(RoomBotAccess.Undeliverable.class, e -> {
                            log.error("event_id={} transfer_id={} card undeliverable: {}", event.id(),
                                    transfer.transferId(), e.getMessage());
                            return Mono.empty();
                        }));
    }

    static Map<String, Object> content(P2pTransferCompleted t) {
        Money amount = Money.parse(t.amount(), t.currency());
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("msgtype", "m.tween.money");
        content.put("body", "💸 " + t.sender().userId() + " sent " + amount + " to " + t.recipient().userId());
        content.put("transfer_id", t.transferId());
        // Matrix canonical JSON has no floats (Synapse answers M_BAD_JSON): see docs/decisions/0005.
        content.put("amount", amount.toDecimal().toPlainString());
        content.put("amount_minor", amount.minorUnits());
        content.put("currency", t.currency());
        if (t.note() != null) {
            content.put("note", t.note());
        }
        content.put("sender", Map.of("user_id", t.sender().userId()));
        content.put("recipient", Map.of("user_id", t.recipient().userId()));
        content.put("status", t.status());
        content.put("recipient_acceptance_required", t.recipientAcceptanceRequired());
        content.put("timestamp", t.timestamp());
        return content;
    }

    private Mono<Boolean> delivered(String sourceEventId) {
        return db.sql("select 1 from delivered_event where source_event_id = :id").bind("id", sourceEventId)
                .map(r -> true).one().defaultIfEmpty(false);
    }

    private Mono<Void> record(String sourceEventId, String roomId, String matrixEventId) {
        return db.sql("insert into delivered_event (source_event_id, room_id, matrix_event_id) values (:id, :room, :event) "
                        + "on conflict do nothing")
                .bind("id", sourceEventId).bind("room", roomId).bind("event", matrixEventId)
                .fetch().rowsUpdated().then();
    }
}
