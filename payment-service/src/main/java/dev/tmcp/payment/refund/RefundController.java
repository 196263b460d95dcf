package dev.tmcp.payment.refund;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.payment.payment.MerchantBackends;
import jakarta.validation.Valid;
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
    Mono<RefundView> refund(@RequestHeader HttpHeaders headers, @PathVariable String paymentId,
            @Valid @RequestBody RefundRequest request) {
        if (!MerchantBackends.presented(headers)) {
            return Mono.error(new TmcpException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                    "Refunds are made by the merchant mini-app's backend with its client credentials (HTTP Basic)"));
        }
        return backends.authenticate(headers)
                .flatMap(merchant -> refunds.refund(merchant, paymentId, request))
                .map(RefundView::of);
    }
}
