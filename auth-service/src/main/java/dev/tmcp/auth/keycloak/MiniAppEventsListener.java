package dev.tmcp.auth.keycloak;

import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.app.MiniAppRegistered;
import dev.tmcp.web.outbox.EventConsumers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Consumes {@code tmcp.app}: each newly registered mini-app becomes a Keycloak client (idempotently). */
@Component
class MiniAppEventsListener {

    private static final String CONSUMER = "auth-service.keycloak-clients";

    private final MiniAppClientRegistrar registrar;
    private final EventConsumers consumers;

    MiniAppEventsListener(MiniAppClientRegistrar registrar, EventConsumers consumers) {
        this.registrar = registrar;
        this.consumers = consumers;
    }

    @KafkaListener(topics = Topics.APP, groupId = "auth-service")
    Mono<Void> onEvent(ConsumerRecord<String, String> record) {
        return consumers.apply(CONSUMER, record, MiniAppRegistered.TYPE, MiniAppRegistered.class,
                (event, app) -> registrar.ensureClient(app));
    }
}
