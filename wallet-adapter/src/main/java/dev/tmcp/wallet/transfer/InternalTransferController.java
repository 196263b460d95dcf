package dev.tmcp.wallet.transfer;

import dev.tmcp.core.money.Money;
import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Money movement for payment-service. It calls with the paying user's TEP, so the payer is always
 * the token's subject: a service cannot move someone else's money by naming them.
 */
@RestController
class InternalTransferController {

    private final Transfers transfers;

    InternalTransferController(Transfers transfers) {
        this.transfers = transfers;
    }

    record PinCheck(@NotBlank String hashedPin) {
    }

    record TransferRequest(@NotBlank String reference, @NotBlank String recipientUserId, @NotNull BigDecimal amount,
            @NotBlank String currency) {
    }

    @PostMapping("/internal/v1/pin/verify")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> verifyPin(TepPrincipal payer, @Valid @RequestBody PinCheck check) {
        return transfers.verifyPin(payer, check.hashedPin());
    }

    @PostMapping("/internal/v1/transfers")
    Mono<Map<String, Object>> transfer(TepPrincipal payer, @Valid @RequestBody TransferRequest request) {
        payer.requireScope("wallet:pay");
        Money amount = Money.parsePositive(request.amount(), request.currency());
        return transfers.transfer(payer, request.reference(), request.recipientUserId(), amount);
    }
}
