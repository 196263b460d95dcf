package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** 100 confirmations of one transfer at once, as a double-tapping client or a retrying app would send them: one debit. */
class ConcurrentConfirmE2EIT {

    /**
     * The race is the service's to win: 200 confirmations of one user exceed the gateway's
     * {@code p2p-confirm} row (decision 0028), so they go to payment-service directly.
     */
    private static final String PAYMENTS = dev.tmcp.test.StackEnv.get("PAYMENT_SERVICE_URL");

    @Test
    void aHundredConcurrentConfirmationsMoveTheMoneyOnce() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Homeserver.User alice = Homeserver.register("alice_race_" + run);
        Homeserver.User bob = Homeserver.register("bob_race_" + run);
        String aliceTep = Tmcp.tep(alice.accessToken(), "wallet:balance wallet:pay", null);
        String bobTep = Tmcp.tep(bob.accessToken(), "wallet:balance wallet:pay", null);
        Wallets.activate(alice, null);
        Wallets.activate(bob, null);
        Wallets.fund(aliceTep, "100.00");

        for (String amount : List.of("40.00", "600.00")) {
            if (amount.equals("600.00")) {
                Wallets.fund(aliceTep, "600.00");
            }
            BigDecimal before = Wallets.available(aliceTep);
            Http.Response initiated = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", aliceTep, Map.of("recipient",
                    bob.userId(), "amount", new BigDecimal(amount), "currency", "USD", "idempotency_key", "race-" + amount + run));
            String id = initiated.text("transfer_id");

            List<Http.Response> answers;
            try (ExecutorService clients = Executors.newFixedThreadPool(50)) {
                List<CompletableFuture<Http.Response>> calls = IntStream.range(0, 100)
                        .mapToObj(i -> CompletableFuture.supplyAsync(() -> Http.post(PAYMENTS + "/wallet/v1/p2p/" + id
                                + "/confirm", aliceTep, Wallets.pinProof()), clients))
                        .toList();
                answers = calls.stream().map(CompletableFuture::join).toList();
            }

            String settled = initiated.body().path("recipient_acceptance_required").asBoolean()
                    ? "pending_recipient_acceptance" : "completed";
            assertThat(answers).allSatisfy(a -> {
                assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
                assertThat(a.text("status")).isEqualTo(settled);
            });
            assertThat(answers.stream().map(a -> a.text("event_id")).distinct()).as("one card").hasSize(1);
            assertThat(before.subtract(Wallets.available(aliceTep))).as("one debit of " + amount)
                    .isEqualByComparingTo(amount);
            assertThat(Wallets.outboxEvents(id, "p2p.completed")).isEqualTo(1);
        }
    }
}
