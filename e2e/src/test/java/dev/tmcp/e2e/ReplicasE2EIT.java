package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.test.StackEnv;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against `./tmcp up --replicas 2` (skipped on a one-replica stack): P2P transfers, group gift
 * openings and mini-app payments through the gateway, in three waves. In the middle wave every flow
 * is finishing at once when the second replica of payment-service, wallet-adapter and
 * matrix-bridge is killed with SIGKILL, as soon as payment-service-2 is serving some of them. The client does what the spec asks of it (a failed call is
 * sent again with the same idempotency key or proof). Every flow ends once, money moves once, and
 * each flow has one card in its room.
 */
class ReplicasE2EIT {

    /** Flows of each kind per wave: before the kill, during it, after it. */
    static final int[] WAVES = {2, 4, 1};
    static final int EACH = WAVES[0] + WAVES[1] + WAVES[2];
    static final List<String> SECOND_REPLICAS = List.of("payment-service-2", "wallet-adapter-2", "matrix-bridge-2");

    static Homeserver.User alice;
    static Homeserver.User bob;
    static Homeserver.User carol;
    /** The transfers' recipient: without a wallet, so what she is sent waits as pending. */
    static Homeserver.User dave;
    static String room;
    static String aliceTep;
    static String bobTep;
    static String carolTep;
    static BigDecimal bobAvailableBefore;

    /** The last answer of each flow's finishing call (confirm, open, authorize), by its id. */
    static final Map<String, Http.Response> finished = new ConcurrentHashMap<>();
    static final List<String> transfers = new ArrayList<>();
    static final List<String> gifts = new ArrayList<>();
    static final List<Payer> payers = new ArrayList<>();
    /** Calls answered 5xx or cut with their connection, then sent again: the kill's footprint, for the log. */
    static final AtomicInteger resent = new AtomicInteger();

    record Payer(Homeserver.User user, String tep, String room, String paymentId) {
    }

    record Flow(String id, Supplier<Http.Response> finish) {
    }

