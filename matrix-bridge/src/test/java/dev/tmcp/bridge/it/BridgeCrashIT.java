package dev.tmcp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.Topics;
import dev.tmcp.test.StackEnv;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge process is killed with SIGKILL in the middle of a burst of 200 events and started
 * again: every event arrives once, in each room's order, and an AS transaction replayed across the
 * restart is still applied once.
 */
class BridgeCrashIT {

    static final SuiteEvents EVENTS = new SuiteEvents();
    static final BridgeProcess BRIDGE = new BridgeProcess(EVENTS);

    @AfterAll
    static void cleanUp() {
        BRIDGE.close();
        EVENTS.close();
    }

    @Test
    void aKilledBridgeLosesAndDuplicatesNothing() throws Exception {
        BRIDGE.start();
        Burst burst = new Burst(4, 50);
        String txnId = "crash-" + UUID.randomUUID();
        String room = burst.rooms.get(0);
        Map<String, Object> launch = Map.of("events", List.of(Map.of("type", "m.tween.miniapp.launch", "room_id", room,
                "sender", burst.reader.userId(), "event_id", "$launch-" + txnId,
                "content", Map.of("miniapp_id", "ma_shop_001", "launch_source", "chat_bubble"))));
        assertThat(putTransaction(txnId, launch)).isEqualTo(200);

        burst.publish(EVENTS, 0, 100);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(burst::delivered, n -> n >= 10);
        BRIDGE.kill();
        int atKill = burst.delivered();
        burst.publish(EVENTS, 100, 200);

        BRIDGE.start();
        assertThat(putTransaction(txnId, launch)).as("replayed after the restart").isEqualTo(200);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(burst::delivered, n -> n >= burst.total());
        burst.assertEveryEventOnceInOrder();
        assertThat(atKill).as("killed mid-burst").isLessThan(burst.total());
        assertThat(inboundEventsOf(room)).isEqualTo(1);
    }

    private static int putTransaction(String txnId, Map<String, Object> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(BRIDGE.url() + "/_matrix/app/v1/transactions/" + txnId))
                .header("Authorization", "Bearer " + StackEnv.get("TMCP_HS_TOKEN"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Synapse.JSON.writeValueAsString(body))).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static int inboundEventsOf(String room) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteEvents.BOOTSTRAP);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        AtomicInteger count = new AtomicInteger();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(EVENTS.prefix() + Topics.MATRIX_INBOUND));
            long end = System.currentTimeMillis() + 8000;
            while (System.currentTimeMillis() < end) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (room.equals(EventCodec.read(r.value()).subject())) {
                        count.incrementAndGet();
                    }
                });
            }
        }
        return count.get();
    }
}
