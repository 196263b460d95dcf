package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.e2e.CrashRig.Payer;
import dev.tmcp.e2e.CrashRig.RequestedPayment;
import dev.tmcp.test.ServiceProcess;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Crashes at the worst moment of each money flow, with the real services as OS processes
 * ({@link CrashRig}): SIGKILL once the wallet has committed the movement, so the service that would
 * record it never hears of it. After a restart the client retries with the same ids: every flow
 * must end in one final state, money moved once, and one domain event.
 */
class CrashRecoveryE2EIT {

    static CrashRig rig;

    @BeforeAll
    static void servicesOfOurOwn() {
        // Here the client's retry finishes the flow; the server's own repair of a claimed gift share
        // (after 30 s by default) is NoRetryRecoveryE2EIT's, and on a busy machine a restart outlasting
        // it would finish the opening first and turn the retry into ALREADY_OPENED.
        rig = CrashRig.start(Map.of("TMCP_PAYMENT_GIFT_REPAIRAFTER", "10m"));
    }

    @BeforeEach
    void breakerClosed() {
        rig.closeWalletBreaker();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void aP2pConfirmationSurvivesPaymentServiceDyingAfterTheWalletPaid() {
        Payer alice = rig.payer("100.00", null);
        String id = rig.initiateToBob(alice, "10.00");
        BigDecimal bobBefore = Wallets.available(rig.bobTep);

        rig.crashWhileAnswerIsWithheld(rig.payments, "/internal/v1/transfers", () -> rig.confirm(alice, id),
                () -> Wallets.available(alice.tep()).compareTo(new BigDecimal("90.00")) == 0);

        Http.Response retried = rig.confirm(alice, id);
        assertThat(retried.status()).as("%s", retried.body()).isEqualTo(200);
        assertThat(retried.text("status")).isEqualTo("completed");
        assertThat(rig.confirm(alice, id).text("status")).isEqualTo("completed");
        assertThat(Wallets.available(alice.tep())).as("debited once").isEqualByComparingTo("90.00");
        assertThat(Wallets.available(rig.bobTep).subtract(bobBefore)).as("credited once").isEqualByComparingTo("10.00");
        assertThat(Wallets.outboxEvents(id, "p2p.completed")).isEqualTo(1);
    }

    @Test
    void aP2pConfirmationSurvivesWalletAdapterDyingAfterItCommitted() {
        Payer alice = rig.payer("100.00", null);
        String id = rig.initiateToBob(alice, "15.00");
        BigDecimal bobBefore = Wallets.available(rig.bobTep);

        rig.crashWhileAnswerIsWithheld(rig.wallet, "/internal/v1/transfers", () -> rig.confirm(alice, id),
                () -> Wallets.available(alice.tep()).compareTo(new BigDecimal("85.00")) == 0);

        Http.Response retried = rig.confirm(alice, id);
        assertThat(retried.status()).as("%s", retried.body()).isEqualTo(200);
        assertThat(retried.text("status")).isEqualTo("completed");
        assertThat(Wallets.available(alice.tep())).isEqualByComparingTo("85.00");
        assertThat(Wallets.available(rig.bobTep).subtract(bobBefore)).isEqualByComparingTo("15.00");
        assertThat(Wallets.outboxEvents(id, "p2p.completed")).isEqualTo(1);
    }

    @Test
    void aPaymentAuthorizationSurvivesPaymentServiceDyingBetweenHoldAndCapture() {
        // The hold is the first movement: once the payer's money is pending, kill before the capture.
        authorizeThroughACrash(rig.payments, "POST /internal/v1/holds ", "12.00");
    }

    @Test
    void aPaymentAuthorizationSurvivesWalletAdapterDyingAfterTheCapture() {
        authorizeThroughACrash(rig.wallet, "/capture", "0");
    }

    private static void authorizeThroughACrash(ServiceProcess victim, String walletCall, String pendingAtCrash) {
        KeyPair device = Wallets.deviceKey();
        Payer alice = rig.payer("50.00", device);
        RequestedPayment payment = rig.requestPayment(alice, device, "12.00");

        rig.crashWhileAnswerIsWithheld(victim, walletCall, payment.authorize(),
                () -> Wallets.available(alice.tep()).compareTo(new BigDecimal("38.00")) == 0
                        && Wallets.pending(alice.tep()).compareTo(new BigDecimal(pendingAtCrash)) == 0);

        Http.Response retried = payment.authorize().get();
        assertThat(retried.status()).as("%s", retried.body()).isEqualTo(200);
        assertThat(retried.text("status")).isEqualTo("completed");
        assertThat(payment.authorize().get().text("txn_id")).isEqualTo(retried.text("txn_id"));
        assertThat(Wallets.available(alice.tep())).as("paid once").isEqualByComparingTo("38.00");
        assertThat(Wallets.pending(alice.tep())).as("nothing left held").isEqualByComparingTo("0");
        assertThat(Wallets.outboxEvents(payment.paymentId(), "payment.completed")).isEqualTo(1);
    }

    @Test
    void aGiftOpeningSurvivesPaymentServiceDyingAfterTheShareWasPaid() {
        openThroughACrash(rig.payments);
    }

    @Test
    void aGiftOpeningSurvivesWalletAdapterDyingAfterTheShareWasPaid() {
        openThroughACrash(rig.wallet);
    }

    private static void openThroughACrash(ServiceProcess victim) {
        String giftId = rig.groupGiftWithBob(rig.payer("30.00", null));
        BigDecimal bobBefore = Wallets.available(rig.bobTep);
        Supplier<Http.Response> open = rig.bobOpens(giftId);

        rig.crashWhileAnswerIsWithheld(victim, "/capture", open,
                () -> Wallets.available(rig.bobTep).subtract(bobBefore).compareTo(new BigDecimal("5.00")) == 0);

        Http.Response retried = open.get();
        assertThat(retried.status()).as("%s", retried.body()).isEqualTo(200);
        assertThat(retried.body().path("amount_received").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(Wallets.available(rig.bobTep).subtract(bobBefore)).as("one share, paid once").isEqualByComparingTo("5.00");
        assertThat(Http.get(rig.payments.url() + "/wallet/v1/gift/" + giftId, rig.bobTep).body().path("remaining").asInt())
                .isEqualTo(3);
        assertThat(Wallets.outboxEvents(giftId, "gift.opened")).isEqualTo(1);
    }
}
