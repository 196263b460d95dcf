package dev.tmcp.storage.lifecycle;

import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.app.MiniAppUninstalled;
import dev.tmcp.core.event.auth.UserDeleted;
import dev.tmcp.web.outbox.EventConsumers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Spec 10.3.8 data lifecycle: a mini-app's storage for a user is deleted when the user uninstalls
 * it; all of a user's storage when the account is deleted. Deletion is idempotent, so a
 * redelivered event is harmless.
 */
@Component
class DataLifecycleListener {

    private final NamespaceDeletion deletion;
    private final EventConsumers consumers;

    DataLifecycleListener(NamespaceDeletion deletion, EventConsumers consumers) {
        this.deletion = deletion;
        this.consumers = consumers;
    }

    @KafkaListener(topics = Topics.APP)
    Mono<Void> onAppEvent(ConsumerRecord<String, String> record) {
        return consumers.apply("storage-service.uninstall", record, MiniAppUninstalled.TYPE, MiniAppUninstalled.class,
                (event, uninstalled) -> deletion.deleteNamespace(uninstalled.clientId(), uninstalled.userId()));
    }

    @KafkaListener(topics = Topics.AUTH)
    Mono<Void> onAuthEvent(ConsumerRecord<String, String> record) {
        return consumers.apply("storage-service.user-deleted", record, UserDeleted.TYPE, UserDeleted.class,
                (event, deleted) -> deletion.deleteUser(deleted.userId()));
    }
}
