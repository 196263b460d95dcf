package dev.tmcp.payment.payment;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Response bodies of spec 7.3.1 (request), 7.3.3 (completion) and the status read. */
final class PaymentViews {

    private PaymentViews() {
    }

    static Map<String, Object> of(Payment p) {
        Instant now = Instant.now();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("payment_id", p.paymentId());
        PaymentStatus status = p.visibleStatus(now);
        body.put("status", status.wire());
        if (p.txnId() != null) {
            body.put("txn_id", p.txnId());
        }
        body.put("amount", p.amount().toDecimal());
        body.put("currency", p.amount().currencyCode());
        if (p.description() != null) {
            body.put("description", p.description());
        }
        if (p.merchantOrderId() != null) {
            body.put("merchant_order_id", p.merchantOrderId());
        }
        Map<String, Object> payer = new LinkedHashMap<>();
        payer.put("user_id", p.payerUserId());
        if (p.payerWalletId() != null) {
            payer.put("wallet_id", p.payerWalletId());
        }
        body.put("payer", payer);
        Map<String, Object> merchant = new LinkedHashMap<>();
        merchant.put("miniapp_id", p.miniappId());
        if (p.merchantWalletId() != null) {
            merchant.put("wallet_id", p.merchantWalletId());
        }
        body.put("merchant", merchant);
        if (status.awaitingPayer()) {
            body.put("authorization_required", true);
        }
        if (p.refundedMinor() > 0) {
            body.put("refunded_amount", dev.tmcp.core.money.Money.ofMinor(p.refundedMinor(), p.amount().currencyCode())
                    .toDecimal());
        }
        if (p.errorCode() != null) {
            body.put("error", Map.of("code", p.errorCode(), "message", p.errorMessage() == null ? "" : p.errorMessage()));
        }
        body.put("expires_at", p.expiresAt().toString());
        body.put("created_at", p.createdAt().toString());
        if (p.completedAt() != null) {
            body.put("completed_at", p.completedAt().toString());
        }
        return body;
    }
}
