// Run by bench/bridge.sh (java -cp <jars from the bridge jar> BridgeBench.java ...); not part of the build.
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.gift.GiftOpened;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes gift.opened events (the Kafka record a service would write) onto the bridge's topics,
 * and reads the rooms through /sync as a Matrix client. Three runs: a burst (events per second into
 * Synapse, until the last is readable); its ceiling, a plain Matrix client sending as many events
 * straight to the homeserver (PUT .../send/m.tween.bench.plain, the content of a card the bridge
 * posted, same rooms, as the bench user, PLAIN_IN_FLIGHT requests in flight, until the last is
 * readable), printed with the ratio bridge/plain; and a paced stream (latency from Kafka record to
 * event readable in the room).
 * Args: SYNAPSE_URL SERVER_NAME REGISTRATION_SECRET KAFKA TOPIC_PREFIX ROOMS BURST PACED_RATE PACED_SECONDS
 */
public class BridgeBench {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String synapse;
    static final Map<String, Long> receivedAt = new ConcurrentHashMap<>();
    static final Map<String, Long> producedAt = new ConcurrentHashMap<>();
    static final String PLAIN_TYPE = "m.tween.bench.plain";
    static final int PLAIN_IN_FLIGHT = 10;
    static final Map<String, Long> plainReceivedAt = new ConcurrentHashMap<>();
    static final AtomicReference<JsonNode> card = new AtomicReference<>();

