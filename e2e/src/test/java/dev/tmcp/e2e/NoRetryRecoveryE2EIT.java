package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.e2e.CrashRig.Payer;
import dev.tmcp.e2e.CrashRig.RequestedPayment;
import dev.tmcp.test.ServiceProcess;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18 / ADR 0037: a crash after the wallet committed, and the client never calls again. The
 * {@link CrashRig}'s payment-service runs with short deadlines and fast job rounds; once the
 * movement is in the ledger the victim is SIGKILLed and restarted, and only the server's jobs may
 * finish the flow: one final state, money moved once, nothing left held, one event.
 */
class NoRetryRecoveryE2EIT {

    /**
     * The rig's deadlines (12 s + 3 s grace for P2P, 10 s for payments and refunds, 10 s for an
     * abandoned gift) plus a restart, the rig's 5 s open breaker and job rounds, with room for a busy machine.
     */
    private static final Duration WITHIN_THE_DEADLINE = Duration.ofSeconds(150);

    static CrashRig rig;
    /** A hybrid mini-app whose backend refunds (spec 7.4), registered by the first refund test. */
    static Merchant merchant;

    @BeforeAll
    static void servicesOfOurOwn() {
        rig = CrashRig.start(Map.of(
                "TMCP_PAYMENT_P2P_AUTHORIZATIONDEADLINE", "12s", "TMCP_PAYMENT_P2P_RECOVERYGRACE", "3s",
                "TMCP_P2P_SETTLEMENT_INTERVAL", "1s",
                "TMCP_PAYMENT_RECOVERYINTERVAL", "1s", "TMCP_PAYMENT_RECOVERAFTER", "10s",
                "TMCP_PAYMENT_REFUNDRECOVERAFTER", "10s",
                "TMCP_PAYMENT_GIFT_EXPIRYINTERVAL", "1s", "TMCP_PAYMENT_GIFT_REPAIRAFTER", "3s",
                // the shortest payment-service accepts: above a create's 10 s wallet timeout
                "TMCP_PAYMENT_GIFT_ABANDONEDAFTER", "10s"));
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
    void aTransferWhoseAnswerDiedWithPaymentServiceCompletesWithoutTheClient() {
        transferWithoutRetry(rig.payments, "12.00");
    }

    @Test
    void aTransferWhoseAnswerDiedWithWalletAdapterCompletesWithoutTheClient() {
        transferWithoutRetry(rig.wallet, "8.00");
    }

    @Test
    void anAcceptanceCapturedWhenPaymentServiceDiedCompletesWithoutTheRecipient() {
        acceptWithoutRetry(rig.payments);
    }

    @Test
    void anAcceptanceCapturedWhenWalletAdapterDiedCompletesWithoutTheRecipient() {
        acceptWithoutRetry(rig.wallet);
    }

    @Test
    void aPaymentHeldWhenPaymentServiceDiedIsCapturedWithoutTheClient() {
        authorizeWithoutRetry(rig.payments, "POST /internal/v1/holds ", "12.00");
    }

    @Test
    void aPaymentCapturedWhenWalletAdapterDiedCompletesWithoutTheClient() {
        authorizeWithoutRetry(rig.wallet, "/capture", "0");
    }

    @Test
    void aRefundPaidWhenPaymentServiceDiedIsRecordedWithoutTheMerchant() {
        refundWithoutRetry(rig.payments);
    }

    @Test
    void aRefundPaidWhenWalletAdapterDiedIsRecordedWithoutTheMerchant() {
        refundWithoutRetry(rig.wallet);
    }

    @Test
    void aGiftWhoseHoldLandedWhenPaymentServiceDiedIsCancelledAndGivenBack() {
        createWithoutRetry(rig.payments);
    }

    @Test
    void aGiftWhoseHoldLandedWhenWalletAdapterDiedIsCancelledAndGivenBack() {
        createWithoutRetry(rig.wallet);
    }

    @Test
    void aGiftShareCapturedWhenPaymentServiceDiedIsRecordedWithoutTheOpener() {
        openWithoutRetry(rig.payments);
    }

    @Test
    void aGiftShareCapturedWhenWalletAdapterDiedIsRecordedWithoutTheOpener() {
        openWithoutRetry(rig.wallet);
    }

    private static void transferWithoutRetry(ServiceProcess victim, String amount) {
        Payer alice = rig.payer("50.00", null);
        String room = Homeserver.privateRoom(alice.user(), rig.bob);
        BigDecimal bobBefore = Wallets.available(rig.bobTep);
        String id = rig.initiateToBob(alice, amount, room);
        BigDecimal after = new BigDecimal("50.00").subtract(new BigDecimal(amount));

        rig.crashWhileAnswerIsWithheld(victim, "/internal/v1/transfers", () -> rig.confirm(alice, id),
                () -> Wallets.available(alice.tep()).compareTo(after) == 0);

        String status = rig.payments.url() + "/wallet/v1/p2p/" + id;
        await().atMost(WITHIN_THE_DEADLINE).pollInterval(Duration.ofSeconds(1))
                .until(() -> "completed".equals(Http.get(status, alice.tep()).text("status")));
        assertThat(Wallets.available(alice.tep())).as("debited once").isEqualByComparingTo(after);
        assertThat(Wallets.available(rig.bobTep).subtract(bobBefore)).as("credited once").isEqualByComparingTo(amount);
        assertThat(Wallets.outboxEvents(id, "p2p.completed")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Http.get(status, alice.tep()).body().has("matrix_event_id"));
        List<JsonNode> cards = Homeserver.awaitTimeline(rig.bob, room, "m.tween.wallet.p2p", Duration.ofSeconds(30));
        assertThat(cards).as("one card in the room").filteredOn(card -> id.equals(card.path("content").path("transfer_id").asString()))
                .hasSize(1);
    }

    private static void acceptWithoutRetry(ServiceProcess victim) {
        KeyPair device = Wallets.deviceKey();
        Payer alice = rig.payer("700.00", device);
        BigDecimal bobBefore = Wallets.available(rig.bobTep);
        String id = rig.initiateToBob(alice, "600.00");
        Http.Response confirmed = rig.confirmSigned(alice, device, id, "600.00");
        assertThat(confirmed.text("status")).as("%s", confirmed.body()).isEqualTo("pending_recipient_acceptance");

        rig.crashWhileAnswerIsWithheld(victim, "/capture", rig.bobAccepts(id),
                () -> Wallets.available(rig.bobTep).subtract(bobBefore).compareTo(new BigDecimal("600.00")) == 0);

        await().atMost(WITHIN_THE_DEADLINE).pollInterval(Duration.ofSeconds(1))
                .until(() -> "completed".equals(Http.get(rig.payments.url() + "/wallet/v1/p2p/" + id, alice.tep()).text("status")));
        assertThat(Wallets.available(alice.tep())).as("debited once").isEqualByComparingTo("100.00");
        assertThat(Wallets.pending(alice.tep())).as("the hold was captured").isEqualByComparingTo("0");
        assertThat(Wallets.available(rig.bobTep).subtract(bobBefore)).as("credited once").isEqualByComparingTo("600.00");
        assertThat(Wallets.outboxEvents(id, "p2p.completed")).isEqualTo(1);
    }

    private static void authorizeWithoutRetry(ServiceProcess victim, String walletCall, String pendingAtCrash) {
        KeyPair device = Wallets.deviceKey();
        Payer alice = rig.payer("50.00", device);
        RequestedPayment payment = rig.requestPayment(alice, device, "12.00");

        rig.crashWhileAnswerIsWithheld(victim, walletCall, payment.authorize(),
                () -> Wallets.available(alice.tep()).compareTo(new BigDecimal("38.00")) == 0
                        && Wallets.pending(alice.tep()).compareTo(new BigDecimal(pendingAtCrash)) == 0);

        await().atMost(WITHIN_THE_DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> "completed".equals(
                Http.get(rig.payments.url() + "/api/v1/payments/" + payment.paymentId(), alice.tep()).text("status")));
        assertThat(Wallets.available(alice.tep())).as("paid once").isEqualByComparingTo("38.00");
        assertThat(Wallets.pending(alice.tep())).as("nothing left held").isEqualByComparingTo("0");
        assertThat(Wallets.outboxEvents(payment.paymentId(), "payment.completed")).isEqualTo(1);
    }

    private static void refundWithoutRetry(ServiceProcess victim) {
        Merchant shop = merchant();
        KeyPair device = Wallets.deviceKey();
        Payer alice = shop.payer(device, "50.00");
        RequestedPayment payment = rig.requestPayment(alice, device, "12.00");
        Http.Response paid = payment.authorize().get();
        assertThat(paid.text("status")).as("%s", paid.body()).isEqualTo("completed");
        String refund = Http.JSON.writeValueAsString(Map.of("amount", new BigDecimal("12.00"), "currency", "USD",
                "reason", "crash test", "idempotency_key", "refund-" + UUID.randomUUID()));

        rig.crashWhileAnswerIsWithheld(victim, "/internal/v1/refunds", () -> Http.send("POST",
                        rig.payments.url() + "/api/v1/payments/" + payment.paymentId() + "/refund", shop.backend(),
                        "application/json", refund),
                () -> Wallets.available(alice.tep()).compareTo(new BigDecimal("50.00")) == 0);

        await().atMost(WITHIN_THE_DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> Wallets.count("tmcp_payment",
                "select count(*) from payment_refund where payment_id = ? and status = 'completed'", payment.paymentId()) == 1);
        assertThat(Wallets.available(alice.tep())).as("given back once").isEqualByComparingTo("50.00");
        assertThat(Wallets.count("tmcp_payment", "select count(*) from payment_refund where payment_id = ?", payment.paymentId()))
                .as("one refund, nothing left pending").isEqualTo(1);
        assertThat(Http.get(rig.payments.url() + "/api/v1/payments/" + payment.paymentId(), alice.tep()).text("status"))
                .isEqualTo("refunded");
        assertThat(Wallets.outboxEvents(payment.paymentId(), "payment.refunded")).isEqualTo(1);
    }

    record Merchant(String miniappId, String backend) {

        /** A user who consented to pay this mini-app, with a funded wallet. */
        Payer payer(KeyPair device, String funds) {
            Homeserver.User user = Homeserver.register("alice_refund_" + UUID.randomUUID().toString().substring(0, 8));
            Http.Response asked = Tmcp.exchange(user.accessToken(), miniappId, "wallet:balance wallet:pay", null);
            assertThat(asked.text("error")).as("%s", asked.body()).isEqualTo("consent_required");
            Developers.consent(user, asked.text("consent_ui_endpoint"));
            Http.Response granted = Tmcp.exchange(user.accessToken(), miniappId, "wallet:balance wallet:pay", null);
            assertThat(granted.status()).as("%s", granted.body()).isEqualTo(200);
            String tep = granted.text("access_token");
            Wallets.activate(user, device);
            Wallets.fund(tep, funds);
            return new Payer(user, tep);
        }
    }

    private static Merchant merchant() {
        if (merchant == null) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            Http.Response shop = Http.post(Tmcp.GATEWAY + "/mini-apps/v1/register", Developers.developerToken(), Map.of(
                    "name", "Refund Shop " + run, "client_type", "hybrid",
                    "technical", Map.of("entry_url", "https://refunds.example/" + run, "webhook_url", "https://api.refunds.example/hook",
                            "redirect_uris", List.of("https://refunds.example/cb"), "scopes_requested", List.of("wallet:balance", "wallet:pay"))));
            assertThat(shop.status()).as("%s", shop.body()).isBetween(200, 201);
            String id = shop.text("miniapp_id");
            var backend = shop.body().path("credentials").path("confidential_client");
            Developers.approve(id);
            merchant = new Merchant(id, Http.basic(backend.path("client_id").asString(), backend.path("client_secret").asString()));
        }
        return merchant;
    }

