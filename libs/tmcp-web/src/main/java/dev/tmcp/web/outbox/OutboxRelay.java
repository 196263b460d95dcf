package dev.tmcp.web.outbox;

import dev.tmcp.web.jobs.PeriodicJobs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import dev.tmcp.web.tracing.TraceContext;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Moves committed outbox rows to Kafka, oldest first. A row is marked published only after Kafka
 * acknowledged it, so a crash means a resend (consumers deduplicate by event id), never a loss.
 *
 * <p>Several replicas relay side by side without breaking any key's order: the rows are split into
 * {@code partitions} by a hash of their topic and key, and a batch relays only the partitions whose
 * PostgreSQL advisory lock it took for its transaction. All rows of a key are in one partition, so
 * at most one relay sends them at a time, and it sends them one after another, oldest first
 * (decision 0040).
 *
 * <p>A row Kafka refuses for itself (a non-retriable error: record too large, invalid topic) gets
 * {@code maxAttempts} attempts, then is parked: counted, logged as an error, listed at
 * {@code /actuator/outbox}. The rest of the outbox goes on, but the later rows of the parked row's
 * topic and key are held behind it until an operator releases or discards it, because publishing
 * them would break that key's order (decision 0035). When Kafka itself is unreachable the batch
 * stops and nothing is counted against the rows.
 */
public class OutboxRelay extends PeriodicJobs {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    /** The first half of the advisory lock keys ("tmcp"); the partition number is the second. */
    private static final int LOCK_CLASS = 0x746d6370;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final KafkaTemplate<String, String> kafka;
    private final Duration interval;
    private final int maxAttempts;
    private final int partitions;
    private final Counter parked;
    private final AtomicLong parkedRows = new AtomicLong();
    private final AtomicLong heldRows = new AtomicLong();
    private final AtomicLong unpublishedRows = new AtomicLong();
    private final AtomicLong oldestUnpublishedSeconds = new AtomicLong();
    private final EventMetrics events;
    private final Publisher<?> wakeUps;

    public OutboxRelay(DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, String> kafka, Duration interval,
            int maxAttempts, int partitions, Publisher<?> wakeUps, MeterRegistry meters) {
        super("outbox");
        if (partitions < 1) {
            throw new IllegalArgumentException("tmcp.outbox.relay.partitions must be at least 1");
        }
        this.partitions = partitions;
        this.db = db;
        this.tx = tx;
        this.kafka = kafka;
        this.interval = interval;
        this.maxAttempts = maxAttempts;
        this.wakeUps = wakeUps;
        this.parked = meters.counter("tmcp.outbox.parked");
        meters.gauge("tmcp.outbox.parked.rows", parkedRows);
        meters.gauge("tmcp.outbox.held.rows", heldRows);
        meters.gauge("tmcp.outbox.unpublished.rows", unpublishedRows);
        Gauge.builder("tmcp.outbox.oldest.unpublished.age", oldestUnpublishedSeconds, AtomicLong::get)
                .baseUnit("seconds")
                .description("age of the oldest row waiting to be published (parked rows and rows held behind them excluded)")
                .register(meters);
        this.events = new EventMetrics(meters);
    }

    /** Relays one batch; emits how many rows were published. */
    public Mono<Integer> relayOnce() {
        return tx.transactional(Mono.defer(() -> {
            Batch batch = new Batch();
            return ownPartitions().flatMapMany(this::lockBatch)
                    .concatMap(row -> batch.stopped || batch.held.contains(row.ordering()) ? Mono.empty() : relay(row, batch))
                    .then(Mono.defer(() -> markPublished(batch.published)));
        }));
    }

    private Mono<Void> relay(Row row, Batch batch) {
        return send(row)
                .then(Mono.fromRunnable(() -> {
                    batch.published.add(row.id());
                    events.published(row.payload());
                }))
                .onErrorResume(e -> {
                    if (isOutage(e)) {
                        batch.stopped = true;
                        log.warn("outbox relay paused, Kafka is not available: {}", e.toString());
                        return Mono.empty();
                    }
                    batch.held.add(row.ordering());
                    return failed(row, e);
                }).then();
    }

