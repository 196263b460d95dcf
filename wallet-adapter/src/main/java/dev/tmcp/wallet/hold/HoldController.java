package dev.tmcp.wallet.hold;

import dev.tmcp.core.money.Money;
import dev.tmcp.web.internal.ServiceCredentials;
import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Holds for payment-service (docs/internal/wallet-internal-api.md): the payer's own TEP takes money
 * into a hold; payment-service's service credentials settle it.
 */
@RestController
class HoldController {

    private final Holds holds;
    private final ServiceCredentials paymentService;

    HoldController(Holds holds, ServiceCredentials paymentService) {
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

    @PostMapping("/internal/v1/holds")
    Mono<Map<String, Object>> hold(TepPrincipal payer, @Valid @RequestBody HoldRequest request) {
        payer.requireScope("wallet:pay");
        Money amount = Money.parsePositive(request.amount(), request.currency());
        return holds.hold(payer.userId().value(), request.reference(), amount, request.purpose()).map(HoldController::view);
    }

    @GetMapping("/internal/v1/holds/{holdId}")
    Mono<Map<String, Object>> get(@RequestHeader HttpHeaders headers, @PathVariable String holdId) {
        paymentService.require(headers);
        return holds.get(holdId).map(HoldController::view);
    }

    @PostMapping("/internal/v1/holds/{holdId}/capture")
    Mono<Map<String, Object>> capture(@RequestHeader HttpHeaders headers, @PathVariable String holdId,
            @Valid @RequestBody CaptureRequest request) {
        paymentService.require(headers);
        return holds.capture(holdId, request.reference(), request.recipient(),
                Money.parsePositive(request.amount(), request.currency()));
    }

    @PostMapping("/internal/v1/holds/{holdId}/release")
    Mono<Map<String, Object>> release(@RequestHeader HttpHeaders headers, @PathVariable String holdId,
            @Valid @RequestBody ReleaseRequest request) {
        paymentService.require(headers);
        Money amount = request.amount() == null ? null : Money.parsePositive(request.amount(), request.currency());
        return holds.release(holdId, request.reference(), amount);
    }

    static Map<String, Object> view(Hold hold) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hold_id", hold.holdId());
        body.put("owner_user_id", hold.ownerUserId());
        body.put("wallet_id", hold.walletId());
        body.put("purpose", hold.purpose());
        body.put("amount", hold.amount().toDecimal());
        body.put("remaining", Money.ofMinor(hold.remainingMinor(), hold.amount().currencyCode()).toDecimal());
        body.put("currency", hold.amount().currencyCode());
        body.put("status", hold.status());
        return body;
    }
}
