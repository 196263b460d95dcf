package dev.tmcp.payment.refund;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.payment.payment.MerchantBackends;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/payments/{payment_id}/refund} (spec 7.4), for the merchant mini-app's backend
 * with its client credentials. A TEP is refused: it lives on the payer's device, and the payer must
 * not be able to refund themselves (decision 0022).
 */
@RestController
class RefundController {

    private final Refunds refunds;
    private final MerchantBackends backends;

    RefundController(Refunds refunds, MerchantBackends backends) {
        this.refunds = refunds;
        this.backends = backends;
    }

    @PostMapping("/api/v1/payments/{paymentId}/refund")
    Mono<Map<String, Object>> refund(@RequestHeader HttpHeaders headers, @PathVariable String paymentId,
            @Valid @RequestBody RefundRequest request) {
        if (!MerchantBackends.presented(headers)) {
            return Mono.error(new TmcpException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                    "Refunds are made by the merchant mini-app's backend with its client credentials (HTTP Basic)"));
        }
        return backends.authenticate(headers)
                .flatMap(merchant -> refunds.refund(merchant, paymentId, request))
                .map(RefundController::view);
    }

    private static Map<String, Object> view(Refunds.Outcome outcome) {
        Refund r = outcome.refund();
        var payment = outcome.payment();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("refund_id", r.refundId());
        body.put("payment_id", r.paymentId());
        body.put("status", r.status().wire());
        body.put("amount", r.amount().toDecimal());
        body.put("currency", r.amount().currencyCode());
        if (r.reason() != null) {
            body.put("reason", r.reason());
        }
        if (r.notes() != null) {
            body.put("notes", r.notes());
        }
        if (r.txnId() != null) {
            body.put("txn_id", r.txnId());
        }
        body.put("payment_status", payment.status().wire());
        String currency = payment.amount().currencyCode();
        body.put("refunded_amount", Money.ofMinor(payment.refundedMinor(), currency).toDecimal());
        body.put("created_at", r.createdAt().toString());
        if (r.completedAt() != null) {
            body.put("completed_at", r.completedAt().toString());
        }
        return body;
    }
}