    private static boolean isOutage(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    /** Counts the refusal against the row, and parks it at the last attempt. */
    private Mono<Void> failed(Row row, Throwable e) {
        String error = describe(e);
        return db.sql("update outbox_event set attempts = attempts + 1, last_error = :error, "
                        + "parked_at = case when attempts + 1 >= :max then now() end where id = :id returning parked_at")
                .bind("error", error).bind("max", maxAttempts).bind("id", row.id())
                .map(r -> java.util.Optional.ofNullable(r.get("parked_at", java.time.OffsetDateTime.class)))
                .one()
                .doOnNext(parkedAt -> {
                    if (parkedAt.isPresent()) {
                        parked.increment();
                        log.error("outbox row id={} topic={} key={} parked after {} attempts; later rows of this key "
                                + "are held until an operator releases or discards it (/actuator/outbox): {}",
                                row.id(), row.topic(), row.key(), maxAttempts, error);
                    } else {
                        log.warn("outbox row id={} topic={} refused by Kafka, will retry: {}", row.id(), row.topic(), error);
                    }
                })
                .then();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root == e ? e.toString() : e + " caused by " + root;
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    /**
     * The partitions no other relay holds, locked until this transaction ends; empty when another
     * replica holds them all.
     */
    private Mono<Integer[]> ownPartitions() {
        return db.sql("select p from generate_series(0, :last) p where pg_try_advisory_xact_lock(:class, p)")
                .bind("last", partitions - 1)
                .bind("class", LOCK_CLASS)
                .map(r -> r.get(0, Integer.class))
                .all()
                .collectList()
                .filter(owned -> !owned.isEmpty())
                .map(owned -> owned.toArray(Integer[]::new));
    }

    /**
     * Unpublished, unparked rows of the owned partitions whose topic and key have no parked row in
     * front of them.
     */
    private Flux<Row> lockBatch(Integer[] owned) {
        return db.sql("select id, topic, event_key, payload, traceparent, request_id from outbox_event o where published_at is null "
                        + "and parked_at is null and " + PARTITION + " = any(:owned) "
                        + "and not exists (select 1 from outbox_event p where p.parked_at is not null "
                        + "and p.published_at is null and p.discarded_at is null and p.topic = o.topic "
                        + "and p.event_key = o.event_key) "
                        + "order by created_at, id limit " + BATCH + " for update skip locked")
                .bind("partitions", partitions)
                .bind("owned", owned)
                .map((r, m) -> new Row(r.get("id", String.class), r.get("topic", String.class),
                        r.get("event_key", String.class), r.get("payload", String.class),
                        new TraceContext(r.get("traceparent", String.class), r.get("request_id", String.class))))
                .all();
    }

    /** A row's partition: a hash of its topic and key, the same in every replica and release. */
    private static final String PARTITION = "((hashtext(o.topic || ':' || o.event_key) & 2147483647) % :partitions)";

    /**
     * {@code KafkaTemplate.send} blocks while the producer waits for topic metadata; it must never
     * do that on the database driver's event loop, which every other query of the service shares.
     */
    private Mono<Void> send(Row row) {
        return Mono.fromFuture(() -> row.trace().within(() -> kafka.send(record(row))))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    /**
     * The record carries the request's traceparent and {@code X-Request-Id}; with the javaagent
     * attached, its producer span (a child of that traceparent) replaces the traceparent with its own.
     */
    private static ProducerRecord<String, String> record(Row row) {
        ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
        row.trace().addTo(record.headers());
        return record;
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

    Mono<Long> refreshGauges() {
        return db.sql("select count(*) filter (where parked_at is not null and discarded_at is null) as parked, "
                        + "count(*) filter (where parked_at is null and held) as held, "
                        + "count(*) filter (where parked_at is null and not held) as unpublished, "
                        + "coalesce(extract(epoch from now() - min(created_at) filter (where parked_at is null and not held)), 0) "
                        + "as oldest from (select o.parked_at, o.discarded_at, o.created_at, exists (select 1 from outbox_event p "
                        + "where p.parked_at is not null and p.published_at is null and p.discarded_at is null "
                        + "and p.topic = o.topic and p.event_key = o.event_key) as held "
                        + "from outbox_event o where published_at is null) o")
                .map(r -> {
                    parkedRows.set(r.get("parked", Long.class));
                    heldRows.set(r.get("held", Long.class));
                    unpublishedRows.set(r.get("unpublished", Long.class));
                    oldestUnpublishedSeconds.set(((Number) r.get("oldest")).longValue());
                    return parkedRows.get();
                })
                .one();
    }

    @Override
    protected List<Job> jobs() {
        // The relay shares its work through partition locks; the gauges are this replica's.
        return List.of(
                new Job("relay", interval, () -> relayOnce().map(Integer::longValue), Runs.ON_EVERY_REPLICA, wakeUps),
                new Job("parked-gauges", Duration.ofSeconds(15), this::refreshGauges, Runs.ON_EVERY_REPLICA));
    }

    private record Row(String id, String topic, String key, String payload, TraceContext trace) {

        String ordering() {
            return topic + "\u0000" + key;
        }
    }

    private static final class Batch {

        final List<String> published = new ArrayList<>();
        final Set<String> held = new HashSet<>();
        boolean stopped;
    }
}
