package bench;

import static bench.BenchApi.*;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

/**
 * Webhook benchmark (run by bench/webhooks.sh): APPS hybrid mini-apps, registered through a gateway
 * with the platform credentials and approved at appstore-service, each with its webhook_url on a
 * receiver in this process; EVENTS payment.completed envelopes for them straight onto tmcp.payment
 * (round robin, at RATE a second or all at once when 0). The receiver checks every signature and
 * timestamp with its own HMAC, answers 200, and records the arrival of each event_id.
 * Prints lines "name value [unit]" on stdout; progress on stderr.
 * Args: GATEWAY APPSTORE EVENTS APPS RATE DEADLINE_SECONDS RUN; env: TMCP_CONSOLE_CLIENT_ID,
 * TMCP_CONSOLE_CLIENT_SECRET, KAFKA_BOOTSTRAP_SERVERS.
 */
public class WebhookBench {

    record App(String id, String secret) {
    }

    static final List<App> apps = new CopyOnWriteArrayList<>();
    static final Map<String, Instant> sent = new ConcurrentHashMap<>();
    static final Set<String> arrived = ConcurrentHashMap.newKeySet();
    static final List<Double> delays = Collections.synchronizedList(new ArrayList<>());
    static final AtomicInteger duplicates = new AtomicInteger();
    static final AtomicInteger badSignatures = new AtomicInteger();
    static final AtomicInteger badTimestamps = new AtomicInteger();
    static final AtomicInteger wrongApp = new AtomicInteger();
    static final AtomicInteger unknown = new AtomicInteger();
    static final AtomicInteger stale = new AtomicInteger();
    static final Map<String, Integer> other = new ConcurrentHashMap<>();
    static final AtomicLong lastArrival = new AtomicLong();
    static String run;

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String appstore = args[1];
        int events = Integer.parseInt(args[2]);
        int appCount = Integer.parseInt(args[3]);
        double rate = Double.parseDouble(args[4]);
        long deadline = System.nanoTime() + Long.parseLong(args[5]) * 1_000_000_000L;
        run = args[6];
        String platform = "Basic " + Base64.getEncoder().encodeToString((System.getenv("TMCP_CONSOLE_CLIENT_ID") + ":"
                + System.getenv("TMCP_CONSOLE_CLIENT_SECRET")).getBytes(StandardCharsets.UTF_8));

        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook/" + run + "/", WebhookBench::receive);
        // Anything else (a delivery of an earlier run's apps, retried after it ended) is refused with
        // 400, which stops it, and counted apart.
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            stale.incrementAndGet();
            answer(exchange, 400);
        });
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/" + run + "/";
        log("receiver on " + base);

        try {
            for (int i = 0; i < appCount; i++) {
                Res registered = send("POST", gateway + "/mini-apps/v1/register", platform, "application/json",
                        JSON.writeValueAsString(registration(i, base + i)));
                JsonNode body = ok(registered);
                String id = body.path("miniapp_id").asString();
                ok(send("POST", appstore + "/admin/mini-apps/" + id + "/approve", platform, null, null));
                apps.add(new App(id, body.path("credentials").path("webhook_secret").asString()));
            }
            log("registered and approved " + appCount + " hybrid apps: " + apps.getFirst().id() + " …");

            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            AtomicInteger refused = new AtomicInteger();
            long start;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
                producer.partitionsFor("tmcp.payment"); // connected before the clock starts
                start = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    if (rate > 0) {
                        long due = start + (long) (i * 1e9 / rate);
                        while (System.nanoTime() < due) {
                            Thread.sleep(Duration.ofNanos(Math.min(due - System.nanoTime(), 1_000_000)));
                        }
                    }
                    App app = apps.get(i % apps.size());
                    String eventId = eventId();
                    String paymentId = "pay_bench_" + run + "_" + i;
                    Instant time = Instant.now();
                    sent.put(eventId, time);
                    producer.send(new ProducerRecord<>("tmcp.payment", paymentId, envelope(eventId, paymentId, app, time)),
                            (metadata, e) -> {
                                if (e != null) {
                                    refused.incrementAndGet();
                                    log("produce failed: " + e);
                                }
                            });
                }
                producer.flush();
            }
            double produceSeconds = (System.nanoTime() - start) / 1e9;
            log("produced " + events + " events in " + String.format("%.1f", produceSeconds) + " s; waiting for deliveries");

            int reported = 0;
            while (arrived.size() < events && System.nanoTime() < deadline) {
                Thread.sleep(200);
                if (arrived.size() / 500 != reported) {
                    reported = arrived.size() / 500;
                    log(arrived.size() + "/" + events + " delivered");
                }
            }
            // a little longer, for redeliveries of what already arrived
            Thread.sleep(3000);
            double runSeconds = Math.max(1, lastArrival.get() - start) / 1e9;

            print("run", run, "");
            print("apps", Integer.toString(apps.size()), "");
            print("events_sent", events - refused.get() + (refused.get() > 0 ? " (" + refused.get() + " refused by Kafka)" : ""), "");
            print("delivered", arrived.size() + "/" + events, "");
            print("lost", Integer.toString(events - arrived.size()), "");
            print("duplicates", Integer.toString(duplicates.get()), "");
            print("bad_signatures", Integer.toString(badSignatures.get()), "");
            print("bad_timestamps", Integer.toString(badTimestamps.get()), "");
            print("wrong_app_or_unknown", (wrongApp.get() + unknown.get()) + (stale.get() > 0 ? " (+" + stale.get() + " of earlier runs)" : ""), "");
            print("other_events", other.isEmpty() ? "0" : new java.util.TreeMap<>(other).toString(), "");
            print("produce_time", String.format("%.1f", produceSeconds * 1000), "ms");
            print("deliveries_per_s", String.format("%.1f", arrived.size() / runSeconds), "(first event to last delivery: "
                    + String.format("%.1f", runSeconds) + " s)");
            print("delay_p50", pct(delays, 50), "ms");
            print("delay_p99", pct(delays, 99), "ms");
            print("delay_max", delays.isEmpty() ? "-" : String.format("%.1f", Collections.max(delays)), "ms");
        } finally {
            receiver.stop(0);
        }
    }

    static void receive(HttpExchange exchange) throws java.io.IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        int index;
        try {
            index = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
        } catch (NumberFormatException e) {
            unknown.incrementAndGet();
            answer(exchange, 400);
            return;
        }
        if (index < 0 || index >= apps.size()) {
            unknown.incrementAndGet();
            answer(exchange, 400);
            return;
        }
        App app = apps.get(index);
        String timestamp = exchange.getRequestHeaders().getFirst("X-Webhook-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-Webhook-Signature");
        if (timestamp == null || signature == null || !MessageDigest.isEqual(
                signature(app.secret(), timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            badSignatures.incrementAndGet();
            log("bad signature on " + path + ": " + signature + " at " + timestamp);
            answer(exchange, 401);
            return;
        }
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            badTimestamps.incrementAndGet();
            answer(exchange, 400);
            return;
        }
        JsonNode json = JSON.readTree(body);
        String eventId = json.path("event_id").asString();
        Instant time = sent.get(eventId);
        if (time == null && !"payment.completed".equals(json.path("event").asString())) {
            // the app's own events (app.approved on approval): counted, not measured
            other.merge(json.path("event").asString(), 1, Integer::sum);
        } else if (time == null || !eventId.equals(exchange.getRequestHeaders().getFirst("X-Webhook-Event-Id"))) {
            unknown.incrementAndGet();
        } else if (!app.id().equals(json.path("data").path("miniapp_id").asString())
                || !"payment.completed".equals(json.path("event").asString())) {
            wrongApp.incrementAndGet();
        } else if (!arrived.add(eventId)) {
            duplicates.incrementAndGet();
        } else {
            delays.add(Duration.between(time, Instant.now()).toNanos() / 1e6);
            lastArrival.accumulateAndGet(System.nanoTime(), Math::max);
        }
        answer(exchange, 200);
    }

    static void answer(HttpExchange exchange, int status) throws java.io.IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** The receiver's own check of decision 0042: HMAC-SHA256 of "timestamp.body" under the webhook secret. */
    static String signature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> registration(int i, String webhookUrl) {
        return Map.of("name", "Bench Webhooks " + run + " " + i, "short_name", "BenchWH" + i, "category", "utilities",
                "classification", "verified", "client_type", "hybrid",
                "developer", Map.of("company_name", "TMCP bench", "email", "bench@tween.example"),
                "technical", Map.of("entry_url", "https://bench.tween.example/wh" + i,
                        "redirect_uris", List.of("https://bench.tween.example/wh" + i + "/cb"),
                        "webhook_url", webhookUrl, "scopes_requested", List.of("user:read", "wallet:pay")));
    }

    /** The suite's envelope (EventCodec: CloudEvents JSON, snake_case data) of a payment.completed. */
    static String envelope(String eventId, String paymentId, App app, Instant time) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("payment_id", paymentId);
        data.put("txn_id", "txn_bench_" + paymentId.substring(4));
        data.put("amount", new BigDecimal("1.00"));
        data.put("currency", "USD");
        data.put("payer", Map.of("user_id", "@bench_payer:localhost", "wallet_id", "tw_bench_payer"));
        data.put("miniapp_id", app.id());
        data.put("miniapp_name", null);
        // no room: no room card from the bridge
        data.put("room_id", null);
        data.put("description", "webhook bench");
        data.put("timestamp", time.toString());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("specversion", "1.0");
        envelope.put("id", eventId);
        envelope.put("type", "payment.completed");
        envelope.put("source", "webhook-bench");
        envelope.put("time", time.toString());
        envelope.put("subject", paymentId);
        envelope.put("datacontenttype", "application/json");
        envelope.put("data", data);
        return JSON.writeValueAsString(envelope);
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    /** evt_ and 26 characters, time first (the layout of the suite's Ids; processed_event holds 40). */
    static String eventId() {
        char[] out = new char[26];
        long time = System.currentTimeMillis();
        for (int i = 9; i >= 0; i--, time >>>= 5) {
            out[i] = BASE32[(int) (time & 31)];
        }
        for (int i = 10; i < 26; i++) {
            out[i] = BASE32[RANDOM.nextInt(32)];
        }
        return "evt_" + new String(out);
    }

    static void print(String name, String value, String unit) {
        System.out.println(name + " " + value + (unit.isEmpty() ? "" : " " + unit));
    }

    static void log(String message) {
        System.err.println(java.time.LocalTime.now().withNano(0) + " [webhook-bench] " + message);
    }
}
