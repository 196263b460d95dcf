package bench;

import static bench.BenchApi.*;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gift benchmark (run by bench/gifts.sh): OPENERS fresh homeserver users, each with its own TEP,
 * race to open a group gift of COUNT shares, all requests released at once; repeated over GIFTS
 * gifts, each from its own activated, sandbox-funded sender, after one warm-up gift. Every call goes
 * through a gateway. Per gift: opens/s (successful, and all requests), p50/p99 of successful opens
 * and of the 409 answers, and a check that exactly COUNT opens succeeded, that the gift's own
 * record (GET /wallet/v1/gift/{id}) lists those openers with amounts adding up to the total, and at
 * the end that every opener's wallet holds exactly what they were answered.
 * Prints lines "name value..." on stdout; progress on stderr.
 * Args: GATEWAY GIFTS OPENERS COUNT TOTAL DISTRIBUTION DEADLINE_SECONDS; env: SYNAPSE_URL,
 * SYNAPSE_REGISTRATION_SECRET, DEMO_MINIAPP_CLIENT_ID.
 */
public class GiftBench {

    static final String run = Long.toString(System.currentTimeMillis() / 1000);
    static final AtomicInteger users = new AtomicInteger();
    static String gateway;

    /** One open request: HTTP status, error code (if any), amount received, latency and when it ended. */
    record Attempt(User opener, int status, String code, BigDecimal amount, double ms, long endedNanos) {
    }

    record Round(String giftId, int ok, int conflicts, int other, double wallMs, double lastOkMs, List<Double> okMs,
            List<Double> conflictMs, String verdict) {
    }

    public static void main(String[] args) throws Exception {
        gateway = args[0];
        int gifts = Integer.parseInt(args[1]);
        int openerCount = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        BigDecimal total = new BigDecimal(args[4]);
        String distribution = args[5];
        long deadline = System.nanoTime() + Long.parseLong(args[6]) * 1_000_000_000L;

        log("setting up " + openerCount + " openers and " + (gifts + 1) + " senders (one warm-up gift)");
        ExecutorService setup = Executors.newFixedThreadPool(8);
        List<Future<User>> pending = new ArrayList<>();
        for (int i = 0; i < openerCount; i++) {
            pending.add(setup.submit(() -> user("wallet:pay wallet:balance", false)));
        }
        List<Future<User>> pendingSenders = new ArrayList<>();
        for (int i = 0; i <= gifts; i++) {
            pendingSenders.add(setup.submit(() -> {
                User sender = user("wallet:pay wallet:balance", true);
                fund(sender, total);
                return sender;
            }));
        }
        List<User> openers = new ArrayList<>();
        for (Future<User> f : pending) {
            openers.add(f.get());
        }
        List<User> senders = new ArrayList<>();
        for (Future<User> f : pendingSenders) {
            senders.add(f.get());
        }
        setup.shutdown();
        String room = room(senders.getFirst());
        // A group gift belongs to its room: its senders and openers are members.
        for (User member : concat(senders.subList(1, senders.size()), openers)) {
            join(member, room);
        }

        Map<String, BigDecimal> received = new HashMap<>();
        log("warm-up: " + openerCount + " openers on a gift of " + Math.min(count, 10) + " shares");
        Round warm = race(senders.getFirst(), room, openers, Math.min(count, 10), total, distribution, received);
        log("warm-up: " + warm.ok() + " opened, " + warm.verdict());

        List<Round> rounds = new ArrayList<>();
        for (int g = 1; g <= gifts && System.nanoTime() < deadline; g++) {
            log("gift " + g + "/" + gifts + ": " + openerCount + " openers race for " + count + " shares of " + total);
            rounds.add(race(senders.get(g), room, openers, count, total, distribution, received));
        }

        String wallets = checkWallets(openers, received, senders, total);

        System.out.printf("%-6s %-4s %-5s %-5s %8s %10s %10s %9s %9s %9s %9s  %s%n", "gift", "ok", "409", "other",
                "wall_ms", "opens/s", "req/s", "ok_p50", "ok_p99", "409_p50", "409_p99", "check");
        List<Double> allOk = new ArrayList<>();
        List<Double> allConflict = new ArrayList<>();
        int okSum = 0;
        int requests = 0;
        double lastOkSum = 0;
        double wallSum = 0;
        for (int i = 0; i < rounds.size(); i++) {
            Round r = rounds.get(i);
            allOk.addAll(r.okMs());
            allConflict.addAll(r.conflictMs());
            okSum += r.ok();
            requests += r.ok() + r.conflicts() + r.other();
            lastOkSum += r.lastOkMs();
            wallSum += r.wallMs();
            System.out.printf("%-6s %-4d %-5d %-5d %8.0f %10.1f %10.1f %9s %9s %9s %9s  %s%n", "#" + (i + 1), r.ok(),
                    r.conflicts(), r.other(), r.wallMs(), r.ok() / (r.lastOkMs() / 1000), (r.ok() + r.conflicts() + r.other())
                            / (r.wallMs() / 1000), pct(r.okMs(), 50), pct(r.okMs(), 99), pct(r.conflictMs(), 50),
                    pct(r.conflictMs(), 99), r.verdict());
        }
        System.out.printf("%-6s %-4d %-5s %-5s %8.0f %10.1f %10.1f %9s %9s %9s %9s%n", "all", okSum, "", "", wallSum,
                okSum / (lastOkSum / 1000), requests / (wallSum / 1000), pct(allOk, 50), pct(allOk, 99),
                pct(allConflict, 50), pct(allConflict, 99));
        System.out.println("wallets " + wallets);
        boolean sound = rounds.stream().allMatch(r -> r.verdict().startsWith("OK")) && wallets.startsWith("OK")
                && rounds.size() == gifts;
        System.out.println("result " + (sound ? "OK" : "FAILED"));
        if (!sound) {
            System.exit(1);
        }
    }

