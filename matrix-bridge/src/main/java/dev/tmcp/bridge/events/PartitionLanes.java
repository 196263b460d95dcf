package dev.tmcp.bridge.events;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Runs the handling of the records of one partition one after the other. A listener that returns a
 * Mono is handed the next record before the previous one's Mono completed; without this, two events
 * of one transfer or gift could enter the room queue in the wrong order.
 *
 * <p>A lane is bounded: with async acknowledgements the container pauses the consumer until every
 * record of the previous poll is acknowledged, so at most {@code max.poll.records} (500) tasks wait
 * in a lane; the queue holds {@value #LANE_CAPACITY}. Were it ever full, the record fails (and is
 * retried by the error handler) instead of growing memory.
 */
@Component
class PartitionLanes {

    static final int LANE_CAPACITY = 1024;

    private final Map<TopicPartition, Sinks.Many<Mono<Void>>> lanes = new ConcurrentHashMap<>();

    Mono<Void> inOrder(ConsumerRecord<?, ?> record, Mono<Void> work) {
        Sinks.Empty<Void> done = Sinks.empty();
        Mono<Void> task = work.doOnSuccess(v -> done.tryEmitEmpty())
                .doOnError(done::tryEmitError)
                .onErrorResume(e -> Mono.empty());
        Sinks.Many<Mono<Void>> lane = lanes.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                tp -> lane());
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        Sinks.EmitResult result;
        while ((result = lane.tryEmitNext(task)) == Sinks.EmitResult.FAIL_NON_SERIALIZED && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        if (result.isFailure()) {
            // Thrown to the container, which retries the record; the lane itself stays usable.
            throw new IllegalStateException("partition lane " + record.topic() + "-" + record.partition()
                    + " refused a record: " + result);
        }
        return done.asMono();
    }

    private static Sinks.Many<Mono<Void>> lane() {
        Sinks.Many<Mono<Void>> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<Mono<Void>>get(LANE_CAPACITY).get());
        sink.asFlux().concatMap(task -> task, 1).subscribe();
        return sink;
    }
}