    /** The sender never learns the gift's id: the server gives up on it and gives the money back, announcing nothing. */
    private static void createWithoutRetry(ServiceProcess victim) {
        Payer alice = rig.payer("30.00", null);
        String key = "gift-" + UUID.randomUUID();

        rig.crashWhileAnswerIsWithheld(victim, "POST /internal/v1/holds ", rig.createGroupGiftWithBob(alice, key),
                () -> Wallets.pending(alice.tep()).compareTo(new BigDecimal("20.00")) == 0);

        // the wallet gives the hold back before the gift is marked released: wait for the mark
        await().atMost(WITHIN_THE_DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> Wallets.count("tmcp_payment",
                "select count(*) from gift where sender_user_id = ? and idempotency_key = ? and status = 'cancelled' "
                        + "and released_at is not null", alice.user().userId(), key) == 1);
        assertThat(Wallets.pending(alice.tep())).as("nothing left held").isEqualByComparingTo("0");
        assertThat(Wallets.available(alice.tep())).as("given back whole").isEqualByComparingTo("30.00");
        assertThat(Wallets.count("tmcp_payment", "select count(*) from outbox_event e join gift g on e.event_key = g.gift_id "
                + "where g.idempotency_key = ?", key)).as("nothing announced").isZero();
    }

    private static void openWithoutRetry(ServiceProcess victim) {
        String giftId = rig.groupGiftWithBob(rig.payer("30.00", null));
        BigDecimal bobBefore = Wallets.available(rig.bobTep);

        rig.crashWhileAnswerIsWithheld(victim, "/capture", rig.bobOpens(giftId),
                () -> Wallets.available(rig.bobTep).subtract(bobBefore).compareTo(new BigDecimal("5.00")) == 0);

        await().atMost(WITHIN_THE_DEADLINE).pollInterval(Duration.ofSeconds(1))
                .until(() -> Wallets.outboxEvents(giftId, "gift.opened") == 1);
        assertThat(Wallets.available(rig.bobTep).subtract(bobBefore)).as("one share, paid once").isEqualByComparingTo("5.00");
        assertThat(Http.get(rig.payments.url() + "/wallet/v1/gift/" + giftId, rig.bobTep).body().path("remaining").asInt())
                .isEqualTo(3);
        assertThat(rig.bobOpens(giftId).get().body().path("error").path("code").asString())
                .as("the share is recorded as bob's").isEqualTo("ALREADY_OPENED");
    }
}
