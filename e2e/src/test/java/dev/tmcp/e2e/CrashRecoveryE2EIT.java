package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.test.PausableProxy;
import dev.tmcp.test.ServiceProcess;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crashes at the worst moment of each money flow, with the real services as OS processes: a
 * payment-service and a wallet-adapter of our own (same databases, Redis and Kafka as the stack),
 * a proxy between them that lets requests through but withholds the answers, and SIGKILL once the
 * wallet has committed the movement — so the service that would record it never hears of it.
 * After a restart the client retries with the same ids: every flow must end in one final state,
 * money moved once, and one domain event.
 */
class CrashRecoveryE2EIT {

    static ServiceProcess wallet;
    static PausableProxy walletLink;
    static ServiceProcess payments;
    static String room;
    static Homeserver.User bob;
    static String bobTep;

    @BeforeAll
    static void servicesOfOurOwn() {
        wallet = new ServiceProcess("wallet-adapter", Map.of()).start();
        walletLink = PausableProxy.to(wallet.url());
        // a process this test kills must not hold partitions of the stack's consumer group
        payments = new ServiceProcess("payment-service", Map.of("WALLET_ADAPTER_URL", walletLink.url(),
                "TMCP_PAYMENT_ROOMCARDS_GROUPID", "e2e-crash-" + UUID.randomUUID())).start();
        String run = UUID.randomUUID().toString().substring(0, 8);
        bob = Homeserver.register("bob_crash_" + run);
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
    void aP2pConfirmationSurvivesPaymentServiceDyingAfterTheWalletPaid() {
        Payer alice = payer("100.00", null);
        String id = initiate(alice, "10.00");
        BigDecimal bobBefore = Wallets.available(bobTep);

        crashWhileAnswerIsWithheld(payments, "/internal/v1/transfers", () -> confirm(alice, id),
                () -> Wallets.available(alice.tep()).compareTo(new BigDecimal("90.00")) == 0);

        Http.Response retried = confirm(alice, id);
        assertThat(retried.status()).as("%s", retried.body()).isEqualTo(200);
        assertThat(retried.text("status")).isEqualTo("completed");
        assertThat(confirm(alice, id).text("status")).isEqualTo("completed");
        assertThat(Wallets.available(alice.tep())).as("debited once").isEqualByComparingTo("90.00");
        assertThat(Wallets.available(bobTep).subtract(bobBefore)).as("credited once").isEqualByComparingTo("10.00");
        assertThat(Wallets.outboxEvents(id, "p2p.completed")).isEqualTo(1);
    }

    @Test
    void aP2pConfirmationSurvivesWalletAdapterDyingAfterItCommitted() {
        Payer alice = payer("100.00", null);
        String id = initiate(alice, "15.00");
        BigDecimal bobBefore = Wallets.available(bobTep);

        crashWhileAnswerIsWithheld(wallet, "/internal/v1/transfers", () -> confirm(alice, id),
                () -> Wallets.available(alice.tep()).compareTo(new BigDecimal("85.00")) == 0);

        Http.Response retried = confirm(alice, id);
        assertThat(retried.status()).as("%s", retried.body()).isEqualTo(200);
        assertThat(retried.text("status")).isEqualTo("completed");
        assertThat(Wallets.available(alice.tep())).isEqualByComparingTo("85.00");
        assertThat(Wallets.available(bobTep).subtract(bobBefore)).isEqualByComparingTo("15.00");
        assertThat(Wallets.outboxEvents(id, "p2p.completed")).isEqualTo(1);
    }

    @Test
    void aPaymentAuthorizationSurvivesPaymentServiceDyingBetweenHoldAndCapture() {
        // The hold is the first movement: once the payer's money is pending, kill before the capture.
        authorizeThroughACrash(() -> payments, "POST /internal/v1/holds ", "12.00");
    }

    @Test
    void aPaymentAuthorizationSurvivesWalletAdapterDyingAfterTheCapture() {
        authorizeThroughACrash(() -> wallet, "/capture", "0");
    }

    private static void authorizeThroughACrash(Supplier<ServiceProcess> victim, String walletCall, String pendingAtCrash) {
        KeyPair device = Wallets.deviceKey();
        Payer alice = payer("50.00", device);
        Http.Response requested = Http.post(payments.url() + "/api/v1/payments/request", alice.tep(), Map.of(
                "amount", new BigDecimal("12.00"), "currency", "USD", "description", "Crash test order",
                "merchant_order_id", "ORDER-" + UUID.randomUUID(), "idempotency_key", "pay-" + UUID.randomUUID()));
        assertThat(requested.status()).as("%s", requested.body()).isEqualTo(200);
        String paymentId = requested.text("payment_id");
        String timestamp = Instant.now().toString();
        Map<String, Object> authorization = Map.of("signature", Wallets.sign(device, paymentId + ":12.00:USD:" + timestamp),
                "device_id", "device_e2e", "timestamp", timestamp);
        Supplier<Http.Response> authorize = () -> Http.post(payments.url() + "/api/v1/payments/" + paymentId + "/authorize",
                alice.tep(), authorization);

        crashWhileAnswerIsWithheld(victim.get(), walletCall, authorize,
                () -> Wallets.available(alice.tep()).compareTo(new BigDecimal("38.00")) == 0
                        && Wallets.pending(alice.tep()).compareTo(new BigDecimal(pendingAtCrash)) == 0);

        Http.Response retried = authorize.get();
        assertThat(retried.status()).as("%s", retried.body()).isEqualTo(200);
        assertThat(retried.text("status")).isEqualTo("completed");
        assertThat(authorize.get().text("txn_id")).isEqualTo(retried.text("txn_id"));
        assertThat(Wallets.available(alice.tep())).as("paid once").isEqualByComparingTo("38.00");
        assertThat(Wallets.pending(alice.tep())).as("nothing left held").isEqualByComparingTo("0");
        assertThat(Wallets.outboxEvents(paymentId, "payment.completed")).isEqualTo(1);
    }

    @Test
    void aGiftOpeningSurvivesPaymentServiceDyingAfterTheShareWasPaid() {
        openThroughACrash(() -> payments);
    }

    @Test
    void aGiftOpeningSurvivesWalletAdapterDyingAfterTheShareWasPaid() {
        openThroughACrash(() -> wallet);
    }

    private static void openThroughACrash(Supplier<ServiceProcess> victim) {
        Payer alice = payer("30.00", null);
        Http.Response created = Http.post(payments.url() + "/wallet/v1/gift/create", alice.tep(), Map.of("type", "group",
                "room_id", Homeserver.privateRoom(alice.user(), bob),
                "total_amount", new BigDecimal("20.00"), "currency", "USD", "count", 4, "distribution", "equal",
                "message", "crash", "idempotency_key", "gift-" + UUID.randomUUID(),
                "auth_proof", Wallets.pinProof().get("auth_proof")));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(200);
        String giftId = created.text("gift_id");
        BigDecimal bobBefore = Wallets.available(bobTep);
        Supplier<Http.Response> open = () -> Http.post(payments.url() + "/wallet/v1/gift/" + giftId + "/open", bobTep,
                Map.of("device_id", "bob_phone"));

        crashWhileAnswerIsWithheld(victim.get(), "/capture", open,
                () -> Wallets.available(bobTep).subtract(bobBefore).compareTo(new BigDecimal("5.00")) == 0);

        Http.Response retried = open.get();
        assertThat(retried.status()).as("%s", retried.body()).isEqualTo(200);
        assertThat(retried.body().path("amount_received").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(Wallets.available(bobTep).subtract(bobBefore)).as("one share, paid once").isEqualByComparingTo("5.00");
        assertThat(Http.get(payments.url() + "/wallet/v1/gift/" + giftId, bobTep).body().path("remaining").asInt())
                .isEqualTo(3);
        assertThat(Wallets.outboxEvents(giftId, "gift.opened")).isEqualTo(1);
    }

    /**
     * Sends {@code call} with the wallet's answer to {@code walletCall} withheld, waits until
     * {@code committed} shows the wallet did that work, SIGKILLs {@code victim}, then restarts it
     * with the link open again.
     */
    private static void crashWhileAnswerIsWithheld(ServiceProcess victim, String walletCall, Supplier<Http.Response> call,
            Supplier<Boolean> committed) {
        walletLink.withholdAnswersTo(walletCall);
        CompletableFuture<?> inFlight = CompletableFuture.runAsync(() -> {
            try {
                call.get();
            } catch (IllegalStateException cut) {
                // the connection dies with the process
            }
        });
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(committed::get);
            victim.kill();
        } finally {
            walletLink.mode(PausableProxy.Mode.OPEN);
        }
        inFlight.completeExceptionally(new IllegalStateException("abandoned"));
        victim.start();
    }

    record Payer(Homeserver.User user, String tep) {
    }

    private static Payer payer(String funds, KeyPair device) {
        Homeserver.User user = Homeserver.register("alice_crash_" + UUID.randomUUID().toString().substring(0, 8));
        String tep = Tmcp.tep(user.accessToken(), "wallet:balance wallet:pay", null);
        Wallets.activate(user, device);
        Wallets.fund(tep, funds);
        return new Payer(user, tep);
    }

    private static String initiate(Payer sender, String amount) {
        Http.Response initiated = Http.post(payments.url() + "/wallet/v1/p2p/initiate", sender.tep(), Map.of("recipient",
                bob.userId(), "amount", new BigDecimal(amount), "currency", "USD", "idempotency_key", "p2p-" + UUID.randomUUID()));
        assertThat(initiated.status()).as("%s", initiated.body()).isEqualTo(200);
        return initiated.text("transfer_id");
    }

    private static Http.Response confirm(Payer sender, String transferId) {
        return Http.post(payments.url() + "/wallet/v1/p2p/" + transferId + "/confirm", sender.tep(), Wallets.pinProof());
    }
}
