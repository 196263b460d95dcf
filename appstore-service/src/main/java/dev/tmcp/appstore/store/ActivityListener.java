package dev.tmcp.appstore.store;

import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.auth.SessionStarted;
import dev.tmcp.web.outbox.EventConsumers;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Counts each user's sessions per app and day (UTC) from {@code session.started}, the suite's own
 * record of a user opening a mini-app: active users and engagement of the ranking (16.6.3). Each
 * event counts once (its id is claimed in the same transaction).
 */
@Component
class ActivityListener {

    static final String CONSUMER = "appstore-service.activity";

    private final DatabaseClient db;
    private final EventConsumers consumers;

    ActivityListener(DatabaseClient db, EventConsumers consumers) {
        this.db = db;
        this.consumers = consumers;
    }

    @KafkaListener(topics = Topics.AUTH, groupId = "appstore-service-activity")
    Mono<Void> onEvent(ConsumerRecord<String, String> record) {
        return consumers.apply(CONSUMER, record, SessionStarted.TYPE, SessionStarted.class,
                (event, started) -> count(started.clientId(), started.userId(), event.time()));
    }

    Mono<Void> count(String clientId, String userId, Instant at) {
        return db.sql("insert into app_activity (client_id, day, user_id, sessions) values (:c, :d, :u, 1) "
                        + "on conflict (client_id, day, user_id) do update set sessions = app_activity.sessions + 1")
                .bind("c", clientId).bind("d", at.atOffset(ZoneOffset.UTC).toLocalDate()).bind("u", userId)
                .then();
    }
}