    /** Creates a gift, then every opener asks to open it at the same moment. */
    static Round race(User sender, String room, List<User> openers, int count, BigDecimal total, String distribution,
            Map<String, BigDecimal> received) throws Exception {
        JsonNode gift = ok(post(gateway + "/wallet/v1/gift/create", sender.tep(), Map.of("type", "group", "room_id", room,
                "total_amount", total, "currency", "USD", "count", count, "distribution", distribution,
                "message", "bench", "expires_in_seconds", 3600, "idempotency_key", "gift-" + UUID.randomUUID(),
                "auth_proof", Map.of("method", "pin", "proof", Map.of("hashed_pin", BenchApi.sha256(BenchApi.PIN))))));
        String giftId = gift.path("gift_id").asString();
        CountDownLatch go = new CountDownLatch(1);
        List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        long[] start = new long[1];
        try (ExecutorService racers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (User opener : openers) {
                racers.submit(() -> {
                    go.await();
                    long t0 = System.nanoTime();
                    try {
                        Res r = post(gateway + "/wallet/v1/gift/" + giftId + "/open", opener.tep(),
                                Map.of("device_id", "bench-" + opener.userId()));
                        long t1 = System.nanoTime();
                        BigDecimal amount = r.status() / 100 == 2 ? r.body().path("amount_received").decimalValue() : null;
                        String code = r.body().path("error").path("code").asString(null);
                        attempts.add(new Attempt(opener, r.status(), code, amount, (t1 - t0) / 1e6, t1));
                    } catch (Exception e) {
                        attempts.add(new Attempt(opener, -1, e.toString(), null, (System.nanoTime() - t0) / 1e6,
                                System.nanoTime()));
                    }
                    return null;
                });
            }
            Thread.sleep(200);
            start[0] = System.nanoTime();
            go.countDown();
        }
        long end = attempts.stream().mapToLong(Attempt::endedNanos).max().orElse(start[0]);
        List<Attempt> oks = attempts.stream().filter(a -> a.status() / 100 == 2).toList();
        List<Double> okMs = oks.stream().map(Attempt::ms).toList();
        List<Double> conflictMs = attempts.stream().filter(a -> a.status() == 409).map(Attempt::ms).toList();
        int other = attempts.size() - oks.size() - conflictMs.size();
        long lastOk = oks.stream().mapToLong(Attempt::endedNanos).max().orElse(end);
        Map<String, Integer> otherCodes = new HashMap<>();
        attempts.stream().filter(a -> a.status() / 100 != 2).forEach(a -> otherCodes.merge(a.status() + " " + a.code(), 1,
                Integer::sum));
        if (!otherCodes.isEmpty()) {
            log("  refusals: " + otherCodes);
        }
        synchronized (received) {
            oks.forEach(a -> received.merge(a.opener().userId(), a.amount(), BigDecimal::add));
        }
        return new Round(giftId, oks.size(), conflictMs.size(), other, (end - start[0]) / 1e6, (lastOk - start[0]) / 1e6,
                okMs, conflictMs, verify(sender, giftId, count, total, oks));
    }

