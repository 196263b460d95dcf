package dev.tmcp.web.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.test.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Two relays on one outbox (two replicas of a service) on real PostgreSQL and Kafka: every row is
 * published, both relays take part, and each key's events reach Kafka in the order they were
 * written.
 */
@SpringBootTest(classes = OutboxOrderingIT.App.class, properties = {
        "spring.main.web-application-type=none",
        "tmcp.db.name=unused",
        "tmcp.outbox.relay.enabled=false"})
class OutboxOrderingIT {

    static final String TOPIC = "it.outbox-order." + UUID.randomUUID();
    static final int KEYS = 20;
    static final int PER_KEY = 30;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
        TestInfrastructure.kafka(registry);
    }

    @Autowired
    OutboxWriter outbox;
    @Autowired
    ReactiveTransactionManager txManager;
    @Autowired
    DatabaseClient db;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Test
    void twoRelaysKeepEveryKeysOrder() {
        // Interleaved: key 0 seq 0, key 1 seq 0, …, key 0 seq 1, …
        for (int seq = 0; seq < PER_KEY; seq++) {
            for (int key = 0; key < KEYS; key++) {
                write("k" + key, seq);
            }
        }
        OutboxRelay first = relay();
        OutboxRelay second = relay();
        long[] sent = new long[2];
        int[] round = {0};
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            relaySideBySide(first, second, sent, round[0]++ % 2 == 1);
            return unpublished() == 0;
        });

        Map<String, List<Integer>> received = consumeAll(KEYS * PER_KEY);
        assertThat(received).hasSize(KEYS);
        for (int key = 0; key < KEYS; key++) {
            List<Integer> seqs = received.get("k" + key);
            assertThat(seqs).as("key k%d on Kafka", key).isSorted().contains(0, PER_KEY - 1);
            assertThat(seqs.stream().distinct().count()).isEqualTo(PER_KEY);
        }
        assertThat(sent[0]).as("rows the first relay published").isPositive();
        assertThat(sent[1]).as("rows the second relay published").isPositive();
    }

    /**
     * One batch of each relay at the same time; adds up what each published. Whichever relay asks
     * for the partition locks first takes them all, so the rounds alternate which one gets a 50 ms
     * head start: left to the scheduler, one relay won every round of a CI run and the other never
     * took part. The other still asks while the locks are held, which is the contention under test.
     */
    private static void relaySideBySide(OutboxRelay first, OutboxRelay second, long[] sent, boolean secondStarts) {
        Duration headStart = Duration.ofMillis(50);
        Mono<Integer> a = first.relayOnce().subscribeOn(Schedulers.parallel());
        Mono<Integer> b = second.relayOnce().subscribeOn(Schedulers.parallel());
        Mono.zip(secondStarts ? a.delaySubscription(headStart) : a, secondStarts ? b : b.delaySubscription(headStart))
                .doOnNext(counts -> {
                    sent[0] += counts.getT1();
                    sent[1] += counts.getT2();
                })
                .block();
    }

    private OutboxRelay relay() {
        return new OutboxRelay(db, TransactionalOperator.create(txManager), kafka, Duration.ofHours(1), 5, 16,
                Flux.empty(), new SimpleMeterRegistry());
    }

    private void write(String key, int seq) {
        EventEnvelope event = EventCodec.envelope("it.happened", "it", key, Map.of("seq", seq));
        TransactionalOperator.create(txManager).transactional(outbox.append(TOPIC, event)).block();
    }

    private long unpublished() {
        return db.sql("select count(*) from outbox_event where topic = :topic and published_at is null")
                .bind("topic", TOPIC).map(r -> r.get(0, Long.class)).one().block();
    }

    private Map<String, List<Integer>> consumeAll(int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-order-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, List<Integer>> received = new HashMap<>();
        int count = 0;
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (count < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    int seq = EventCodec.read(record.value()).data().get("seq").asInt();
                    received.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(seq);
                    count++;
                }
            }
        }
        assertThat(count).as("records on Kafka").isEqualTo(expected);
        return received;
    }

    @SpringBootApplication
    static class App {
    }
}
