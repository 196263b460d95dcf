package dev.tmcp.web.outbox;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.web.tracing.TraceContext;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Appends an event to the outbox. Call it inside the transaction that changes the state the event
 * describes: the event is published if and only if that transaction commits. The row keeps the
 * request's traceparent, so the trace goes on through Kafka.
 */
public class OutboxWriter {

    private final DatabaseClient db;

    public OutboxWriter(DatabaseClient db) {
        this.db = db;
    }

    public Mono<EventEnvelope> append(String topic, EventEnvelope event) {
        return TraceContext.current().flatMap(trace -> {
            var insert = db.sql("insert into outbox_event (id, topic, event_key, payload, traceparent, request_id) "
                            + "values (:id, :topic, :key, :payload, :traceparent, :requestId)")
                    .bind("id", event.id())
                    .bind("topic", topic)
                    .bind("key", event.subject())
                    .bind("payload", EventCodec.write(event));
            insert = trace.traceparent() != null ? insert.bind("traceparent", trace.traceparent())
                    : insert.bindNull("traceparent", String.class);
            insert = trace.requestId() != null ? insert.bind("requestId", trace.requestId())
                    : insert.bindNull("requestId", String.class);
            return insert.fetch().rowsUpdated().thenReturn(event);
        });
    }
}