    /** Exactly {@code count} opens succeeded, and the gift's own record agrees on who got what. */
    static String verify(User sender, String giftId, int count, BigDecimal total, List<Attempt> oks) throws Exception {
        JsonNode gift = ok(send("GET", gateway + "/wallet/v1/gift/" + giftId, "Bearer " + sender.tep(), null, null));
        List<String> problems = new ArrayList<>();
        if (oks.size() != count) {
            problems.add(oks.size() + " successful opens for " + count + " shares");
        }
        BigDecimal answered = oks.stream().map(Attempt::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (answered.compareTo(total) != 0) {
            problems.add("answered amounts add up to " + answered.toPlainString());
        }
        BigDecimal recorded = BigDecimal.ZERO;
        Set<String> openedBy = new HashSet<>();
        for (JsonNode o : gift.path("opened_by")) {
            recorded = recorded.add(o.path("amount").decimalValue());
            openedBy.add(o.path("user_id").asString());
        }
        if (gift.path("opened_by").size() != count || openedBy.size() != count) {
            problems.add("the gift lists " + gift.path("opened_by").size() + " openings (" + openedBy.size() + " distinct)");
        }
        if (recorded.compareTo(total) != 0) {
            problems.add("the gift's openings add up to " + recorded.toPlainString());
        }
        if (!openedBy.equals(new HashSet<>(oks.stream().map(a -> a.opener().userId()).toList()))) {
            problems.add("the gift's openers are not the ones answered 2xx");
        }
        if (gift.path("remaining").asInt(-1) != 0 || !"fully_opened".equals(gift.path("status").asString())) {
            problems.add("status " + gift.path("status").asString() + ", remaining " + gift.path("remaining"));
        }
        return problems.isEmpty() ? "OK " + count + " opens = " + recorded.toPlainString() : "FAILED " + problems;
    }

    /** Every opener's wallet (pending: they never activated) holds what they were answered; senders gave it all. */
    static String checkWallets(List<User> openers, Map<String, BigDecimal> received, List<User> senders, BigDecimal total)
            throws Exception {
        List<String> problems = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (User u : openers) {
            BigDecimal held = held(u);
            sum = sum.add(held);
            BigDecimal expected = received.getOrDefault(u.userId(), BigDecimal.ZERO);
            if (held.compareTo(expected) != 0) {
                problems.add(u.userId() + " holds " + held.toPlainString() + ", was answered " + expected.toPlainString());
            }
        }
        for (User s : senders) {
            BigDecimal held = held(s);
            if (held.signum() != 0) {
                problems.add("sender " + s.userId() + " still holds " + held.toPlainString() + " of " + total);
            }
        }
        return problems.isEmpty() ? "OK openers hold " + sum.toPlainString() + " USD in all, senders 0"
                : "FAILED " + problems.subList(0, Math.min(5, problems.size())) + " (" + problems.size() + " problems)";
    }

    static BigDecimal held(User u) throws Exception {
        JsonNode balance = ok(send("GET", gateway + "/wallet/v1/balance", "Bearer " + u.tep(), null, null)).path("balance");
        return balance.path("available").decimalValue().add(balance.path("pending").decimalValue());
    }

    // the API, as a mini-app and a Matrix client use it ----------------------------------------

    /** A new homeserver user with a TEP, its wallet activated when asked. */
    static User user(String scope, boolean activate) throws Exception {
        return BenchApi.user(gateway, "giftb_" + run + "_" + users.incrementAndGet(), scope, activate);
    }

    static void fund(User user, BigDecimal amount) throws Exception {
        BenchApi.fund(gateway, user, amount);
    }

    static List<User> concat(List<User> a, List<User> b) {
        List<User> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static String room(User creator) throws Exception {
        return ok(send("POST", SYNAPSE + "/_matrix/client/v3/createRoom", "Bearer " + creator.matrixToken(),
                "application/json", JSON.writeValueAsString(Map.of("preset", "public_chat", "name", "gift bench " + run))))
                .path("room_id").asString();
    }

    static void log(String message) {
        System.err.println(java.time.LocalTime.now().withNano(0) + " [gift-bench] " + message);
    }
}
