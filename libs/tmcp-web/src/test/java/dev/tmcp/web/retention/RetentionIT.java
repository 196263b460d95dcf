package dev.tmcp.web.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The library's retention rules on real PostgreSQL, with the rules the auto-configuration declares. */
@SpringBootTest(classes = RetentionIT.App.class, properties = {
        "spring.main.web-application-type=none",
        "tmcp.db.name=unused",
        "tmcp.outbox.relay.enabled=false",
        "tmcp.retention.enabled=false"})
class RetentionIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
        TestInfrastructure.kafka(registry);
    }

    @Autowired
    DatabaseClient db;

    @Autowired
    List<RetentionRule> rules;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void publishedAndDiscardedOutboxRowsGoAfterAWeekWhileUnpublishedAndParkedOnesStay() {
        outbox("published-old", "published_at = now() - interval '8 days'");
        outbox("published-recent", "published_at = now() - interval '6 days'");
        outbox("discarded-old", "parked_at = now() - interval '9 days', discarded_at = now() - interval '8 days'");
        outbox("unpublished-old", "attempts = 0");
        outbox("parked-old", "parked_at = now() - interval '20 days'");

        retention(100).purge().block();

        assertThat(outboxLeft()).containsExactlyInAnyOrder(
                id("published-recent"), id("unpublished-old"), id("parked-old"));
    }

    @Test
    void processedEventMarksGoAfterTwoWeeks() {
        processed("old", "15 days");
        processed("recent", "13 days");

        retention(100).purge().block();

        assertThat(db.sql("select event_id from processed_event where consumer = :c order by event_id")
                .bind("c", "retention-" + run).map(r -> r.get("event_id", String.class)).all().collectList().block())
                .containsExactly(id("recent"));
    }

    @Test
    void aBacklogLargerThanOneBatchIsDeletedInBatches() {
        for (int i = 0; i < 23; i++) {
            outbox("backlog-" + i, "published_at = now() - interval '30 days'");
        }

        Long deleted = retention(5).purge().block();

        assertThat(deleted).isGreaterThanOrEqualTo(23);
        assertThat(outboxLeft()).isEmpty();
    }

    private Retention retention(int batch) {
        return new Retention(db, rules, Duration.ofMinutes(10), batch, 1_000, new SimpleMeterRegistry());
    }

    private String id(String name) {
        return run + "-" + name;
    }

    private void outbox(String name, String state) {
        db.sql("insert into outbox_event (id, topic, event_key, payload, created_at) "
                        + "values (:id, 'retention.it', :key, '{}', now() - interval '30 days')")
                .bind("id", id(name)).bind("key", run).fetch().rowsUpdated().block();
        db.sql("update outbox_event set " + state + " where id = :id").bind("id", id(name)).fetch().rowsUpdated().block();
    }

    private List<String> outboxLeft() {
        return db.sql("select id from outbox_event where event_key = :key").bind("key", run)
                .map(r -> r.get("id", String.class)).all().collectList().block();
    }

    private void processed(String name, String age) {
        db.sql("insert into processed_event (consumer, event_id, processed_at) values (:c, :id, now() - cast(:age as interval))")
                .bind("c", "retention-" + run).bind("id", id(name)).bind("age", age).fetch().rowsUpdated().block();
    }

    @SpringBootApplication
    static class App {
    }
}
