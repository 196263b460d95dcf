package dev.tmcp.web.outbox;

import dev.tmcp.web.jobs.PeriodicJobs;
import java.time.Duration;
import java.util.List;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Moves committed outbox rows to Kafka, oldest first. Rows are locked with SKIP LOCKED so several
 * replicas can relay side by side; a row is marked published only after Kafka acknowledged it, so
 * a crash means a resend (consumers deduplicate by event id), never a loss.
 */
public class OutboxRelay extends PeriodicJobs {

    private static final int BATCH = 100;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final KafkaTemplate<String, String> kafka;
    private final Duration interval;

    public OutboxRelay(DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, String> kafka, Duration interval) {
        super("outbox");
        this.db = db;
        this.tx = tx;
        this.kafka = kafka;
        this.interval = interval;
    }

    /** Relays one batch; emits how many rows were published. */
    public Mono<Integer> relayOnce() {
        return tx.transactional(lockBatch()
                .concatMap(row -> send(row).thenReturn(row.id()))
                .collectList()
                .flatMap(this::markPublished));
    }

    private Flux<Row> lockBatch() {
        return db.sql("select id, topic, event_key, payload from outbox_event where published_at is null "
                        + "order by created_at, id limit " + BATCH + " for update skip locked")
                .map((r, m) -> new Row(r.get("id", String.class), r.get("topic", String.class),
                        r.get("event_key", String.class), r.get("payload", String.class)))
                .all();
    }

    /**
     * {@code KafkaTemplate.send} blocks while the producer waits for topic metadata; it must never
     * do that on the database driver's event loop, which every other query of the service shares.
     */
    private Mono<Void> send(Row row) {
        return Mono.fromFuture(() -> kafka.send(row.topic(), row.key(), row.payload()))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    private Mono<Integer> markPublished(List<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(0);
        }
        return db.sql("update outbox_event set published_at = now() where id = any(:ids)")
                .bind("ids", ids.toArray(String[]::new))
                .fetch()
                .rowsUpdated()
                .map(Long::intValue);
    }

    @Override
    protected List<Job> jobs() {
        return List.of(new Job("relay", interval, () -> relayOnce().map(Integer::longValue)));
    }

    private record Row(String id, String topic, String key, String payload) {
    }
}
