package dev.tmcp.auth.keycloak;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.app.MiniAppRegistered;
import dev.tmcp.web.outbox.ConsumerRetry;
import dev.tmcp.web.outbox.ProcessedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Consumes {@code tmcp.app}: each newly registered mini-app becomes a Keycloak client. */
@Component
class MiniAppEventsListener {

    private static final String CONSUMER = "auth-service.keycloak-clients";

    private final MiniAppClientRegistrar registrar;
    private final ProcessedEvents processed;

    MiniAppEventsListener(MiniAppClientRegistrar registrar, ProcessedEvents processed) {
        this.registrar = registrar;
        this.processed = processed;
    }

    @KafkaListener(topics = Topics.APP, groupId = "auth-service")
    Mono<Void> onEvent(ConsumerRecord<String, String> record) {
        EventEnvelope event = EventCodec.read(record.value());
        if (!MiniAppRegistered.TYPE.equals(event.type())) {
            return Mono.empty();
        }
        // Registration is idempotent, so it runs first and the event is remembered once it succeeded.
        return ConsumerRetry.untilDone(CONSUMER, event.id(),
                registrar.ensureClient(EventCodec.data(event, MiniAppRegistered.class))
                        .then(processed.claim(CONSUMER, event.id()))
                        .then());
    }
}
