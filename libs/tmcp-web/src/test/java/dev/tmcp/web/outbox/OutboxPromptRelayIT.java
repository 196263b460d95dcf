package dev.tmcp.web.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.test.TestInfrastructure;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A money movement's event leaves as soon as the transaction that recorded it commits: the relay's
 * interval here is an hour, so only the wake-up after the commit can publish within the test.
 */
@SpringBootTest(classes = OutboxPromptRelayIT.App.class, properties = {
        "spring.main.web-application-type=none",
        "tmcp.db.name=unused",
        "tmcp.outbox.relay.interval=1h"})
class OutboxPromptRelayIT {

    static final String TOPIC = "it.outbox.prompt." + UUID.randomUUID();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
        TestInfrastructure.kafka(registry);
        registry.add("spring.kafka.consumer.group-id", () -> "it-" + UUID.randomUUID());
        registry.add("it.topic", () -> TOPIC);
    }

    @Autowired
    OutboxWriter outbox;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    Receiver receiver;

    @Test
    void anEventIsPublishedRightAfterItsTransactionCommitsWithoutWaitingForTheRelaysInterval() {
        EventEnvelope event = EventCodec.envelope("it.happened", "it", "agg-prompt", Map.of("n", 1));

        tx.transactional(outbox.append(TOPIC, event)).block();

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.ids.contains(event.id()));
    }

    @Test
    void anEventWhoseTransactionRollsBackIsNeverPublished() {
        EventEnvelope rolledBack = EventCodec.envelope("it.happened", "it", "agg-rollback", Map.of("n", 2));
        EventEnvelope committed = EventCodec.envelope("it.happened", "it", "agg-rollback", Map.of("n", 3));

        tx.transactional(outbox.append(TOPIC, rolledBack).then(Mono.error(new IllegalStateException("rolled back"))))
                .onErrorResume(IllegalStateException.class, e -> Mono.empty())
                .block();
        tx.transactional(outbox.append(TOPIC, committed)).block();

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.ids.contains(committed.id()));
        assertThat(receiver.ids).doesNotContain(rolledBack.id());
    }

    @SpringBootApplication
    @Import(Receiver.class)
    static class App {
    }

    static class Receiver {

        final Set<String> ids = ConcurrentHashMap.newKeySet();

        @KafkaListener(id = "it-prompt", topics = "${it.topic}")
        void on(ConsumerRecord<String, String> record) {
            ids.add(EventCodec.read(record.value()).id());
        }
    }
}
