package dev.tmcp.bridge.events;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs the handling of the records of one partition one after the other. A listener that returns a
 * Mono is handed the next record before the previous one's Mono completed; without this, two events
 * of one transfer or gift could enter the room queue in the wrong order.
 */
@Component
class PartitionLanes {

    private final Map<TopicPartition, Sinks.Many<Mono<Void>>> lanes = new ConcurrentHashMap<>();

    Mono<Void> inOrder(ConsumerRecord<?, ?> record, Mono<Void> work) {
        Sinks.Empty<Void> done = Sinks.empty();
        Mono<Void> task = work.doOnSuccess(v -> done.tryEmitEmpty())
                .doOnError(done::tryEmitError)
                .onErrorResume(e -> Mono.empty());
        lanes.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> lane())
                .emitNext(task, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
        return done.asMono();
    }

    private static Sinks.Many<Mono<Void>> lane() {
        Sinks.Many<Mono<Void>> sink = Sinks.many().unicast().onBackpressureBuffer();
        sink.asFlux().concatMap(task -> task, 1).subscribe();
        return sink;
    }
}