    public static void main(String[] args) throws Exception {
        synapse = args[0];
        String server = args[1];
        String kafka = args[3];
        String topic = args[4] + "tmcp.gift";
        int rooms = Integer.parseInt(args[5]);
        int burst = Integer.parseInt(args[6]);
        int pacedRate = Integer.parseInt(args[7]);
        int pacedSeconds = Integer.parseInt(args[8]);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            // the bridge's consumer may have created it already
        }
        String user = "bench_bridge_" + System.currentTimeMillis();
        String token = register(args[2], user);
        String userId = "@" + user + ":" + server;
        List<String> roomIds = new ArrayList<>();
        for (int i = 0; i < rooms; i++) {
            roomIds.add(call("POST", "/_matrix/client/v3/createRoom", token, "{\"preset\":\"public_chat\"}").path("room_id").asString());
        }
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka);
        props.put("acks", "all");
        props.put("linger.ms", "5");
        props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        AtomicBoolean running = new AtomicBoolean(true);
        Thread reader = Thread.ofPlatform().start(() -> sync(token, running));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            int[] seq = {0};
            Runnable publishOne = () -> {
                int n = seq[0]++;
                String room = roomIds.get(n % rooms);
                String gift = "gift_bench_" + (n % rooms);
                String key = gift + ":" + n;
                producedAt.put(key, System.currentTimeMillis());
                GiftOpened data = new GiftOpened(gift, room, userId, new BigDecimal("1.00"), "USD",
                        Instant.now().toString(), n, List.of());
                producer.send(new ProducerRecord<>(topic, gift, EventCodec.write(
                        EventCodec.envelope(GiftOpened.TYPE, "bench", gift, data))));
            };
            // Warm-up: the gifts bot joins every room, and the bridge, a JVM started for this run, gets
            // its code compiled as a deployed bridge has (with 50 events it was still mostly interpreted).
            for (int i = 0; i < Integer.getInteger("warmup", rooms * 50); i++) {
                publishOne.run();
            }
            producer.flush();
            await(seq[0], Duration.ofSeconds(120));

            int burstFrom = seq[0];
            long burstStart = System.currentTimeMillis();
            for (int i = 0; i < burst; i++) {
                publishOne.run();
            }
            producer.flush();
            await(seq[0], Duration.ofSeconds(600));
            long burstEnd = receivedAt.entrySet().stream().filter(e -> index(e.getKey()) >= burstFrom)
                    .mapToLong(Map.Entry::getValue).max().orElse(burstStart);
            double perSecond = burst * 1000.0 / Math.max(1, burstEnd - burstStart);
            double plainPerSecond = plain(token, roomIds, burst);

            int pacedFrom = seq[0];
            long interval = 1_000_000_000L / pacedRate;
            long next = System.nanoTime();
            for (int i = 0; i < pacedRate * pacedSeconds; i++) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                publishOne.run();
                producer.flush();
                next += interval;
            }
            await(seq[0], Duration.ofSeconds(120));
            List<Long> latencies = new ArrayList<>();
            for (int n = pacedFrom; n < seq[0]; n++) {
                String key = "gift_bench_" + (n % rooms) + ":" + n;
                Long got = receivedAt.get(key);
                if (got != null) {
                    latencies.add(got - producedAt.get(key));
                }
            }
            latencies.sort(Long::compare);
            System.out.printf("burst_events %d%nrooms %d%nevents_per_second %.1f%n", burst, rooms, perSecond);
            System.out.printf("plain_client_events_per_second %.1f%nratio_bridge_to_plain %.2f%n", plainPerSecond,
                    perSecond / plainPerSecond);
            System.out.printf("paced_rate_per_second %d%npaced_events %d%npaced_received %d%n", pacedRate,
                    seq[0] - pacedFrom, latencies.size());
            System.out.printf("latency_p50_ms %d%nlatency_p99_ms %d%nlatency_max_ms %d%n", pct(latencies, 50),
                    pct(latencies, 99), latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1));
            System.out.printf("received_total %d of %d%n", receivedAt.size(), seq[0]);
        } finally {
            running.set(false);
            reader.join(10_000);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
                admin.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    /**
     * The ceiling: {@code count} events sent as a plain client, round-robin over the rooms with
     * {@link #PLAIN_IN_FLIGHT} requests in flight; events per second from the first request to the
     * last event readable through /sync.
     */
    static double plain(String token, List<String> roomIds, int count) throws Exception {
        if (card.get() == null) {
            throw new IllegalStateException("no card from the bridge was readable to copy");
        }
        ObjectNode content = (ObjectNode) card.get().deepCopy();
        String run = Long.toString(System.currentTimeMillis());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        System.err.println("plain: " + count + " events of " + JSON.writeValueAsString(content)
                .getBytes(StandardCharsets.UTF_8).length + " bytes, " + PLAIN_IN_FLIGHT + " in flight");
        ExecutorService senders = Executors.newFixedThreadPool(PLAIN_IN_FLIGHT);
        long start = System.currentTimeMillis();
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < PLAIN_IN_FLIGHT; i++) {
            work.add(senders.submit(() -> {
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    ObjectNode body = content.deepCopy();
                    body.put("gift_id", "gift_plain_" + (n % roomIds.size()));
                    body.put("remaining_count", n);
                    JsonNode r = call("PUT", "/_matrix/client/v3/rooms/" + URLEncoder.encode(roomIds.get(n % roomIds.size()),
                            StandardCharsets.UTF_8) + "/send/" + PLAIN_TYPE + "/plain-" + run + "-" + n, token,
                            JSON.writeValueAsString(body));
                    if (!r.has("event_id")) {
                        refused.incrementAndGet();
                        System.err.println("plain send refused: " + r);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        senders.shutdown();
        long end = System.currentTimeMillis() + 120_000;
        while (plainReceivedAt.size() < count - refused.get() && System.currentTimeMillis() < end) {
            Thread.sleep(100);
        }
        long last = plainReceivedAt.values().stream().mapToLong(Long::longValue).max().orElse(start);
        System.err.println("plain: " + plainReceivedAt.size() + " of " + count + " readable, " + refused.get() + " refused");
        return plainReceivedAt.size() * 1000.0 / Math.max(1, last - start);
    }

    static int index(String key) {
        return Integer.parseInt(key.substring(key.indexOf(':') + 1));
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static void await(int count, Duration timeout) throws InterruptedException {
        long end = System.currentTimeMillis() + timeout.toMillis();
        while (receivedAt.size() < count && System.currentTimeMillis() < end) {
            Thread.sleep(100);
        }
    }

    static void sync(String token, AtomicBoolean running) {
        String filter = URLEncoder.encode("{\"room\":{\"timeline\":{\"limit\":1000,\"types\":[\"m.tween.gift.opened\",\""
                + PLAIN_TYPE + "\"]}}}", StandardCharsets.UTF_8);
        String since = null;
        while (running.get()) {
            try {
                JsonNode r = call("GET", "/_matrix/client/v3/sync?timeout=2000&filter=" + filter
                        + (since == null ? "" : "&since=" + URLEncoder.encode(since, StandardCharsets.UTF_8)), token, null);
                long now = System.currentTimeMillis();
                r.path("rooms").path("join").forEach(room -> room.path("timeline").path("events").forEach(e -> {
                    JsonNode c = e.path("content");
                    String key = c.path("gift_id").asString() + ":" + c.path("remaining_count").asInt();
                    if (PLAIN_TYPE.equals(e.path("type").asString())) {
                        plainReceivedAt.putIfAbsent(key, now);
                    } else {
                        card.compareAndSet(null, c);
                        receivedAt.putIfAbsent(key, now);
                    }
                }));
                since = r.path("next_batch").asString();
            } catch (Exception e) {
                System.err.println("sync failed: " + e);
            }
        }
    }

    static String register(String secret, String user) throws Exception {
        String nonce = call("GET", "/_synapse/admin/v1/register", null, null).path("nonce").asString();
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String digest = HexFormat.of().formatHex(mac.doFinal((nonce + "\0" + user + "\0pw-" + user + "\0notadmin")
                .getBytes(StandardCharsets.UTF_8)));
        return call("POST", "/_synapse/admin/v1/register", null, JSON.writeValueAsString(Map.of("nonce", nonce,
                "username", user, "password", "pw-" + user, "admin", false, "mac", digest))).path("access_token").asString();
    }

    static JsonNode call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(synapse + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return JSON.readTree(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
