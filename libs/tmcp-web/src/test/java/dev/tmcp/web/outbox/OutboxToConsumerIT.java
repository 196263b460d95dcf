package dev.tmcp.web.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.test.TestInfrastructure;
import dev.tmcp.web.request.RequestIdWebFilter;
import dev.tmcp.web.tracing.TraceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The event plumbing on real PostgreSQL and Kafka: outbox rows written in transactions are relayed
 * to Kafka and applied by an idempotent consumer. The consumer is stopped in the middle of the
 * stream and started again, and some events reach Kafka twice (a relay that crashed after sending):
 * every event is applied, and none twice.
 */
@SpringBootTest(classes = OutboxToConsumerIT.App.class, properties = {
        "spring.main.web-application-type=none",
        "tmcp.db.name=unused",
        "tmcp.outbox.relay.interval=50ms",
        "spring.kafka.consumer.properties.max.poll.records=10"})
class OutboxToConsumerIT {

    static final String TOPIC = "it.outbox." + UUID.randomUUID();
    static final String TRACED_TOPIC = TOPIC + ".traced";
    static final String CONSUMER = "outbox-it";
    static final int EVENTS = 120;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
        TestInfrastructure.kafka(registry);
        registry.add("spring.kafka.consumer.group-id", () -> "it-" + UUID.randomUUID());
        registry.add("it.topic", () -> TOPIC);
        registry.add("it.traced-topic", () -> TRACED_TOPIC);
    }

    @Autowired
    OutboxWriter outbox;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    DatabaseClient db;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    Applier applier;

    @Test
    void everyEventIsAppliedExactlyOnceAcrossAConsumerRestartAndDuplicates() throws Exception {
        List<EventEnvelope> first = write(0, EVENTS / 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> applied() >= 10);

        listeners.getListenerContainer("it").stop();
        List<EventEnvelope> second = write(EVENTS / 2, EVENTS);
        // A relay that crashed after Kafka acknowledged but before marking the rows sends them again.
        for (EventEnvelope duplicate : first.subList(0, 20)) {
            kafka.send(TOPIC, duplicate.subject(), EventCodec.write(duplicate)).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> unpublished() == 0);
        listeners.getListenerContainer("it").start();

        await().atMost(Duration.ofSeconds(90)).until(() -> applied() == EVENTS);
        List<String> ids = new ArrayList<>();
        first.forEach(e -> ids.add(e.id()));
        second.forEach(e -> ids.add(e.id()));
        List<String> appliedIds = db.sql("select event_id from applied").map(r -> r.get(0, String.class)).all()
                .collectList().block();
        assertThat(appliedIds).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(applier.deliveries.get()).isGreaterThanOrEqualTo(EVENTS + 20);
    }

    @Test
    void anEventWrittenWhileServingARequestReachesItsConsumerWithTheRequestsId() {
        EventEnvelope event = EventCodec.envelope("it.happened", "it", "agg-traced", Map.of("n", 0));

        tx.transactional(outbox.append(TRACED_TOPIC, event))
                .contextWrite(ctx -> ctx.put(RequestIdWebFilter.CONTEXT_KEY, "req_outbox_it"))
                .block();

        await().atMost(Duration.ofSeconds(60)).until(() -> applier.requestIds.containsKey(event.id()));
        assertThat(applier.requestIds).containsEntry(event.id(), "req_outbox_it");
    }

    private List<EventEnvelope> write(int from, int to) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            events.add(EventCodec.envelope("it.happened", "it", "agg-" + (i % 7), Map.of("n", i)));
        }
        Flux.fromIterable(events).concatMap(e -> tx.transactional(outbox.append(TOPIC, e))).blockLast();
        return events;
    }

    private long applied() {
        return db.sql("select count(*) from applied").map(r -> r.get(0, Long.class)).one().block();
    }

    private long unpublished() {
        return db.sql("select count(*) from outbox_event where published_at is null").map(r -> r.get(0, Long.class))
                .one().block();
    }

    @SpringBootApplication
    @Import(Applier.class)
    static class App {
    }

    static class Applier {

        final AtomicInteger deliveries = new AtomicInteger();
        final Map<String, String> requestIds = new ConcurrentHashMap<>();
        private final ProcessedEvents processed;
        private final DatabaseClient db;
        private final TransactionalOperator tx;
        private final EventConsumers consumers;

        Applier(ProcessedEvents processed, DatabaseClient db, TransactionalOperator tx, EventConsumers consumers) {
            this.processed = processed;
            this.db = db;
            this.tx = tx;
            this.consumers = consumers;
        }

        @KafkaListener(id = "it-traced", topics = "${it.traced-topic}")
        void onTraced(ConsumerRecord<String, String> record) {
            String requestId = TraceContext.of(record.headers()).requestId();
            requestIds.put(EventCodec.read(record.value()).id(), requestId == null ? "none" : requestId);
        }

        @KafkaListener(id = "it", topics = "${it.topic}")
        Mono<Void> on(ConsumerRecord<String, String> record) {
            deliveries.incrementAndGet();
            EventEnvelope event = EventCodec.read(record.value());
            return consumers.guarded(CONSUMER, record, event.id(), tx.transactional(processed.claim(CONSUMER, event.id())
                    .flatMap(first -> first
                            ? db.sql("insert into applied (event_id) values (:id)").bind("id", event.id()).fetch().rowsUpdated().then()
                            : Mono.<Void>empty())));
        }
    }
}
