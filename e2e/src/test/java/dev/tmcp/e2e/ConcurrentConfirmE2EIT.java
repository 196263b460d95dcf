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
     * The race is the service's to win: 100 confirmations of one user exceed the gateway's
     * {@code p2p-confirm} row (decision 0028), so they go to payment-service directly.
     */
    private static final String PAYMENTS = dev.tmcp.test.StackEnv.get("PAYMENT_SERVICE_URL");

    @Test
    void aHundredConcurrentConfirmationsOfASmallTransferCompleteItOnce() {
        Race race = Race.between("alice_race", "bob_race", "40.00");

        List<Http.Response> answers = race.confirmAHundredTimesAtOnce();

        race.assertSettledOnceAs("completed", answers);
    }

    @Test
    void aHundredConcurrentConfirmationsOfATransferAwaitingAcceptanceHoldItOnce() {
        Race race = Race.between("carol_race", "dave_race", "600.00");

        List<Http.Response> answers = race.confirmAHundredTimesAtOnce();

        race.assertSettledOnceAs("pending_recipient_acceptance", answers);
    }

    /** A funded sender's transfer to a recipient with a wallet, initiated and not yet confirmed. */
    private record Race(String senderTep, String transferId, String amount, BigDecimal before) {

        static Race between(String sender, String recipient, String amount) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            Homeserver.User from = Homeserver.register(sender + "_" + run);
            Homeserver.User to = Homeserver.register(recipient + "_" + run);
            String tep = Tmcp.tep(from.accessToken(), "wallet:balance wallet:pay", null);
            Wallets.activate(from, null);
            Wallets.activate(to, null);
            Wallets.fund(tep, amount);
            BigDecimal before = Wallets.available(tep);
            Http.Response initiated = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", tep, Map.of("recipient",
                    to.userId(), "amount", new BigDecimal(amount), "currency", "USD", "idempotency_key", "race-" + run));
            assertThat(initiated.status()).as("%s", initiated.body()).isEqualTo(200);
            return new Race(tep, initiated.text("transfer_id"), amount, before);
        }

        List<Http.Response> confirmAHundredTimesAtOnce() {
            try (ExecutorService clients = Executors.newFixedThreadPool(50)) {
                List<CompletableFuture<Http.Response>> calls = IntStream.range(0, 100)
                        .mapToObj(i -> CompletableFuture.supplyAsync(() -> Http.post(PAYMENTS + "/wallet/v1/p2p/" + transferId
                                + "/confirm", senderTep, Wallets.pinProof()), clients))
                        .toList();
                return calls.stream().map(CompletableFuture::join).toList();
            }
        }

        void assertSettledOnceAs(String status, List<Http.Response> answers) {
            assertThat(answers).allSatisfy(a -> {
                assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
                assertThat(a.text("status")).isEqualTo(status);
            });
            assertThat(answers.stream().map(a -> a.text("event_id")).distinct()).as("one card").hasSize(1);
            assertThat(before.subtract(Wallets.available(senderTep))).as("one debit of " + amount)
                    .isEqualByComparingTo(amount);
            assertThat(Wallets.outboxEvents(transferId, "p2p.completed")).isEqualTo(1);
        }
    }
}
