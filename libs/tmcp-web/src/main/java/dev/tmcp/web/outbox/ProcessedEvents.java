package dev.tmcp.web.outbox;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Remembers which events a consumer has applied. Call {@link #claim} in the same transaction as
 * the consumer's effect: it is true exactly once per (consumer, event id), so a redelivered event
 * is skipped and a rolled-back one is applied again later.
 */
public class ProcessedEvents {

    private final DatabaseClient db;

    public ProcessedEvents(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Boolean> claim(String consumer, String eventId) {
        return db.sql("insert into processed_event (consumer, event_id) values (:consumer, :id) on conflict do nothing")
                .bind("consumer", consumer)
                .bind("id", eventId)
                .fetch()
                .rowsUpdated()
                .map(count -> count == 1);
    }
}
