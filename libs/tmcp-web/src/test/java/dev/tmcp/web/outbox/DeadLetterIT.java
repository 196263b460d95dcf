package dev.tmcp.web.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.test.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/**
 * Consumers on real PostgreSQL and Kafka: a record that keeps failing, or cannot be read, goes to
 * {@code <topic>.dlt} after bounded attempts and the records behind it on the same partition are
 * applied; the processed-event id commits or rolls back with the effect. Every record goes to
 * partition 0, so the records after the poison one wait behind it unless it is parked.
 */
@SpringBootTest(classes = DeadLetterIT.App.class, properties = {
        "spring.main.web-application-type=none",
        "tmcp.db.name=unused",
        "tmcp.outbox.relay.enabled=false",
        "tmcp.kafka.consumer.max-attempts=3",
        "tmcp.kafka.consumer.first-backoff=10ms",
        "tmcp.kafka.consumer.max-backoff=50ms"})
class DeadLetterIT {

    static final String TOPIC = "it.dlt." + UUID.randomUUID();
    static final String CONSUMER = "dlt-it";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
        TestInfrastructure.kafka(registry);
        registry.add("spring.kafka.consumer.group-id", () -> "it-" + UUID.randomUUID());
        registry.add("it.topic", DeadLetterIT::topic);
    }

    static String topic() {
        return TOPIC;
    }

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    DatabaseClient db;
    @Autowired
    MeterRegistry meters;
    @Value("${spring.kafka.bootstrap-servers}")
    String servers;

    @Test
    void aPoisonRecordAndAnUnreadableOneGoToTheDeadLetterTopicAndThePartitionGoesOn() throws Exception {
        EventEnvelope poison = event("agg", Map.of("poison", true));
        send(poison);
        kafka.send(TOPIC, 0, "agg", "not an event {").get();
        List<EventEnvelope> good = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            good.add(event("agg", Map.of("n", i)));
            send(good.get(i));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> count("applied", good) == 3);
        List<ConsumerRecord<String, String>> letters = deadLetters(2);
        assertThat(letters).extracting(ConsumerRecord::value)
                .containsExactly(EventCodec.write(poison), "not an event {");
        assertThat(header(letters.get(0), DeadLetters.HEADER_CONSUMER)).isEqualTo(CONSUMER);
        assertThat(header(letters.get(0), DeadLetters.HEADER_TOPIC)).isEqualTo(TOPIC);
        assertThat(header(letters.get(0), DeadLetters.HEADER_EXCEPTION)).contains("poison");
        assertThat(letters.get(0).key()).isEqualTo("agg");
        assertThat(meters.counter("tmcp.kafka.dead_lettered", "topic", TOPIC, "consumer", CONSUMER).count())
                .isEqualTo(2.0);
        assertThat(count("processed_event", List.of(poison))).isZero();
    }

    @Test
    void theProcessedEventIdCommitsWithTheEffectSoAFailedAttemptOrADuplicateAppliesNothingTwice() throws Exception {
        EventEnvelope flaky = event("flaky", Map.of("fail_first", true));
        send(flaky);
        send(flaky);
        EventEnvelope marker = event("flaky", Map.of("n", 99));
        send(marker);

        await().atMost(Duration.ofSeconds(60)).until(() -> count("applied", List.of(marker)) == 1);
        assertThat(Applier.FAILED).contains(flaky.id());
        assertThat(count("applied_log", List.of(flaky))).isEqualTo(1);
        assertThat(count("processed_event", List.of(flaky))).isEqualTo(1);
    }

    private static EventEnvelope event(String key, Map<String, Object> data) {
        return EventCodec.envelope("it.happened", "it", key, data);
    }

    private void send(EventEnvelope event) throws Exception {
        kafka.send(TOPIC, 0, event.subject(), EventCodec.write(event)).get();
    }

    private long count(String table, List<EventEnvelope> events) {
        return db.sql("select count(*) from " + table + " where event_id = any(:ids)")
                .bind("ids", events.stream().map(EventEnvelope::id).toArray(String[]::new))
                .map(r -> r.get(0, Long.class)).one().block();
    }

    private List<ConsumerRecord<String, String>> deadLetters(int expected) {
        Map<String, Object> props = Map.of("bootstrap.servers", servers, "group.id", "it-dlt-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "key.deserializer", StringDeserializer.class,
                "value.deserializer", StringDeserializer.class);
        List<ConsumerRecord<String, String>> letters = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(DeadLetters.topicOf(TOPIC)));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(letters::add);
                return letters.size() >= expected;
            });
        }
        return letters;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @SpringBootApplication
    @Import(Applier.class)
    static class App {
    }

    static class Applier {

        static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

        private final EventConsumers consumers;
        private final DatabaseClient db;

        Applier(EventConsumers consumers, DatabaseClient db) {
            this.consumers = consumers;
            this.db = db;
        }

        @KafkaListener(id = "dlt-it", topics = "${it.topic}")
        Mono<Void> on(ConsumerRecord<String, String> record) {
            return consumers.apply(CONSUMER, record, "it.happened", Map.class, (event, data) -> {
                if (Boolean.TRUE.equals(data.get("poison"))) {
                    return Mono.error(new IllegalStateException("poison: this record can never be applied"));
                }
                if (Boolean.TRUE.equals(data.get("fail_first"))) {
                    // The effect is written, then the handling fails: the row must roll back with the claim.
                    return db.sql("insert into applied_log (event_id) values (:id)").bind("id", event.id()).fetch()
                            .rowsUpdated().then(Mono.defer(() -> FAILED.add(event.id())
                                    ? Mono.error(new IllegalStateException("first attempt fails"))
                                    : Mono.empty()));
                }
                return db.sql("insert into applied (event_id) values (:id)").bind("id", event.id()).fetch()
                        .rowsUpdated().then();
            });
        }
    }
}
