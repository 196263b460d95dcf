package dev.tmcp.payment.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.tmcp.core.money.Money;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The payment answers as JSON, with the mapper settings of tmcp-defaults.yml (snake_case, nulls left out). */
class PaymentViewJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-01-01T00:05:00Z");

    @Test
    void aRequestedPaymentAwaitsItsPayer() {
        Payment requested = new Payment("pay_1", "key", "hash", "@alice:test", null, "ma_shop", null,
                Money.ofMinor(1500, "USD"), "Coffee", null, null, null, null, PaymentStatus.PENDING_AUTHORIZATION, null,
                false, null, null, 0, null, null, null, EXPIRES, null, null, CREATED);

        assertThat(JSON.writeValueAsString(PaymentView.of(requested, CREATED)))
                .isEqualTo("{\"payment_id\":\"pay_1\",\"status\":\"pending_authorization\",\"amount\":15.00,"
                        + "\"currency\":\"USD\",\"description\":\"Coffee\",\"payer\":{\"user_id\":\"@alice:test\"},"
                        + "\"merchant\":{\"miniapp_id\":\"ma_shop\"},\"authorization_required\":true,"
                        + "\"expires_at\":\"2026-01-01T00:05:00Z\",\"created_at\":\"2026-01-01T00:00:00Z\"}");
    }

    @Test
    void aWaitingPaymentPastItsExpiryReadsExpired() {
        Payment late = new Payment("pay_1", "key", "hash", "@alice:test", null, "ma_shop", null,
                Money.ofMinor(1500, "USD"), null, null, null, null, null, PaymentStatus.MFA_REQUIRED, null,
                false, null, null, 0, null, null, null, EXPIRES, null, null, CREATED);

        assertThat(JSON.writeValueAsString(PaymentView.of(late, EXPIRES.plusSeconds(1))))
                .contains("\"status\":\"expired\"").doesNotContain("authorization_required");
    }

    @Test
    void aCompletedPartlyRefundedPaymentHasBothWalletsItsTxnAndTheRefundedAmount() {
        Payment refunded = new Payment("pay_2", "key", "hash", "@alice:test", "tw_alice", "ma_shop", "tw_shop",
                Money.ofMinor(2000, "USD"), null, "order-7", null, null, null, PaymentStatus.PARTIALLY_REFUNDED, null,
                false, "hold_1", "txn_1", 500, null, null, "evt_1", EXPIRES, CREATED.plusSeconds(10),
                CREATED.plusSeconds(11), CREATED);

        assertThat(JSON.writeValueAsString(PaymentView.of(refunded, CREATED)))
                .isEqualTo("{\"payment_id\":\"pay_2\",\"status\":\"partially_refunded\",\"txn_id\":\"txn_1\","
                        + "\"amount\":20.00,\"currency\":\"USD\",\"merchant_order_id\":\"order-7\","
                        + "\"payer\":{\"user_id\":\"@alice:test\",\"wallet_id\":\"tw_alice\"},"
                        + "\"merchant\":{\"miniapp_id\":\"ma_shop\",\"wallet_id\":\"tw_shop\"},\"refunded_amount\":5.00,"
                        + "\"expires_at\":\"2026-01-01T00:05:00Z\",\"created_at\":\"2026-01-01T00:00:00Z\","
                        + "\"completed_at\":\"2026-01-01T00:00:11Z\"}");
    }

    @Test
    void aFailedPaymentCarriesItsErrorWithAnEmptyMessageWhenNoneWasStored() {
        Payment failed = new Payment("pay_3", "key", "hash", "@alice:test", "tw_alice", "ma_shop", null,
                Money.ofMinor(100, "USD"), null, null, null, null, null, PaymentStatus.FAILED, null,
                false, null, null, 0, "INSUFFICIENT_FUNDS", null, null, EXPIRES, null, null, CREATED);

        assertThat(JSON.writeValueAsString(PaymentView.of(failed, CREATED)))
                .contains("\"error\":{\"code\":\"INSUFFICIENT_FUNDS\",\"message\":\"\"},\"expires_at\"");
    }
}
