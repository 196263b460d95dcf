package dev.tmcp.auth.revocation;

import dev.tmcp.auth.session.TepSessions;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.app.MiniAppSuspended;
import dev.tmcp.core.event.app.MiniAppUninstalled;
import dev.tmcp.web.outbox.EventConsumers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sessions that end with the app's place in the store (decision 0048): a user who uninstalls a
 * mini-app withdraws its permissions too — every session of that user in the app ends and every
 * approval is forgotten, reason {@code app_removed}; a suspended app loses every live session of
 * every user (its approvals stay for a reinstatement), reason {@code app_suspended}. Only sessions
 * begun by the event's time end: a user who opens the app again afterwards keeps that session. Its own
 * consumer group, so it sees every {@code tmcp.app} record next to the Keycloak client registrar.
 */
@Component
class AppRemovalListener {

    private static final Logger log = LoggerFactory.getLogger(AppRemovalListener.class);

    private final Revocations revocations;
    private final TepSessions sessions;
    private final EventConsumers consumers;

    AppRemovalListener(Revocations revocations, TepSessions sessions, EventConsumers consumers) {
        this.revocations = revocations;
        this.sessions = sessions;
        this.consumers = consumers;
    }

    // Latest: a new group must not replay old uninstalls over sessions of users who installed again since.
    @KafkaListener(topics = Topics.APP, groupId = "auth-service-uninstall", properties = "auto.offset.reset=latest")
    Mono<Void> onEvent(ConsumerRecord<String, String> record) {
        return consumers.apply("auth-service.uninstall", record, MiniAppUninstalled.TYPE, MiniAppUninstalled.class,
                        (event, uninstalled) -> revocations.revokeStartedBefore(uninstalled.userId(), uninstalled.clientId(),
                                "app_removed", event.time()).then())
                .then(consumers.apply("auth-service.suspension", record, MiniAppSuspended.TYPE, MiniAppSuspended.class,
                        (event, suspended) -> sessions.revokeApp(suspended.clientId(), "app_suspended", event.time())
                                .doOnNext(ended -> log.info("mini-app {} suspended: {} sessions ended", suspended.clientId(),
                                        ended.size()))
                                .then()));
    }
}
