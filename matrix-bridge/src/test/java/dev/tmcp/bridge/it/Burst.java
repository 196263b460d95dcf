package dev.tmcp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.gift.GiftOpened;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/**
 * A burst of gift openings spread over a few public rooms, one gift per room (so each room's
 * events share a Kafka key, and their order is defined): the i-th opening of a room has
 * {@code remaining_count = perRoom - 1 - i}. Checks that each room got every opening once, in order.
 */
final class Burst {

    final Synapse.User reader;
    final List<String> rooms = new ArrayList<>();
    final List<String> gifts = new ArrayList<>();
    final int perRoom;

    Burst(int roomCount, int perRoom) {
        this.perRoom = perRoom;
        reader = Synapse.register(BridgeIntegrationTest.localpart("reader"));
        for (int r = 0; r < roomCount; r++) {
            rooms.add(Synapse.room(reader, "public_chat"));
            gifts.add("gift_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        }
    }

    int total() {
        return rooms.size() * perRoom;
    }

    /** Publishes events {@code from} (inclusive) to {@code to} (exclusive), rooms interleaved. */
    void publish(SuiteEvents events, int from, int to) {
        IntStream.range(from, to).forEach(i -> {
            int room = i % rooms.size();
            int ordinal = i / rooms.size();
            events.publish(Topics.GIFT, GiftOpened.TYPE, gifts.get(room), new GiftOpened(gifts.get(room), rooms.get(room),
                    reader.userId(), new BigDecimal("1.00"), "USD", Instant.now().toString(), perRoom - 1 - ordinal,
                    List.of()));
        });
    }

    List<JsonNode> openings(String room) {
        return Synapse.timeline(reader, room, List.of("m.tween.gift.opened"));
    }

    int delivered() {
        return rooms.stream().mapToInt(room -> openings(room).size()).sum();
    }

    void assertEveryEventOnceInOrder() {
        for (String room : rooms) {
            List<Integer> remaining = openings(room).stream()
                    .map(e -> e.path("content").path("remaining_count").asInt()).toList();
            List<Integer> expected = IntStream.range(0, perRoom).map(i -> perRoom - 1 - i).boxed().toList();
            assertThat(remaining).as("openings in room %s", room).containsExactlyElementsOf(expected);
        }
    }
}
