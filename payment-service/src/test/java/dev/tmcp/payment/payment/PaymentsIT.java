package dev.tmcp.payment.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.payment.it.Http;
import dev.tmcp.payment.it.PaymentServiceOnStubs;
import dev.tmcp.payment.it.StubWalletAndBridge;
import dev.tmcp.payment.it.StubWalletAndBridge.Device;
import dev.tmcp.payment.it.StubWalletAndBridge.Merchant;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Mini-app payments, MFA and refunds: this service on its own fresh database with real Kafka and
 * Redis; auth-service (TEPs, the merchant backends' client credentials) and wallet-adapter (device
 * signatures, MFA challenges, holds, captures and refunds on an in-memory ledger whose balances the
 * tests read) are stubbed at the HTTP level ({@link StubWalletAndBridge}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tmcp.payment.mfa-threshold=50.00", "tmcp.payment.recovery-interval=1h"})
class PaymentsIT {

    static final StubWalletAndBridge STUB = new StubWalletAndBridge();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PaymentServiceOnStubs.infrastructure(registry, STUB);
    }

    @AfterAll
    static void stop() {
        STUB.close();
    }

    /** A payer of one mini-app: a TEP, a registered payment device, and funds in the stub wallet. */
    record User(String userId, String tep, Device device) {

        String deviceId() {
            return device.id();
        }

        String sign(String message) {
            return device.sign(message);
        }
    }

    static Merchant shop;
    static Merchant otherShop;

    @LocalServerPort
    int port;
    @Autowired
    DatabaseClient db;
    @Autowired
    StalePaymentRecovery recovery;
    @Autowired
    dev.tmcp.payment.refund.RefundRecovery refundRecovery;

    @BeforeAll
    static void merchants() {
        shop = STUB.merchant("shop");
        otherShop = STUB.merchant("other");
    }

    @Test
    void aPaymentMovesTheAmountFromThePayerToTheMerchantOnceAuthorizedWithTheDeviceKey() {
        User alice = payer(shop, "100.00");
        long merchantBefore = STUB.balanceMinor(shop.id());
        String key = "order-" + UUID.randomUUID();
        Map<String, Object> request = request("20.00", key, List.of(
                Map.of("item_id", "prod_1", "name", "Mug", "quantity", 2, "unit_price", 7.50),
                Map.of("item_id", "prod_2", "name", "Card", "quantity", 1, "unit_price", 5.00)));
        Http.Response requested = post("/api/v1/payments/request", alice.tep(), request);
        assertThat(requested.status()).as("%s", requested.body()).isEqualTo(200);
        String paymentId = requested.text("payment_id");
        assertThat(paymentId).startsWith("pay_");
        assertThat(requested.text("status")).isEqualTo("pending_authorization");
        assertThat(requested.body().path("amount").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(requested.body().path("merchant").path("miniapp_id").asString()).isEqualTo(shop.id());
        assertThat(requested.body().path("authorization_required").asBoolean()).isTrue();
        assertThat(Instant.parse(requested.text("expires_at")))
                .isBetween(Instant.now().plusSeconds(240), Instant.now().plusSeconds(301));

        assertThat(post("/api/v1/payments/request", alice.tep(), request).text("payment_id"))
                .as("the same key and request replay the payment").isEqualTo(paymentId);
        Http.Response conflict = post("/api/v1/payments/request", alice.tep(), request("21.00", key, null));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("DUPLICATE_TRANSACTION");
        Http.Response badItems = post("/api/v1/payments/request", alice.tep(), request("20.00", "k-" + UUID.randomUUID(),
                List.of(Map.of("item_id", "p", "name", "x", "quantity", 1, "unit_price", 19.00))));
        assertThat(badItems.status()).isEqualTo(400);
        Http.Response zeroQuantity = post("/api/v1/payments/request", alice.tep(), request("20.00", "k-" + UUID.randomUUID(),
                List.of(Map.of("item_id", "p", "name", "x", "quantity", 0, "unit_price", 20.00))));
        assertThat(zeroQuantity.status()).isEqualTo(400);
        Map<String, Object> noKey = new HashMap<>(request);
        noKey.remove("idempotency_key");
        assertThat(post("/api/v1/payments/request", alice.tep(), noKey).status()).isEqualTo(400);

        String timestamp = Instant.now().toString();
        String message = paymentId + ":20.00:USD:" + timestamp;
        Http.Response forged = authorize(alice, paymentId, payer(shop, "1.00").sign(message), alice.deviceId(), timestamp);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.code()).isEqualTo("INVALID_SIGNATURE");
        Http.Response wrongAmount = authorize(alice, paymentId, alice.sign(paymentId + ":20:USD:" + timestamp),
                alice.deviceId(), timestamp);
        assertThat(wrongAmount.code()).as("the amount is signed as rendered, 20.00").isEqualTo("INVALID_SIGNATURE");
        String stale = Instant.now().minusSeconds(360).toString();
        Http.Response staleSignature = authorize(alice, paymentId, alice.sign(paymentId + ":20.00:USD:" + stale),
                alice.deviceId(), stale);
        assertThat(staleSignature.status()).isEqualTo(401);
        assertThat(staleSignature.code()).isEqualTo("INVALID_SIGNATURE");
        Http.Response unknownDevice = authorize(alice, paymentId, alice.sign(message), "device_unknown", timestamp);
        assertThat(unknownDevice.status()).isEqualTo(400);
        assertThat(unknownDevice.code()).isEqualTo("DEVICE_NOT_REGISTERED");
        assertThat(STUB.balanceMinor(alice.userId())).as("nothing moved yet").isEqualTo(10_000);

        Http.Response completed = authorize(alice, paymentId, alice.sign(message), alice.deviceId(), timestamp);
        assertThat(completed.status()).as("%s", completed.body()).isEqualTo(200);
        assertThat(completed.text("status")).isEqualTo("completed");
        assertThat(completed.text("txn_id")).isNotBlank();
        assertThat(completed.body().path("payer").path("user_id").asString()).isEqualTo(alice.userId());
        assertThat(completed.body().path("merchant").path("wallet_id").asString()).startsWith("tw_");
        assertThat(STUB.balanceMinor(alice.userId())).isEqualTo(8_000);
        assertThat(STUB.balanceMinor(shop.id()) - merchantBefore).isEqualTo(2_000);

        Http.Response again = authorize(alice, paymentId, alice.sign(message), alice.deviceId(), timestamp);
        assertThat(again.text("txn_id")).as("authorizing again pays nothing more").isEqualTo(completed.text("txn_id"));
        assertThat(STUB.balanceMinor(alice.userId())).isEqualTo(8_000);
        assertThat(outboxEvents(paymentId, "payment.completed")).isEqualTo(1);
        assertThat(balanceEvents(paymentId)).as("wallet.updated once, 100.00 -> 80.00")
                .singleElement().satisfies(e -> assertThat(e).contains("\"old_balance\":100.00", "\"new_balance\":80.00",
                        "\"reason\":\"payment\""));

        // reads: the payer's TEP, the merchant's backend; not another mini-app's backend nor a wrong secret
        assertThat(get(paymentId, Http.bearer(alice.tep())).text("status")).isEqualTo("completed");
        Http.Response byBackend = get(paymentId, shop.basic());
        assertThat(byBackend.status()).as("%s", byBackend.body()).isEqualTo(200);
        assertThat(byBackend.text("status")).isEqualTo("completed");
        assertThat(get(paymentId, Http.basic(shop.id(), shop.backendSecret())).status())
                .as("the public half of a hybrid app has no secret").isEqualTo(401);
        assertThat(get(paymentId, otherShop.basic()).status()).isEqualTo(403);
        assertThat(get(paymentId, Http.basic(shop.backendId(), shop.backendSecret() + "x")).status()).isEqualTo(401);
        assertThat(get(paymentId, Http.bearer(payer(otherShop, "1.00").tep())).status()).isEqualTo(404);
    }

    @Test
    void anExpiredPaymentCannotBeAuthorized() {
        User bob = payer(shop, "10.00");
        String paymentId = requested(bob, "5.00");
        db.sql("update payment set expires_at = now() - interval '1 second' where payment_id = :id")
                .bind("id", paymentId).fetch().rowsUpdated().block();
        assertThat(get(paymentId, Http.bearer(bob.tep())).text("status")).isEqualTo("expired");
        String timestamp = Instant.now().toString();
        Http.Response late = authorize(bob, paymentId, bob.sign(paymentId + ":5.00:USD:" + timestamp), bob.deviceId(), timestamp);
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.code()).isEqualTo("PAYMENT_EXPIRED");
        assertThat(STUB.balanceMinor(bob.userId())).isEqualTo(1_000);
    }

    @Test
    void aboveTheThresholdThePayerAnswersAnMfaChallengeAndThreeWrongAnswersLockIt() {
        User carol = payer(shop, "200.00");
        String paymentId = requested(carol, "60.00");
        Http.Response challenged = authorizeNow(carol, paymentId, "60.00");
        assertThat(challenged.status()).as("%s", challenged.body()).isEqualTo(402);
        assertThat(challenged.code()).isEqualTo("MFA_REQUIRED");
        JsonNode details = challenged.body().path("error").path("details");
        String challengeId = details.path("challenge_id").asString();
        assertThat(challengeId).startsWith("mfa_");
        assertThat(details.path("methods").valueStream().map(JsonNode::asString)).contains("pin").doesNotContain("biometric");
        assertThat(details.path("expires_at").asString()).isNotBlank();
        assertThat(get(paymentId, Http.bearer(carol.tep())).text("status")).isEqualTo("mfa_required");

        Http.Response wrong = mfa(carol, paymentId, challengeId, "000000");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("INVALID_MFA_CREDENTIALS");
        assertThat(STUB.balanceMinor(carol.userId())).isEqualTo(20_000);
        Http.Response verified = mfa(carol, paymentId, challengeId, StubWalletAndBridge.PIN);
        assertThat(verified.status()).as("%s", verified.body()).isEqualTo(200);
        assertThat(verified.text("status")).isEqualTo("completed");
        assertThat(STUB.balanceMinor(carol.userId())).isEqualTo(14_000);

        String second = requested(carol, "70.00");
        String secondChallenge = authorizeNow(carol, second, "70.00").body().path("error").path("details")
                .path("challenge_id").asString();
        assertThat(mfa(carol, second, secondChallenge, "111111").code()).isEqualTo("INVALID_MFA_CREDENTIALS");
        assertThat(mfa(carol, second, secondChallenge, "222222").code()).isEqualTo("INVALID_MFA_CREDENTIALS");
        Http.Response locked = mfa(carol, second, secondChallenge, "333333");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo("MFA_LOCKED");
        assertThat(mfa(carol, second, secondChallenge, StubWalletAndBridge.PIN).code()).as("even the right PIN").isEqualTo("MFA_LOCKED");
        Http.Response reauthorized = authorizeNow(carol, second, "70.00");
        assertThat(reauthorized.code()).as("a new authorize does not reset the lock").isEqualTo("MFA_LOCKED");
        assertThat(STUB.balanceMinor(carol.userId())).isEqualTo(14_000);
    }

    @Test
    void refundsArePartialOrFullAndNeverExceedThePaymentEvenWhenConcurrent() {
        User dave = payer(shop, "50.00");
        String paymentId = requested(dave, "30.00");
        assertThat(authorizeNow(dave, paymentId, "30.00").text("status")).isEqualTo("completed");
        assertThat(STUB.balanceMinor(dave.userId())).isEqualTo(2_000);

        assertThat(refund(paymentId, Http.bearer(dave.tep()), "5.00", "r-tep").status())
                .as("the payer's TEP cannot refund").isEqualTo(403);
        assertThat(refund(paymentId, otherShop.basic(), "5.00", "r-other").status()).isEqualTo(403);

        Http.Response partial = refund(paymentId, shop.basic(), "10.00", "r-1");
        assertThat(partial.status()).as("%s", partial.body()).isEqualTo(200);
        assertThat(partial.text("status")).isEqualTo("completed");
        assertThat(partial.text("payment_status")).isEqualTo("partially_refunded");
        assertThat(refund(paymentId, shop.basic(), "10.00", "r-1").text("refund_id"))
                .as("the same key replays the refund").isEqualTo(partial.text("refund_id"));
        assertThat(refund(paymentId, shop.basic(), "9.00", "r-1").status()).isEqualTo(409);
        assertThat(STUB.balanceMinor(dave.userId())).isEqualTo(3_000);

        // 20.00 left; six concurrent refunds of 5.00: exactly four go through
        List<CompletableFuture<Http.Response>> racing = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String key = "r-race-" + i;
            racing.add(CompletableFuture.supplyAsync(() -> refund(paymentId, shop.basic(), "5.00", key)));
        }
        List<Integer> statuses = racing.stream().map(CompletableFuture::join).map(Http.Response::status).toList();
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(4);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(2);
        Http.Response after = get(paymentId, shop.basic());
        assertThat(after.text("status")).isEqualTo("refunded");
        assertThat(after.body().path("refunded_amount").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(STUB.balanceMinor(dave.userId())).isEqualTo(5_000);
        Http.Response more = refund(paymentId, shop.basic(), "0.01", "r-more");
        assertThat(more.status()).isEqualTo(400);
        assertThat(outboxEvents(paymentId, "payment.refunded")).isEqualTo(5);
        assertThat(balanceEvents(paymentId)).as("one wallet.updated per refund, after the payment's own")
                .filteredOn(e -> e.contains("\"reason\":\"refund\"")).hasSize(5);
    }

    @Test
    void aRefundLeftPendingIsReconciledByTheJobAndNoLongerBlocksFurtherRefunds() {
        User gina = payer(shop, "20.00");
        String paymentId = requested(gina, "10.00");
        assertThat(authorizeNow(gina, paymentId, "10.00").text("status")).isEqualTo("completed");
        // a refund of 6.00 reserved, then the service died before the wallet answered; the merchant never calls again
        String refundId = "rfd_lost" + UUID.randomUUID().toString().substring(0, 8);
        db.sql("insert into payment_refund (refund_id, payment_id, idempotency_key, request_hash, amount_minor, currency, "
                        + "status, created_at) values (:id, :payment, 'lost', 'lost', 600, 'USD', 'pending', "
                        + "now() - interval '10 minutes')")
                .bind("id", refundId).bind("payment", paymentId).fetch().rowsUpdated().block();
        assertThat(refund(paymentId, shop.basic(), "5.00", "r-blocked").status()).as("6.00 of 10.00 reserved").isEqualTo(400);

        refundRecovery.recover().block();
        refundRecovery.recover().block();

        assertThat(db.sql("select status from payment_refund where refund_id = :id").bind("id", refundId)
                .map(r -> r.get("status", String.class)).one().block()).isEqualTo("completed");
        assertThat(outboxEvents(paymentId, "payment.refunded")).isEqualTo(1);
        assertThat(STUB.balanceMinor(gina.userId())).isEqualTo(1_600);
        assertThat(refund(paymentId, shop.basic(), "4.00", "r-rest").status()).isEqualTo(200);
        assertThat(STUB.balanceMinor(gina.userId())).isEqualTo(2_000);
    }

    @Test
    void aFullRefundWithoutAnAmountGivesBackWhatIsLeft() {
        User erin = payer(shop, "20.00");
        String paymentId = requested(erin, "12.50");
        assertThat(authorizeNow(erin, paymentId, "12.50").text("status")).isEqualTo("completed");
        Http.Response full = Http.post(base() + "/api/v1/payments/" + paymentId + "/refund", shop.basic(),
                Map.of("reason", "customer_request", "idempotency_key", "full-1"));
        assertThat(full.status()).as("%s", full.body()).isEqualTo(200);
        assertThat(full.body().path("amount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(full.text("payment_status")).isEqualTo("refunded");
        assertThat(STUB.balanceMinor(erin.userId())).isEqualTo(2_000);
    }

    @Test
    void theRecoveryJobCapturesAPaymentLeftBetweenHoldAndCapture() {
        User frank = payer(shop, "20.00");
        String paymentId = requested(frank, "8.00");
        // what a crash right after the hold leaves behind: the hold in the wallet, the payment processing
        String hold = Http.post(STUB.url() + "/internal/v1/holds", Http.bearer(frank.tep()),
                Map.of("reference", "payment:" + paymentId, "amount", 8.00, "currency", "USD", "purpose", "payment"))
                .text("hold_id");
        assertThat(hold).isNotBlank();
        db.sql("update payment set status = 'processing', hold_id = :hold, updated_at = now() - interval '10 minutes' "
                        + "where payment_id = :id")
                .bind("hold", hold).bind("id", paymentId).fetch().rowsUpdated().block();
        assertThat(STUB.balanceMinor(frank.userId())).isEqualTo(1_200);

        assertThat(recovery.recover().block()).isGreaterThanOrEqualTo(1L);
        Http.Response recovered = get(paymentId, Http.bearer(frank.tep()));
        assertThat(recovered.text("status")).isEqualTo("completed");
        assertThat(outboxEvents(paymentId, "payment.completed")).isEqualTo(1);
        assertThat(STUB.balanceMinor(frank.userId())).isEqualTo(1_200);
    }

    private static User payer(Merchant app, String fund) {
        String user = "@payer_" + UUID.randomUUID().toString().substring(0, 8) + ":localhost";
        STUB.fund(user, fund);
        return new User(user, STUB.tep(user, app.id(), null), STUB.device(user));
    }

    /** A new payment of {@code amount} USD requested by {@code payer} under a fresh key; its id. */
    private String requested(User payer, String amount) {
        return post("/api/v1/payments/request", payer.tep(), request(amount, "k-" + UUID.randomUUID(), null)).text("payment_id");
    }

    private Http.Response authorizeNow(User payer, String paymentId, String amount) {
        String timestamp = Instant.now().toString();
        return authorize(payer, paymentId, payer.sign(paymentId + ":" + amount + ":USD:" + timestamp), payer.deviceId(),
                timestamp);
    }

    private Http.Response authorize(User payer, String paymentId, String signature, String deviceId, String timestamp) {
        return post("/api/v1/payments/" + paymentId + "/authorize", payer.tep(),
                Map.of("signature", signature, "device_id", deviceId, "timestamp", timestamp));
    }

    private Http.Response mfa(User payer, String paymentId, String challengeId, String pin) {
        return post("/api/v1/payments/" + paymentId + "/mfa/verify", payer.tep(), Map.of("challenge_id", challengeId,
                "method", "pin", "credentials", Map.of("hashed_pin", StubWalletAndBridge.hashedPin(pin))));
    }

    private Http.Response refund(String paymentId, String authorization, String amount, String key) {
        return Http.post(base() + "/api/v1/payments/" + paymentId + "/refund", authorization,
                Map.of("amount", new BigDecimal(amount), "reason", "customer_request", "idempotency_key", key));
    }

    private Http.Response get(String paymentId, String authorization) {
        return Http.get(base() + "/api/v1/payments/" + paymentId, authorization);
    }

    private Http.Response post(String path, String tep, Object body) {
        return Http.post(base() + path, Http.bearer(tep), body);
    }

    private long outboxEvents(String paymentId, String type) {
        return db.sql("select count(*) as n from outbox_event where event_key = :key and payload like :type")
                .bind("key", paymentId).bind("type", "%\"type\":\"" + type + "\"%")
                .map(r -> ((Number) r.get("n")).longValue()).one().block();
    }

    /** The wallet.updated payloads about one payment (the key is the user, the reference the payment). */
    private List<String> balanceEvents(String paymentId) {
        return db.sql("select payload from outbox_event where topic = 'tmcp.wallet' and payload like :ref order by created_at")
                .bind("ref", "%\"reference\":\"" + paymentId + "\"%")
                .map(r -> r.get("payload", String.class)).all().collectList().block();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static Map<String, Object> request(String amount, String key, List<Map<String, Object>> items) {
        Map<String, Object> body = new HashMap<>(Map.of("amount", new BigDecimal(amount), "currency", "USD",
                "description", "Order " + key, "merchant_order_id", "ORDER-" + key, "idempotency_key", key));
        if (items != null) {
            body.put("items", items);
        }
        return body;
    }
}
