package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.test.PausableProxy;
import dev.tmcp.test.ServiceProcess;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 / ADR 0037: a crash after the wallet committed, and the client never calls again. Our own
 * payment-service (short deadlines, fast job rounds) and wallet-adapter run as processes behind a
 * proxy that withholds the wallet's answer; once the movement is in the ledger the victim is
 * SIGKILLed and restarted, and only the server's jobs may finish the flow.
 */
class NoRetryRecoveryE2EIT {

    static ServiceProcess wallet;
    static PausableProxy walletLink;
    static ServiceProcess payments;
    static Homeserver.User bob;
    static String bobTep;

    @BeforeAll
    static void servicesOfOurOwn() {
        wallet = new ServiceProcess("wallet-adapter", Map.of()).start();
        walletLink = PausableProxy.to(wallet.url());
        payments = new ServiceProcess("payment-service", Map.of("WALLET_ADAPTER_URL", walletLink.url(),
                "TMCP_PAYMENT_P2P_AUTHORIZATIONDEADLINE", "20s", "TMCP_PAYMENT_P2P_RECOVERYGRACE", "5s",
                "TMCP_P2P_SETTLEMENT_INTERVAL", "1s",
                // a process this test kills must not hold partitions of the stack's consumer group
                "TMCP_PAYMENT_ROOMCARDS_GROUPID", "e2e-noretry-" + UUID.randomUUID())).start();
        bob = Homeserver.register("bob_noretry_" + UUID.randomUUID().toString().substring(0, 8));
        bobTep = Tmcp.tep(bob.accessToken(), "wallet:balance wallet:pay", null);
        Wallets.activate(bob, null);
    }

    @AfterAll
    static void stop() {
        payments.close();
        walletLink.close();
        wallet.close();
    }

    @Test
    void aTransferWhoseAnswerDiedWithPaymentServiceCompletesWithoutTheClient() {
        assertCompletesWithoutRetry(() -> payments, "12.00");
    }

    @Test
    void aTransferWhoseAnswerDiedWithWalletAdapterCompletesWithoutTheClient() {
        assertCompletesWithoutRetry(() -> wallet, "8.00");
    }

    private static void assertCompletesWithoutRetry(Supplier<ServiceProcess> victim, String amount) {
        Homeserver.User alice = Homeserver.register("alice_noretry_" + UUID.randomUUID().toString().substring(0, 8));
        String tep = Tmcp.tep(alice.accessToken(), "wallet:balance wallet:pay", null);
        Wallets.activate(alice, null);
        Wallets.fund(tep, "50.00");
        BigDecimal bobBefore = Wallets.available(bobTep);
        Http.Response initiated = Http.post(payments.url() + "/wallet/v1/p2p/initiate", tep, Map.of("recipient",
                bob.userId(), "amount", new BigDecimal(amount), "currency", "USD", "idempotency_key", "nr-" + UUID.randomUUID()));
        assertThat(initiated.status()).as("%s", initiated.body()).isEqualTo(200);
        String id = initiated.text("transfer_id");
        BigDecimal after = new BigDecimal("50.00").subtract(new BigDecimal(amount));

        walletLink.withholdAnswersTo("/internal/v1/transfers");
        CompletableFuture.runAsync(() -> {
            try {
                Http.post(payments.url() + "/wallet/v1/p2p/" + id + "/confirm", tep, Wallets.pinProof());
            } catch (IllegalStateException cut) {
                // the connection dies with the process; the client never comes back
            }
        });
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Wallets.available(tep).compareTo(after) == 0);
            victim.get().kill();
        } finally {
            walletLink.mode(PausableProxy.Mode.OPEN);
        }
        victim.get().start();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "completed".equals(Http.get(payments.url() + "/wallet/v1/p2p/" + id, tep).text("status")));
        assertThat(Wallets.available(tep)).as("debited once").isEqualByComparingTo(after);
        assertThat(Wallets.available(bobTep).subtract(bobBefore)).as("credited once").isEqualByComparingTo(amount);
        assertThat(Wallets.outboxEvents(id, "p2p.completed")).isEqualTo(1);
    }
}
