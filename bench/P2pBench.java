package bench;

import static bench.BenchApi.*;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
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
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * P2P benchmark (run by bench/p2p.sh): real homeserver users with activated, funded wallets, every
 * call through a gateway. (a) settlement: N transfers, from the confirm request to the
 * m.tween.wallet.p2p event arriving in the recipient's long-polling /sync; sequential (one sender
 * and recipient, each transfer after the last one's event), or paced with P2P_SETTLE_RATE > 0:
 * one transfer (initiate, then confirm at once) started every 1/RATE s whatever the earlier ones
 * are doing, round-robin over P2P_SETTLE_SENDERS senders, each with its own recipient and room
 * (a transfer locks its sender's and recipient's wallet rows). PIN proofs. (b) throughput:
 * SENDERS users in parallel, each with its own recipient and room, PER_SENDER initiate+confirm
 * pairs each, with the sum of all their balances checked before and after; confirms prove with a
 * hashed PIN (P2P_PROOF=pin) or with an ES256 device signature (P2P_PROOF=device: each sender
 * registers an EC P-256 key at activation and signs {@code transfer_id:amount:currency:timestamp}).
 * Prints lines "name value [unit]" on stdout; progress on stderr.
 * Args: GATEWAY N SENDERS PER_SENDER DEADLINE_SECONDS; env: SYNAPSE_URL,
 * SYNAPSE_REGISTRATION_SECRET, DEMO_MINIAPP_CLIENT_ID, P2P_PROOF (pin|device, default pin),
 * P2P_SETTLE_RATE (transfers/s, default 0 = sequential), P2P_SETTLE_SENDERS (default 5).
 */
public class P2pBench {

    static final BigDecimal AMOUNT = new BigDecimal("1.00");
    static final String P2P_EVENT = "m.tween.wallet.p2p";
    static String gateway;
    static final String run = Long.toString(System.currentTimeMillis() / 1000);
    static final AtomicInteger users = new AtomicInteger();
    static final Map<String, Device> devices = new ConcurrentHashMap<>();

    record Pair(User sender, User recipient, String room) {
    }

    record Device(String id, KeyPair keys) {
    }

    public static void main(String[] args) throws Exception {
        gateway = args[0];
        int n = Integer.parseInt(args[1]);
        int senders = Integer.parseInt(args[2]);
        int perSender = Integer.parseInt(args[3]);
        long deadline = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
        String proof = System.getenv().getOrDefault("P2P_PROOF", "pin");
        double rate = Double.parseDouble(System.getenv().getOrDefault("P2P_SETTLE_RATE", "0"));
        int settleSenders = Integer.parseInt(System.getenv().getOrDefault("P2P_SETTLE_SENDERS", "5"));
        if (!proof.equals("pin") && !proof.equals("device")) {
            throw new IllegalArgumentException("P2P_PROOF must be pin or device: " + proof);
        }
        if (n > 0 && rate > 0) {
            pacedSettlement(n, rate, settleSenders, deadline);
        } else if (n > 0) {
            settlement(n, deadline);
        }
        throughput(senders, perSender, proof, deadline);
    }

    // (a) -------------------------------------------------------------------------------------

    static void settlement(int n, long deadline) throws Exception {
        log("settlement: 2 users, " + n + " sequential transfers");
        User alice = user(false);
        User bob = user(false);
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
        long start = System.nanoTime();
        for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
            String id = initiate(alice, bob, room);
            Map<String, Object> proof = proof(alice, id, "pin");
            long t0 = System.nanoTime();
            Res confirmed = confirm(alice, id, proof);
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
        double seconds = (System.nanoTime() - start) / 1e9;
        print("settlement_rate_per_s", String.format("%.1f", (settle.size() + missing) / seconds), "(sequential)");
        printSettlement(settle, confirms, settle.size() + missing, "");
    }

