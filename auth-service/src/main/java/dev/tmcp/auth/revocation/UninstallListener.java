package dev.tmcp.auth.revocation;

import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.app.MiniAppUninstalled;
import dev.tmcp.web.outbox.EventConsumers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A user who uninstalls a mini-app withdraws its permissions too (spec 16.6.2, decision 0048):
 * every session of that user in the app ends (its TEPs stop verifying) and every approval is
 * forgotten, with reason {@code app_removed}. Its own consumer group, so it sees every
 * {@code tmcp.app} record next to the Keycloak client registrar.
 */
@Component
class UninstallListener {

    private static final String CONSUMER = "auth-service.uninstall";

    private final Revocations revocations;
    private final EventConsumers consumers;

    UninstallListener(Revocations revocations, EventConsumers consumers) {
        this.revocations = revocations;
        this.consumers = consumers;
    }

    // Latest: a new group must not replay old uninstalls over sessions of users who installed again since.
    @KafkaListener(topics = Topics.APP, groupId = "auth-service-uninstall", properties = "auto.offset.reset=latest")
    Mono<Void> onEvent(ConsumerRecord<String, String> record) {
        return consumers.apply(CONSUMER, record, MiniAppUninstalled.TYPE, MiniAppUninstalled.class,
                (event, uninstalled) -> revocations.revoke(uninstalled.userId(), uninstalled.clientId(), "app_removed").then());
    }
}
