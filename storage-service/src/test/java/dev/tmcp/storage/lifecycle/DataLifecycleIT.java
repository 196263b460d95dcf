package dev.tmcp.storage.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.app.MiniAppUninstalled;
import dev.tmcp.core.event.auth.UserDeleted;
import dev.tmcp.test.TestInfrastructure;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Uninstall and account deletion, as Kafka events on a real broker, remove exactly the right data. */
@SpringBootTest(properties = "tmcp.tep.jwks-uri=http://127.0.0.1:1/unused")
class DataLifecycleIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
        TestInfrastructure.kafka(registry);
        registry.add("tmcp.storage.master-keys", () -> "v1:" + Base64.getEncoder().encodeToString(new byte[32]));
        registry.add("spring.kafka.consumer.group-id", () -> "storage-it-" + UUID.randomUUID());
    }

    @Autowired
    DatabaseClient db;
    @Autowired
    KafkaTemplate<String, String> kafka;

    @Test
    void uninstallDeletesThatAppsDataForThatUserOnly() throws Exception {
        String user = "@u" + UUID.randomUUID().toString().substring(0, 6) + ":test";
        String app = "ma_it_" + UUID.randomUUID().toString().substring(0, 6);
        row(app, user, "cart");
        row("ma_other", user, "prefs");
        row(app, "@someone_else:test", "cart");

        publish(Topics.APP, app, MiniAppUninstalled.TYPE, new MiniAppUninstalled(app, user));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(app, user) == 0);
        assertThat(count("ma_other", user)).isEqualTo(1);
        assertThat(count(app, "@someone_else:test")).isEqualTo(1);

        publish(Topics.AUTH, user, UserDeleted.TYPE, new UserDeleted(user));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("ma_other", user) == 0);
        assertThat(count(app, "@someone_else:test")).isEqualTo(1);
    }

    private void publish(String topic, String subject, String type, Object data) throws Exception {
        EventEnvelope event = EventCodec.envelope(type, "it", subject, data);
        kafka.send(topic, subject, EventCodec.write(event)).get();
    }

    private void row(String app, String user, String key) {
        db.sql("insert into storage_entry (client_id, user_id, entry_key, value_ciphertext, key_version, size_bytes) "
                        + "values (:c, :u, :k, :v, 1, 1)")
                .bind("c", app).bind("u", user).bind("k", key).bind("v", new byte[] {1, 2, 3})
                .fetch().rowsUpdated().block();
    }

    private long count(String app, String user) {
        return db.sql("select count(*) from storage_entry where client_id = :c and user_id = :u")
                .bind("c", app).bind("u", user).map(r -> r.get(0, Long.class)).one().block();
    }
}
