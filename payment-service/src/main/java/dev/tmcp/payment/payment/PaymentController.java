package dev.tmcp.payment.payment;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.tep.TepPrincipal;
import dev.tmcp.web.tep.TepVerifier;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Spec 7.3 and 7.6: request, authorize (with its MFA step) and read mini-app payments. */
@RestController
class PaymentController {

    private final PaymentRequestService requests;
    private final PaymentAuthorization authorization;
    private final PaymentRepository payments;
    private final MerchantBackends backends;
    private final TepVerifier verifier;

    PaymentController(PaymentRequestService requests, PaymentAuthorization authorization, PaymentRepository payments,
            MerchantBackends backends, TepVerifier verifier) {
        this.requests = requests;
        this.authorization = authorization;
        this.payments = payments;
        this.backends = backends;
        this.verifier = verifier;
    }

    @PostMapping("/api/v1/payments/request")
    Mono<PaymentView> request(TepPrincipal payer, @Valid @RequestBody PaymentRequests.Create request) {
        payer.requireScope("wallet:pay");
        return requests.request(payer, request).map(PaymentView::of);
    }

    @PostMapping("/api/v1/payments/{paymentId}/authorize")
    Mono<PaymentView> authorize(TepPrincipal payer, @PathVariable String paymentId,
            @Valid @RequestBody PaymentRequests.Authorize request) {
        return authorization.authorize(payer, paymentId, request).map(PaymentView::of);
    }

    @PostMapping("/api/v1/payments/{paymentId}/mfa/verify")
    Mono<PaymentView> verifyMfa(TepPrincipal payer, @PathVariable String paymentId,
            @Valid @RequestBody PaymentRequests.MfaVerify request) {
        return authorization.verifyMfa(payer, paymentId, request).map(PaymentView::of);
    }

    /** The payer with a TEP, or the merchant mini-app's backend with its client credentials (spec 9.1.2). */
    @GetMapping("/api/v1/payments/{paymentId}")
    Mono<PaymentView> get(@RequestHeader HttpHeaders headers, @PathVariable String paymentId) {
        Mono<Payment> payment = payments.find(paymentId)
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.PAYMENT_NOT_FOUND, "No such payment")));
        if (MerchantBackends.presented(headers)) {
            return backends.authenticate(headers).flatMap(miniappId -> payment.flatMap(p -> p.miniappId().equals(miniappId)
                    ? Mono.just(PaymentView.of(p))
                    : Mono.error(new TmcpException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                            "This payment belongs to another mini-app"))));
        }
        return verifier.verifyTep(headers.getFirst(HttpHeaders.AUTHORIZATION))
                .flatMap(caller -> payment.filter(p -> p.payerUserId().equals(caller.userId().value()))
                        .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.PAYMENT_NOT_FOUND, "No such payment"))))
                .map(PaymentView::of);
    }
}
