package dev.tmcp.bridge.it;

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

/** What the homeserver does to a bridge (AS transactions), and what the bridge publishes of them. */
final class AsTransactions {

    private AsTransactions() {
    }

    /** A launch of {@code ma_shop_001} in {@code room}, as one AS transaction's body. */
    static Map<String, Object> launch(String room, String sender, String txnId) {
        return Map.of("events", List.of(Map.of("type", "m.tween.miniapp.launch", "room_id", room,
                "sender", sender, "event_id", "$launch-" + txnId,
                "content", Map.of("miniapp_id", "ma_shop_001", "launch_source", "chat_bubble"))));
    }

    static int put(String bridgeUrl, String txnId, Map<String, Object> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bridgeUrl + "/_matrix/app/v1/transactions/" + txnId))
                .header("Authorization", "Bearer " + StackEnv.get("TMCP_HS_TOKEN"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Synapse.JSON.writeValueAsString(body))).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** How many inbound events the bridge published for {@code room} (read for 8 s). */
    static int inboundEventsOf(SuiteEvents events, String room) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteEvents.BOOTSTRAP);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        AtomicInteger count = new AtomicInteger();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(events.prefix() + Topics.MATRIX_INBOUND));
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