    static void pacedSettlement(int n, double rate, int senders, long deadline) throws Exception {
        log("settlement: " + senders + " senders, " + n + " transfers started at " + rate + "/s");
        List<Pair> pairs = pairs(senders, (n + senders - 1) / senders, false);
        Map<String, Long> seen = new ConcurrentHashMap<>();
        List<Thread> syncers = new ArrayList<>();
        for (Pair p : pairs) {
            String[] cursor = {sync(p.recipient(), p.room(), null, 0, seen)};
            syncers.add(Thread.ofVirtual().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        cursor[0] = sync(p.recipient(), p.room(), cursor[0], 30_000, seen);
                    } catch (Exception e) {
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                    }
                }
            }));
        }
        List<Double> settle = Collections.synchronizedList(new ArrayList<>());
        List<Double> confirms = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        List<Thread> transfers = new ArrayList<>();
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long last = start;
        for (int i = 0; i < n; i++) {
            long at = start + i * interval;
            if (at >= deadline) {
                break;
            }
            while (System.nanoTime() < at) {
                LockSupport.parkNanos(at - System.nanoTime());
            }
            last = System.nanoTime();
            Pair p = pairs.get(i % pairs.size());
            transfers.add(Thread.ofVirtual().start(() -> {
                try {
                    String id = initiate(p.sender(), p.recipient(), p.room());
                    Map<String, Object> proof = proof(p.sender(), id, "pin");
                    long t0 = System.nanoTime();
                    Res confirmed = confirm(p.sender(), id, proof);
                    long t1 = System.nanoTime();
                    if (confirmed.status() != 200 || !"completed".equals(confirmed.body().path("status").asString())) {
                        failed.incrementAndGet();
                        log("confirm: " + confirmed.status() + " " + confirmed.body());
                        return;
                    }
                    confirms.add((t1 - t0) / 1e6);
                    long wait = t1 + 30_000_000_000L;
                    while (!seen.containsKey(id) && System.nanoTime() < wait) {
                        Thread.sleep(2);
                    }
                    Long arrived = seen.get(id);
                    if (arrived != null) {
                        settle.add((arrived - t0) / 1e6);
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                    log("transfer failed: " + e.getMessage());
                }
            }));
        }
        for (Thread t : transfers) {
            t.join();
        }
        syncers.forEach(Thread::interrupt);
        int started = transfers.size();
        print("settlement_rate_per_s", started > 1 ? String.format("%.1f", (started - 1) / ((last - start) / 1e9)) : "-",
                "(paced at " + rate + ", " + pairs.size() + " senders)");
        printSettlement(settle, confirms, started, failed.get() > 0 ? " (" + failed.get() + " failed)" : "");
    }

    static void printSettlement(List<Double> settle, List<Double> confirms, int started, String failures) {
        print("settlement_transfers", settle.size() + "/" + started + failures, "");
        print("settlement_confirm_p50", pct(confirms, 50), "ms");
        print("settlement_event_p50", pct(settle, 50), "ms");
        print("settlement_event_p99", pct(settle, 99), "ms");
        print("settlement_event_max", settle.isEmpty() ? "-" : fmt(Collections.max(settle)), "ms");
        print("settlement_under_3s", settle.stream().filter(v -> v < 3000).count() + "/" + started, "");
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

    static void throughput(int senders, int perSender, String proofMode, long deadline) throws Exception {
        log("throughput: setting up " + senders + " senders, " + senders + " recipients, a room each");
        List<Pair> ready = pairs(senders, perSender, proofMode.equals("device"));
        List<User> everyone = ready.stream().flatMap(p -> java.util.stream.Stream.of(p.sender(), p.recipient())).toList();
        BigDecimal before = total(everyone);
        BigDecimal recipientsBefore = total(ready.stream().map(Pair::recipient).toList());

        log("throughput: " + senders + " senders in parallel, " + perSender + " transfers each, " + proofMode + " proofs");
        List<Double> confirmMs = Collections.synchronizedList(new ArrayList<>());
        List<Double> pairMs = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(senders);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (Pair p : ready) {
            work.add(load.submit(() -> {
                for (int i = 0; i < perSender && System.nanoTime() < deadline; i++) {
                    try {
                        long t0 = System.nanoTime();
                        String id = initiate(p.sender(), p.recipient(), p.room());
                        Map<String, Object> proof = proof(p.sender(), id, proofMode);
                        long t1 = System.nanoTime();
                        Res confirmed = confirm(p.sender(), id, proof);
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
        BigDecimal received = total(ready.stream().map(Pair::recipient).toList()).subtract(recipientsBefore);
        BigDecimal expected = AMOUNT.multiply(BigDecimal.valueOf(completed.get()));

        print("throughput_proof", proofMode, "");
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

    /** {@code count} senders, each funded for {@code transfers}, with its own recipient and room. */
    static List<Pair> pairs(int count, int transfers, boolean device) throws Exception {
        ExecutorService setup = Executors.newFixedThreadPool(6);
        List<Future<Pair>> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pairs.add(setup.submit(() -> {
                User sender = user(device);
                User recipient = user(false);
                String room = room(sender, recipient);
                fund(sender, AMOUNT.multiply(BigDecimal.valueOf(transfers + 5)));
                return new Pair(sender, recipient, room);
            }));
        }
        List<Pair> ready = new ArrayList<>();
        for (Future<Pair> f : pairs) {
            ready.add(f.get());
        }
        setup.shutdown();
        return ready;
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

    static Res confirm(User sender, String id, Map<String, Object> authProof) throws Exception {
        return post(gateway + "/wallet/v1/p2p/" + id + "/confirm", sender.tep(), Map.of("auth_proof", authProof));
    }

    /**
     * The confirm's {@code auth_proof}: the hashed PIN, or (mode device) the sender's device signature,
     * ES256 as raw r||s, over {@code transfer_id:amount:currency:timestamp} (spec 7.2.4).
     */
    static Map<String, Object> proof(User sender, String id, String mode) throws Exception {
        if (mode.equals("pin")) {
            return Map.of("method", "pin", "proof", Map.of("hashed_pin", sha256(PIN)));
        }
        Device device = devices.get(sender.userId());
        String timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(device.keys().getPrivate());
        signer.update((id + ":" + AMOUNT.toPlainString() + ":USD:" + timestamp).getBytes(StandardCharsets.UTF_8));
        return Map.of("method", "biometric", "proof", Map.of("signature",
                Base64.getEncoder().encodeToString(signer.sign()), "device_id", device.id(), "timestamp", timestamp));
    }

    /**
     * A new homeserver user with an activated wallet and a TEP (wallet:balance wallet:pay); with
     * {@code device}, an EC P-256 device key registered at activation.
     */
    static User user(boolean device) throws Exception {
        String localpart = "p2pb_" + run + "_" + users.incrementAndGet();
        if (!device) {
            return BenchApi.user(gateway, localpart, "wallet:balance wallet:pay", true);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        Device registered = new Device("bench-" + localpart, generator.generateKeyPair());
        User user = BenchApi.user(gateway, localpart, "wallet:balance wallet:pay", true, Map.of("device_id",
                registered.id(), "public_key", Base64.getEncoder().encodeToString(registered.keys().getPublic().getEncoded())));
        devices.put(user.userId(), registered);
        return user;
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
