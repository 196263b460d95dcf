package dev.tmcp.bridge.events;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class PartitionLanesTest {

    @Test
    void aStuckLaneRefusesMoreWorkInsteadOfBufferingWithoutBound() {
        PartitionLanes lanes = new PartitionLanes();
        ConsumerRecord<String, String> record = new ConsumerRecord<>("t", 0, 0L, "k", "v");
        lanes.inOrder(record, Mono.never());

        assertThatThrownBy(() -> {
            for (int i = 0; i < 2 * PartitionLanes.LANE_CAPACITY; i++) {
                lanes.inOrder(record, Mono.empty());
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("FAIL_OVERFLOW");
    }
}
