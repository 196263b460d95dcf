package bench;

import static bench.BenchApi.*;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * P2P benchmark (run by bench/p2p.sh): real homeserver users with activated, funded wallets, every
 * call through a gateway. (a) settlement: sequential transfers, from the confirm request to the
 * m.tween.wallet.p2p event arriving in the recipient's long-polling /sync; (b) throughput:
 * SENDERS users in parallel, each with its own recipient and room, PER_SENDER initiate+confirm
 * pairs each, with the sum of all their balances checked before and after.
 * Prints lines "name value [unit]" on stdout; progress on stderr.
 * Args: GATEWAY N SENDERS PER_SENDER DEADLINE_SECONDS; env: SYNAPSE_URL,
 * SYNAPSE_REGISTRATION_SECRET, DEMO_MINIAPP_CLIENT_ID.
 */
public class P2pBench {

    static final BigDecimal AMOUNT = new BigDecimal("1.00");
    static final String P2P_EVENT = "m.tween.wallet.p2p";
    static String gateway;
    static final String run = Long.toString(System.currentTimeMillis() / 1000);
    static final AtomicInteger users = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        gateway = args[0];
        int n = Integer.parseInt(args[1]);
        int senders = Integer.parseInt(args[2]);
        int perSender = Integer.parseInt(args[3]);
        long deadline = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
        if (n > 0) {
            settlement(n, deadline);
        }
        throughput(senders, perSender, deadline);
    }

    // (a) -------------------------------------------------------------------------------------

    static void settlement(int n, long deadline) throws Exception {
        log("settlement: 2 users, " + n + " sequential transfers");
        User alice = user();
        User bob = user();
        String room = room(alice, bob);
        fund(alice, AMOUNT.multiply(BigDecimal.valueOf(n + 5)));
        Map<String, Long> seen = new ConcurrentHashMap<>();
        String since = sync(bob, room, null, 0, seen);
        String[] cursor = {since};
        Thread syncer = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    cursor[0] = sync(bob, room, cursor[0], 30_000, seen);
                } catch (Exception e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
            }
        });
        List<Double> settle = new ArrayList<>();
        List<Double> confirms = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
            String id = initiate(alice, bob, room);
            long t0 = System.nanoTime();
            Res confirmed = confirm(alice, id);
            long t1 = System.nanoTime();
            check(confirmed, "completed");
            confirms.add((t1 - t0) / 1e6);
            long wait = t1 + 30_000_000_000L;
            while (!seen.containsKey(id) && System.nanoTime() < wait) {
                Thread.sleep(2);
            }
            Long at = seen.get(id);
            if (at == null) {
                missing++;
            } else {
                settle.add((at - t0) / 1e6);
            }
        }
        syncer.interrupt();
        print("settlement_transfers", settle.size() + "/" + (settle.size() + missing), "");
        print("settlement_confirm_p50", pct(confirms, 50), "ms");
        print("settlement_event_p50", pct(settle, 50), "ms");
        print("settlement_event_p99", pct(settle, 99), "ms");
        print("settlement_event_max", settle.isEmpty() ? "-" : fmt(Collections.max(settle)), "ms");
        print("settlement_under_3s", settle.stream().filter(v -> v < 3000).count() + "/" + (settle.size() + missing), "");
    }

    /** One /sync (long-poll when timeout > 0), recording when each P2P event of the room arrives. */
    static String sync(User user, String room, String since, int timeout, Map<String, Long> seen) throws Exception {
        String filter = JSON.writeValueAsString(Map.of("room", Map.of("rooms", List.of(room),
                "timeline", Map.of("limit", 100, "types", List.of(P2P_EVENT)))));
        Res r = send("GET", SYNAPSE + "/_matrix/client/v3/sync?timeout=" + timeout + "&filter=" + enc(filter)
                + (since == null ? "" : "&since=" + enc(since)), "Bearer " + user.matrixToken(), null, null);
        long now = System.nanoTime();
        r.body().path("rooms").path("join").path(room).path("timeline").path("events").valueStream()
                .forEach(e -> seen.putIfAbsent(e.path("content").path("transfer_id").asString(), now));
        return r.body().path("next_batch").asString();
    }

    // (b) -------------------------------------------------------------------------------------

    static void throughput(int senders, int perSender, long deadline) throws Exception {
        log("throughput: setting up " + senders + " senders, " + senders + " recipients, a room each");
        ExecutorService setup = Executors.newFixedThreadPool(6);
        List<Future<User[]>> pairs = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            pairs.add(setup.submit(() -> {
                User sender = user();
                User recipient = user();
                String room = room(sender, recipient);
                fund(sender, AMOUNT.multiply(BigDecimal.valueOf(perSender + 5)));
                return new User[] {sender, recipient, new User(room, null, null)};
            }));
        }
        List<User[]> ready = new ArrayList<>();
        for (Future<User[]> f : pairs) {
            ready.add(f.get());
        }
        setup.shutdown();
        List<User> everyone = ready.stream().flatMap(p -> java.util.stream.Stream.of(p[0], p[1])).toList();
        BigDecimal before = total(everyone);
        BigDecimal recipientsBefore = total(ready.stream().map(p -> p[1]).toList());

        log("throughput: " + senders + " senders in parallel, " + perSender + " transfers each");
        List<Double> confirmMs = Collections.synchronizedList(new ArrayList<>());
        List<Double> pairMs = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(senders);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (User[] p : ready) {
            work.add(load.submit(() -> {
                for (int i = 0; i < perSender && System.nanoTime() < deadline; i++) {
                    try {
                        long t0 = System.nanoTime();
                        String id = initiate(p[0], p[1], p[2].userId());
                        long t1 = System.nanoTime();
                        Res confirmed = confirm(p[0], id);
                        long t2 = System.nanoTime();
                        if (confirmed.status() == 200 && "completed".equals(confirmed.body().path("status").asString())) {
                            completed.incrementAndGet();
                            confirmMs.add((t2 - t1) / 1e6);
                            pairMs.add((t2 - t0) / 1e6);
                        } else {
                            failed.incrementAndGet();
                            log("confirm: " + confirmed.status() + " " + confirmed.body());
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        log("transfer failed: " + e.getMessage());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        load.shutdown();
        BigDecimal after = total(everyone);
        BigDecimal received = total(ready.stream().map(p -> p[1]).toList()).subtract(recipientsBefore);
        BigDecimal expected = AMOUNT.multiply(BigDecimal.valueOf(completed.get()));

        print("throughput_transfers", completed.get() + " completed, " + failed.get() + " failed", "");
        print("throughput_wall", fmt(seconds * 1000), "ms");
        print("throughput_rate", String.format("%.1f", completed.get() / seconds), "transfers/s");
        print("throughput_confirm_p50", pct(confirmMs, 50), "ms");
        print("throughput_confirm_p99", pct(confirmMs, 99), "ms");
        print("throughput_pair_p50", pct(pairMs, 50), "ms");
        print("throughput_pair_p99", pct(pairMs, 99), "ms");
        print("invariant_sum_before", before.toPlainString(), "USD");
        print("invariant_sum_after", after.toPlainString(), "USD");
        print("invariant", before.compareTo(after) == 0 && received.compareTo(expected) == 0
                ? "OK (sum unchanged; recipients received " + received.toPlainString() + " = " + completed.get() + " x " + AMOUNT + ")"
                : "VIOLATED (received " + received.toPlainString() + ", expected " + expected.toPlainString() + ")", "");
    }

    static BigDecimal total(List<User> list) throws Exception {
        BigDecimal sum = BigDecimal.ZERO;
        for (User u : list) {
            JsonNode balance = ok(send("GET", gateway + "/wallet/v1/balance", "Bearer " + u.tep(), null, null)).path("balance");
            sum = sum.add(balance.path("available").decimalValue()).add(balance.path("pending").decimalValue());
        }
        return sum;
    }

    // the API, as a mini-app and a Matrix client use it ----------------------------------------

    static String initiate(User sender, User recipient, String room) throws Exception {
        Res r = post(gateway + "/wallet/v1/p2p/initiate", sender.tep(), Map.of("recipient", recipient.userId(),
                "amount", AMOUNT, "currency", "USD", "idempotency_key", "bench-" + UUID.randomUUID(), "room_id", room));
        return ok(r).path("transfer_id").asString();
    }

    static Res confirm(User sender, String id) throws Exception {
        return post(gateway + "/wallet/v1/p2p/" + id + "/confirm", sender.tep(), Map.of("auth_proof",
                Map.of("method", "pin", "proof", Map.of("hashed_pin", sha256(PIN)))));
    }

    /** A new homeserver user with an activated wallet and a TEP (wallet:balance wallet:pay). */
    static User user() throws Exception {
        return BenchApi.user(gateway, "p2pb_" + run + "_" + users.incrementAndGet(), "wallet:balance wallet:pay", true);
    }

    static void fund(User user, BigDecimal amount) throws Exception {
        BenchApi.fund(gateway, user, amount);
    }

    static String room(User creator, User member) throws Exception {
        String room = ok(send("POST", SYNAPSE + "/_matrix/client/v3/createRoom", "Bearer " + creator.matrixToken(),
                "application/json", JSON.writeValueAsString(Map.of("preset", "private_chat", "invite", List.of(member.userId())))))
                .path("room_id").asString();
        join(member, room);
        return room;
    }

    static void check(Res r, String status) {
        if (!status.equals(ok(r).path("status").asString())) {
            throw new IllegalStateException("expected " + status + ": " + r.body());
        }
    }

    static String fmt(double ms) {
        return String.format("%.1f", ms);
    }

    static void print(String name, String value, String unit) {
        System.out.println(name + " " + value + (unit.isEmpty() ? "" : " " + unit));
    }

    static void log(String message) {
        System.err.println(java.time.LocalTime.now().withNano(0) + " [p2p-bench] " + message);
    }
}
