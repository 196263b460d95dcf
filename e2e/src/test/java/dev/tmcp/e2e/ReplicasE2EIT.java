package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Against `./tmcp up --replicas 2` (the replica phase of `.ci/run`; skipped on a one-replica
 * stack): P2P transfers through the gateway while the second replica of payment-service,
 * wallet-adapter and matrix-bridge is killed with SIGKILL in the middle of a confirmation. The
 * client does what the spec asks of it (a failed call is sent again with the same idempotency key or
 * proof); every transfer ends once, money moves once, and each transfer has one card in the room.
 */
class ReplicasE2EIT {

    static final int TRANSFERS = 12;
    static final int KILL_DURING = 4;

    static Homeserver.User alice;
    static Homeserver.User bob;
    static String room;

    @BeforeAll
    static void onAStackWithReplicas() {
        Assumptions.assumeTrue(LocalReplicas.count() >= 2, "needs ./tmcp up --replicas 2");
        String run = UUID.randomUUID().toString().substring(0, 8);
        alice = Homeserver.register("alice_rep_" + run);
        bob = Homeserver.register("bob_rep_" + run);
        room = Homeserver.privateRoom(alice, bob);
    }

    @Test
    void transfersEndOnceWithOneDebitAndOneCardWhileReplicasAreKilled() {
        Wallets.activate(alice, null);
        String tep = Tmcp.tep(alice.accessToken(), "wallet:balance wallet:pay", room);
        Wallets.fund(tep, "100.00");

        List<String> completed = new ArrayList<>();
        for (int i = 0; i < TRANSFERS; i++) {
            String transferId = initiate(tep);
            CompletableFuture<Void> kills = i == KILL_DURING
                    ? CompletableFuture.runAsync(ReplicasE2EIT::killSecondReplicas)
                    : CompletableFuture.completedFuture(null);
            Http.Response confirmed = confirm(tep, transferId);
            kills.join();
            assertThat(confirmed.text("status")).as("%s", confirmed.body()).isEqualTo("completed");
            completed.add(transferId);
        }

        assertThat(Wallets.available(tep)).as("one debit per transfer")
                .isEqualByComparingTo(new BigDecimal(100 - TRANSFERS));
        String bobTep = Tmcp.tep(bob.accessToken(), "wallet:balance", null);
        assertThat(Wallets.pending(bobTep)).isEqualByComparingTo(new BigDecimal(TRANSFERS));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> cards().size() >= TRANSFERS);
        List<String> carded = cards().stream().map(c -> c.path("content").path("transfer_id").asString()).toList();
        assertThat(carded).as("one card per transfer").doesNotHaveDuplicates();
        assertThat(Set.copyOf(carded)).isEqualTo(Set.copyOf(completed));
    }

    private static void killSecondReplicas() {
        sleep(Duration.ofMillis(30));
        for (String instance : List.of("payment-service-2", "wallet-adapter-2", "matrix-bridge-2")) {
            LocalReplicas.kill(instance);
        }
    }

    private static String initiate(String tep) {
        Map<String, Object> body = Map.of("recipient", bob.userId(), "amount", new BigDecimal("1.00"), "currency", "USD",
                "idempotency_key", "p2p-" + UUID.randomUUID(), "room_id", room);
        Http.Response initiated = untilAnswered(() -> Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", tep, body));
        assertThat(initiated.status()).as("%s", initiated.body()).isEqualTo(200);
        return initiated.text("transfer_id");
    }

    private static Http.Response confirm(String tep, String transferId) {
        Map<String, Object> proof = Map.of("auth_proof", Map.of("method", "pin",
                "proof", Map.of("hashed_pin", Tmcp.sha256Hex(Wallets.PIN), "device_id", "e2e")));
        return untilAnswered(() -> Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + transferId + "/confirm", tep, proof));
    }

    /** A call cut by a killed replica (5xx) is sent again, as a client would, for up to two minutes. */
    private static Http.Response untilAnswered(Supplier<Http.Response> call) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Http.Response response = call.get();
        while (response.status() >= 500 && System.nanoTime() < deadline) {
            sleep(Duration.ofSeconds(1));
            response = call.get();
        }
        return response;
    }

    private static List<JsonNode> cards() {
        return Homeserver.awaitTimeline(bob, room, "m.tween.wallet.p2p", Duration.ofSeconds(5));
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
