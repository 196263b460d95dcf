package dev.tmcp.bridge.appservice;

import dev.tmcp.bridge.BridgeProperties;
import dev.tmcp.bridge.homeserver.MatrixApi;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies one homeserver transaction exactly once: its events are handled, then its id is
 * recorded; a transaction already recorded is acknowledged without being handled again. If
 * handling fails the homeserver gets an error and retries the same transaction later.
 */
@Component
class TransactionProcessor {

    private static final Logger log = LoggerFactory.getLogger(TransactionProcessor.class);

    private final DatabaseClient db;
    private final MatrixApi api;
    private final BridgeProperties properties;

    TransactionProcessor(DatabaseClient db, MatrixApi api, BridgeProperties properties) {
        this.db = db;
        this.api = api;
        this.properties = properties;
    }

    Mono<Void> process(String txnId, List<Map<String, Object>> events) {
        return alreadyProcessed(txnId).flatMap(done -> done
                ? Mono.empty()
                : Flux.fromIterable(events).concatMap(this::handle).then(record(txnId)));
    }

    private Mono<Boolean> alreadyProcessed(String txnId) {
        return db.sql("select 1 from as_transaction where txn_id = :id").bind("id", txnId)
                .map(r -> true).one().defaultIfEmpty(false);
    }

    private Mono<Void> record(String txnId) {
        return db.sql("insert into as_transaction (txn_id) values (:id) on conflict do nothing").bind("id", txnId)
                .fetch().rowsUpdated().then();
    }

    private Mono<Void> handle(Map<String, Object> event) {
        if ("m.room.member".equals(event.get("type")) && event.get("content") instanceof Map<?, ?> content
                && "invite".equals(content.get("membership")) && event.get("state_key") instanceof String invitee
                && isOurs(invitee)) {
            String roomId = (String) event.get("room_id");
            log.info("accepting invite of {} to {}", invitee, roomId);
            return api.join(roomId, invitee).onErrorResume(MatrixApi.MatrixError.class, e -> {
                log.warn("could not join {} as {}: {}", roomId, invitee, e.errcode());
                return Mono.empty();
            });
        }
        return Mono.empty();
    }

    private boolean isOurs(String userId) {
        String server = ":" + properties.serverName();
        return userId.endsWith(server) && (userId.startsWith("@_tmcp") || userId.startsWith("@ma_"));
    }
}
