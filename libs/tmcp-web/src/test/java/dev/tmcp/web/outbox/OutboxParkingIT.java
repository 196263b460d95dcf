package dev.tmcp.web.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.test.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The relay on real PostgreSQL and Kafka with a row Kafka refuses (larger than the producer's
 * {@code max.request.size}): after its attempts the row is parked and listed, the other keys' rows
 * are published, the same key's later row is held until an operator discards the parked one.
 */
@SpringBootTest(classes = OutboxParkingIT.App.class, properties = {
        "spring.main.web-application-type=none",
        "tmcp.db.name=unused",
        "tmcp.outbox.relay.interval=50ms",
        "tmcp.outbox.relay.max-attempts=2",
        "spring.kafka.producer.properties.max.request.size=4096"})
class OutboxParkingIT {

    static final String TOPIC = "it.outbox-park." + UUID.randomUUID();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
        TestInfrastructure.kafka(registry);
    }

    @Autowired
    OutboxWriter outbox;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    DatabaseClient db;
    @Autowired
    MeterRegistry meters;
    @Autowired
    OutboxEndpoint endpoint;
    @Autowired
    OutboxRelay relay;

    @Test
    void aRowKafkaRefusesIsParkedTheRestIsPublishedAndItsKeyWaits() {
        EventEnvelope before = write("a", "small");
        EventEnvelope poison = write("p", "x".repeat(10_000));
        EventEnvelope sameKey = write("p", "small");
        EventEnvelope otherKey = write("b", "small");

        await().atMost(Duration.ofSeconds(60)).until(() -> published(before) && published(otherKey));
        await().atMost(Duration.ofSeconds(30)).until(() -> parked(poison));
        assertThat(published(sameKey)).as("held behind the parked row of its key").isFalse();
        assertThat(meters.counter("tmcp.outbox.parked").count()).isEqualTo(1.0);
        relay.refreshGauges().block();
        assertThat(meters.get("tmcp.outbox.held.rows").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("tmcp.outbox.unpublished.rows").gauge().value())
                .as("a held row is the parked row's alert, not outbox lag").isZero();
        assertThat(meters.get("tmcp.outbox.oldest.unpublished.age").gauge().value()).isZero();
        List<?> listed = (List<?>) endpoint.parked().block().get("parked");
        assertThat(listed).hasSize(1);
        assertThat(((Map<?, ?>) listed.get(0)).get("id")).isEqualTo(poison.id());
        assertThat((String) ((Map<?, ?>) listed.get(0)).get("last_error")).contains("RecordTooLarge");

        assertThat(endpoint.discard(poison.id()).block().get("status")).isEqualTo("discarded");
        await().atMost(Duration.ofSeconds(30)).until(() -> published(sameKey));
        assertThat(published(poison)).isFalse();
        assertThat(endpoint.parked().block().get("parked")).asList().isEmpty();
    }

    private EventEnvelope write(String key, String text) {
        EventEnvelope event = EventCodec.envelope("it.happened", "it", key, Map.of("text", text));
        tx.transactional(outbox.append(TOPIC, event)).block();
        return event;
    }

    private boolean published(EventEnvelope event) {
        return db.sql("select published_at is not null from outbox_event where id = :id").bind("id", event.id())
                .map(r -> r.get(0, Boolean.class)).one().block();
    }

    private boolean parked(EventEnvelope event) {
        return db.sql("select parked_at is not null from outbox_event where id = :id").bind("id", event.id())
                .map(r -> r.get(0, Boolean.class)).one().block();
    }

    @SpringBootApplication
    static class App {
    }
}
