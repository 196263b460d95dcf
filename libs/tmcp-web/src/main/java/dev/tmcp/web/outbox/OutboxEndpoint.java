package dev.tmcp.web.outbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * {@code /actuator/outbox}, for operators (the management endpoints are not routed by the gateway):
 * the parked outbox rows and how many rows are held behind them. {@code POST /actuator/outbox/{id}}
 * releases a parked row (it is tried again, with fresh attempts); {@code DELETE /actuator/outbox/{id}}
 * discards it (kept for the record, never published), which lets its key's held rows go on.
 */
@Endpoint(id = "outbox")
public class OutboxEndpoint {

    private static final Logger log = LoggerFactory.getLogger(OutboxEndpoint.class);
    private static final String PARKED = "parked_at is not null and published_at is null and discarded_at is null";

    private final DatabaseClient db;

    public OutboxEndpoint(DatabaseClient db) {
        this.db = db;
    }

    @ReadOperation
    public Mono<Map<String, Object>> parked() {
        return db.sql("select id, topic, event_key, attempts, last_error, created_at, parked_at from outbox_event where "
                        + PARKED + " order by created_at, id limit 500")
                .map(r -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", r.get("id", String.class));
                    row.put("topic", r.get("topic", String.class));
                    row.put("key", r.get("event_key", String.class));
                    row.put("attempts", r.get("attempts", Integer.class));
                    row.put("last_error", r.get("last_error", String.class));
                    row.put("created_at", r.get("created_at", java.time.OffsetDateTime.class).toInstant().toString());
                    row.put("parked_at", r.get("parked_at", java.time.OffsetDateTime.class).toInstant().toString());
                    return row;
                })
                .all().collectList()
                .map(rows -> Map.of("parked", rows));
    }

    @WriteOperation
    public Mono<Map<String, Object>> release(@Selector String id) {
        return update(id, "update outbox_event set parked_at = null, attempts = 0 where id = :id and " + PARKED, "released");
    }

    @DeleteOperation
    public Mono<Map<String, Object>> discard(@Selector String id) {
        return update(id, "update outbox_event set discarded_at = now() where id = :id and " + PARKED, "discarded");
    }

    private Mono<Map<String, Object>> update(String id, String sql, String outcome) {
        return db.sql(sql).bind("id", id).fetch().rowsUpdated()
                .map(n -> {
                    if (n == 1) {
                        log.warn("parked outbox row id={} {} by an operator", id, outcome);
                    }
                    return Map.<String, Object>of("id", id, "status", n == 1 ? outcome : "not_parked");
                });
    }
}
