package dev.tmcp.web.outbox;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.web.tracing.TraceContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Appends an event to the outbox. Call it inside the transaction that changes the state the event
 * describes: the event is published if and only if that transaction commits. The row keeps the
 * request's traceparent, so the trace goes on through Kafka.
 *
 * <p>Once that transaction has committed, {@link #committed()} signals, so the relay can publish the
 * row at once instead of at its next tick.
 */
public class OutboxWriter {

    private final DatabaseClient db;
    private final Sinks.Many<Boolean> committed = Sinks.many().multicast().directBestEffort();

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
            return insert.fetch().rowsUpdated().then(signalAfterCommit()).thenReturn(event);
        });
    }

    /** Signals after each transaction that appended rows commits (an append outside one commits at once). */
    public Flux<Boolean> committed() {
        return committed.asFlux();
    }

    private Mono<Void> signalAfterCommit() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(transaction -> {
                    if (transaction.isSynchronizationActive()) {
                        transaction.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public Mono<Void> afterCommit() {
                                return Mono.fromRunnable(OutboxWriter.this::signal);
                            }
                        });
                    } else {
                        signal();
                    }
                })
                .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(this::signal))
                .then();
    }

    /** A signal lost to a concurrent one, or while no one listens, costs at most one relay interval. */
    private void signal() {
        committed.tryEmitNext(true);
    }
}
