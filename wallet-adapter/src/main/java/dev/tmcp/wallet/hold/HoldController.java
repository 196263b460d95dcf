package dev.tmcp.wallet.hold;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.ledger.hold.Holds;
import dev.tmcp.wallet.provider.HoldProvider;
import dev.tmcp.web.internal.ServiceCredentials;
import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Holds for payment-service (docs/internal/wallet-internal-api.md): the payer's own TEP takes money
 * into a hold; payment-service's service credentials settle it.
 */
@RestController
class HoldController {

    private final HoldProvider holds;
    private final ServiceCredentials paymentService;

    HoldController(HoldProvider holds, ServiceCredentials paymentService) {
        this.holds = holds;
        this.paymentService = paymentService;
    }

    record HoldRequest(@NotBlank String reference, @NotNull BigDecimal amount, @NotBlank String currency,
            @NotBlank String purpose) {
    }

    record CaptureRequest(@NotBlank String reference, @NotBlank String recipient, @NotNull BigDecimal amount,
            @NotBlank String currency) {
    }

    record ReleaseRequest(@NotBlank String reference, BigDecimal amount, @NotBlank String currency) {
    }

    record Captured(String ledgerTxnId, String recipientWalletId, String recipientStatus, BigDecimal remaining) {
    }

    record Released(String ledgerTxnId, BigDecimal released, BigDecimal remaining) {
    }

    @PostMapping("/internal/v1/holds")
    Mono<HoldProvider.Hold> hold(TepPrincipal payer, @Valid @RequestBody HoldRequest request) {
        payer.requireScope("wallet:pay");
        Money amount = Money.parsePositive(request.amount(), request.currency());
        return holds.hold(payer.userId().value(), request.reference(), amount, request.purpose());
    }

    /** For a caller that lost the answer to its hold request: the hold taken under its reference. */
    @GetMapping("/internal/v1/holds")
    Mono<HoldProvider.Hold> byReference(@RequestHeader HttpHeaders headers, @RequestParam String reference) {
        paymentService.require(headers);
        return holds.holdByReference(reference)
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.NOT_FOUND, "No hold under this reference")));
    }

    @GetMapping("/internal/v1/holds/{holdId}")
    Mono<HoldProvider.Hold> get(@RequestHeader HttpHeaders headers, @PathVariable String holdId) {
        paymentService.require(headers);
        return holds.getHold(holdId);
    }

    @PostMapping("/internal/v1/holds/{holdId}/capture")
    Mono<Captured> capture(@RequestHeader HttpHeaders headers, @PathVariable String holdId,
            @Valid @RequestBody CaptureRequest request) {
        paymentService.require(headers);
        return holds.capture(holdId, request.reference(), request.recipient(),
                Money.parsePositive(request.amount(), request.currency())).map(m -> new Captured(m.ledgerTxnId(),
                        m.toWalletId(), m.toStatus(), m.remaining()));
    }

    @PostMapping("/internal/v1/holds/{holdId}/release")
    Mono<Released> release(@RequestHeader HttpHeaders headers, @PathVariable String holdId,
            @Valid @RequestBody ReleaseRequest request) {
        paymentService.require(headers);
        Money amount = request.amount() == null ? null : Money.parsePositive(request.amount(), request.currency());
        return holds.release(holdId, request.reference(), amount)
                .map(m -> new Released(m.ledgerTxnId(), m.amount(), m.remaining()));
    }
}
