package dev.tmcp.wallet.transfer;

import dev.tmcp.core.money.Money;
import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Money movement for payment-service. It calls with the paying user's TEP and PIN proof, so the
 * payer is always the token's subject and has authorized this movement: a service cannot move
 * someone else's money by naming them, nor a token holder without the PIN.
 */
@RestController
class InternalTransferController {

    private final Transfers transfers;

    InternalTransferController(Transfers transfers) {
        this.transfers = transfers;
    }

    /** The payer's PIN proof travels with the movement, so no caller can move money without it. */
    record TransferRequest(@NotBlank String reference, @NotBlank String recipientUserId, @NotNull BigDecimal amount,
            @NotBlank String currency, @NotBlank String hashedPin) {

        @Override
        public String toString() {
            return "TransferRequest[" + reference + "]";
        }
    }

    @PostMapping("/internal/v1/transfers")
    Mono<Map<String, Object>> transfer(TepPrincipal payer, @Valid @RequestBody TransferRequest request) {
        payer.requireScope("wallet:pay");
        Money amount = Money.parsePositive(request.amount(), request.currency());
        return transfers.verifyPin(payer, request.hashedPin())
                .then(transfers.transfer(payer, request.reference(), request.recipientUserId(), amount));
    }
}