    @BeforeAll
    static void flowsRunWhileSecondReplicasAreKilled() throws Exception {
        Assumptions.assumeTrue(LocalReplicas.count() >= 2, "needs ./tmcp up --replicas 2");
        String run = UUID.randomUUID().toString().substring(0, 8);
        alice = Homeserver.register("alice_rep_" + run);
        bob = Homeserver.register("bob_rep_" + run);
        carol = Homeserver.register("carol_rep_" + run);
        dave = Homeserver.register("dave_rep_" + run);
        room = Homeserver.privateRoom(alice, bob, carol, dave);
        Wallets.activate(alice, null);
        Wallets.activate(bob, null);
        Wallets.activate(carol, null);
        aliceTep = Tmcp.tep(alice.accessToken(), "wallet:balance wallet:pay", room);
        bobTep = Tmcp.tep(bob.accessToken(), "wallet:balance wallet:pay", room);
        carolTep = Tmcp.tep(carol.accessToken(), "wallet:balance wallet:pay", room);
        Wallets.fund(aliceTep, "100.00");
        Wallets.fund(carolTep, "100.00");
        bobAvailableBefore = Wallets.available(bobTep);

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int wave = 0; wave < WAVES.length; wave++) {
                List<Flow> flows = new ArrayList<>();
                for (int i = 0; i < WAVES[wave]; i++) {
                    flows.add(transfer());
                    flows.add(gift());
                    flows.add(payment());
                }
                List<Future<?>> running = flows.stream()
                        .<Future<?>>map(f -> pool.submit(() -> finished.put(f.id(), untilAnswered(f.finish()))))
                        .toList();
                if (wave == 1) {
                    killMidFlow();
                }
                for (Future<?> flow : running) {
                    flow.get();
                }
            }
        }
        System.out.printf("ReplicasE2EIT: %d flows of each kind; %d calls were cut or answered 5xx and sent again%n",
                EACH, resent.get());
    }

    /**
     * Kills the second replicas as soon as payment-service-2 is serving requests of the wave (read
     * from its own metrics), so that the kill cuts flows in the middle, and checks it did.
     */
    private static void killMidFlow() {
        String metrics = LocalReplicas.url(StackEnv.get("PAYMENT_SERVICE_URL"), 2) + "/actuator/prometheus";
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        boolean inFlight = false;
        while (!inFlight && System.nanoTime() < deadline) {
            inFlight = ACTIVE_POSTS.matcher(Http.send("GET", metrics, null, null, null).raw().body()).results().mapToLong(m -> Long.parseLong(m.group(1))).sum() > 0;
        }
        SECOND_REPLICAS.forEach(LocalReplicas::kill);
        assertThat(inFlight).as("payment-service-2 was serving the wave's requests when it was killed").isTrue();
    }

    private static final java.util.regex.Pattern ACTIVE_POSTS = java.util.regex.Pattern.compile(
            "(?m)^http_server_requests_active_seconds_count\\{[^}]*method=\"POST\"[^}]*} (\\d+)");

    @Test
    void everyTransferCompletesOnceWithOneDebitAndOneCard() {
        transfers.forEach(id -> assertThat(finished.get(id).text("status")).as("%s", finished.get(id).body())
                .isEqualTo("completed"));
        assertThat(Wallets.available(aliceTep)).as("one debit per transfer").isEqualByComparingTo(new BigDecimal(100 - EACH));
        String daveTep = Tmcp.tep(dave.accessToken(), "wallet:balance", null);
        assertThat(Wallets.pending(daveTep)).isEqualByComparingTo(new BigDecimal(EACH));
        assertThat(cardIds(dave, room, "m.tween.wallet.p2p", "transfer_id", EACH)).isEqualTo(Set.copyOf(transfers));
    }

    @Test
    void everyGiftShareIsOpenedOnceWithOneDebitAndOneCard() {
        gifts.forEach(id -> {
            Http.Response opened = finished.get(id);
            assertThat(opened.status()).as("%s", opened.body()).isEqualTo(200);
            assertThat(opened.body().path("amount_received").decimalValue()).isEqualByComparingTo("1.00");
            assertThat(Http.get(Tmcp.GATEWAY + "/wallet/v1/gift/" + id, bobTep).body().path("remaining").asInt())
                    .as("gift %s", id).isEqualTo(3);
        });
        assertThat(Wallets.available(carolTep)).as("one debit per gift").isEqualByComparingTo(new BigDecimal(100 - 4 * EACH));
        assertThat(Wallets.available(bobTep).subtract(bobAvailableBefore)).as("one share per gift, paid once")
                .isEqualByComparingTo(new BigDecimal(EACH));
        assertThat(cardIds(bob, room, "m.tween.gift.opened", "gift_id", EACH)).isEqualTo(Set.copyOf(gifts));
    }

    @Test
    void everyPaymentCompletesOnceWithOneDebitAndOneCard() {
        for (Payer payer : payers) {
            Http.Response authorized = finished.get(payer.paymentId());
            assertThat(authorized.text("status")).as("%s", authorized.body()).isEqualTo("completed");
            assertThat(Wallets.available(payer.tep())).as("paid once").isEqualByComparingTo("9.00");
            assertThat(cardIds(payer.user(), payer.room(), "m.tween.payment.completed", "payment_id", 1))
                    .containsExactly(payer.paymentId());
        }
    }

    private static Flow transfer() {
        Map<String, Object> body = Map.of("recipient", dave.userId(), "amount", new BigDecimal("1.00"), "currency", "USD",
                "idempotency_key", "p2p-" + UUID.randomUUID(), "room_id", room);
        Http.Response initiated = untilAnswered(() -> Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", aliceTep, body));
        assertThat(initiated.status()).as("%s", initiated.body()).isEqualTo(200);
        String transferId = initiated.text("transfer_id");
        transfers.add(transferId);
        return new Flow(transferId,
                () -> Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + transferId + "/confirm", aliceTep, Wallets.pinProof()));
    }

    /** Carol's group gift of 4.00 in four equal shares; bob opens one. */
    private static Flow gift() {
        Map<String, Object> body = Map.of("type", "group", "room_id", room, "total_amount", new BigDecimal("4.00"),
                "currency", "USD", "count", 4, "distribution", "equal", "message", "replicas",
                "idempotency_key", "gift-" + UUID.randomUUID(), "auth_proof", Wallets.pinProof().get("auth_proof"));
        Http.Response created = untilAnswered(() -> Http.post(Tmcp.GATEWAY + "/wallet/v1/gift/create", carolTep, body));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(200);
        String giftId = created.text("gift_id");
        gifts.add(giftId);
        return new Flow(giftId, () -> Http.post(Tmcp.GATEWAY + "/wallet/v1/gift/" + giftId + "/open", bobTep,
                Map.of("device_id", "bob_phone")));
    }

    /**
     * A payment of 1.00 by a payer of its own (the authorization row allows 3 a minute per user),
     * requested from the mini-app in the payer's room and authorized with the payer's device key.
     */
    private static Flow payment() {
        Homeserver.User user = Homeserver.register("payer_rep_" + UUID.randomUUID().toString().substring(0, 8));
        KeyPair device = Wallets.deviceKey();
        Wallets.activate(user, device);
        String payerRoom = Homeserver.privateRoom(user);
        String tep = Tmcp.tep(user.accessToken(), "wallet:balance wallet:pay", payerRoom);
        Wallets.fund(tep, "10.00");
        Map<String, Object> body = Map.of("amount", new BigDecimal("1.00"), "currency", "USD", "description", "Replica order",
                "merchant_order_id", "ORDER-" + UUID.randomUUID(), "idempotency_key", "pay-" + UUID.randomUUID());
        Http.Response requested = untilAnswered(() -> Http.post(Tmcp.GATEWAY + "/api/v1/payments/request", tep, body));
        assertThat(requested.status()).as("%s", requested.body()).isEqualTo(200);
        String paymentId = requested.text("payment_id");
        payers.add(new Payer(user, tep, payerRoom, paymentId));
        String timestamp = Instant.now().toString();
        Map<String, Object> authorization = Map.of("signature", Wallets.sign(device, paymentId + ":1.00:USD:" + timestamp),
                "device_id", "device_e2e", "timestamp", timestamp);
        return new Flow(paymentId,
                () -> Http.post(Tmcp.GATEWAY + "/api/v1/payments/" + paymentId + "/authorize", tep, authorization));
    }

    /** A call cut by a killed replica (5xx) is sent again, as a client would, for up to two minutes. */
    private static Http.Response untilAnswered(Supplier<Http.Response> call) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Http.Response response = send(call);
        while ((response == null || response.status() >= 500) && System.nanoTime() < deadline) {
            resent.incrementAndGet();
            sleep(Duration.ofSeconds(1));
            response = send(call);
        }
        assertThat(response).as("no answer in two minutes").isNotNull();
        return response;
    }

    /** One call; null when the connection was cut with the replica that held it. */
    private static Http.Response send(Supplier<Http.Response> call) {
        try {
            return call.get();
        } catch (IllegalStateException cut) {
            return null;
        }
    }

    /** The ids the room's cards of one type name, once {@code expected} cards are there; no id twice. */
    private static Set<String> cardIds(Homeserver.User reader, String roomId, String type, String idField, int expected) {
        List<String> ids = new ArrayList<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            ids.clear();
            Homeserver.awaitTimeline(reader, roomId, type, Duration.ofSeconds(5))
                    .forEach(card -> ids.add(card.path("content").path(idField).asString()));
            return ids.size() >= expected;
        });
        assertThat(ids).as("one %s card per flow", type).doesNotHaveDuplicates();
        return Set.copyOf(ids);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
