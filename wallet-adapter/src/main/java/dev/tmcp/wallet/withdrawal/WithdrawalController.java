package dev.tmcp.wallet.withdrawal;

import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.input.Inputs;
import dev.tmcp.wallet.provider.ExternalProvider;
import dev.tmcp.wallet.provider.ProofProvider;
import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Spec 6.6: a user withdraws to their own verified external account. Initiation holds the amount;
 * approval needs the user's payment proof (the same methods as a payment) and pays it out; until
 * then the user may cancel it, and it expires after the approval deadline (ADR 0038).
 */
@RestController
class WithdrawalController {

    private final ExternalProvider withdrawals;
    private final ProofProvider proofs;

    WithdrawalController(ExternalProvider withdrawals, ProofProvider proofs) {
        this.withdrawals = withdrawals;
        this.proofs = proofs;
    }

    record InitiateRequest(@NotBlank @Size(max = Inputs.MAX_ID) @Pattern(regexp = Inputs.PRINTABLE) String destinationAccountId,
            @NotNull BigDecimal amount, @NotBlank String currency,
            @NotBlank @Size(max = 100) @Pattern(regexp = Inputs.PRINTABLE) String idempotencyKey) {
    }

    record ApproveRequest(@NotNull @Valid ApprovalData approvalData) {
    }

    record ApprovalData(@NotBlank String method, @NotNull Map<String, Object> proof) {

        @Override
        public String toString() {
            return "ApprovalData[" + method + "]";
        }
    }

    @PostMapping("/wallet/v1/withdrawals")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ExternalProvider.Withdrawal> initiate(TepPrincipal user, @Valid @RequestBody InitiateRequest request) {
        user.requireScope("wallet:pay");
        return withdrawals.initiateWithdrawal(user.userId().value(), request.destinationAccountId(),
                Money.parsePositive(request.amount(), request.currency()), request.idempotencyKey());
    }

    /** A signature proof covers {@code withdrawal_id:amount:currency:timestamp}, like a payment's. */
    @PostMapping("/wallet/v1/withdrawals/{withdrawalId}/approve")
    Mono<ExternalProvider.Withdrawal> approve(TepPrincipal user, @PathVariable String withdrawalId,
            @Valid @RequestBody ApproveRequest request) {
        user.requireScope("wallet:pay");
        Inputs.id(withdrawalId, "No such withdrawal");
        String userId = user.userId().value();
        ApprovalData approval = request.approvalData();
        return withdrawals.withdrawal(userId, withdrawalId)
                .flatMap(w -> proofs.verifyProof(userId, approval.method(), approval.proof(),
                        withdrawalId + ":" + w.amount().toPlainString() + ":" + w.currency() + ":"
                                + approval.proof().get("timestamp")))
                .then(withdrawals.approveWithdrawal(userId, withdrawalId));
    }

    /** ADR 0038: a withdrawal not yet approved may be given up; the held amount returns at once. */
    @PostMapping("/wallet/v1/withdrawals/{withdrawalId}/cancel")
    Mono<ExternalProvider.Withdrawal> cancel(TepPrincipal user, @PathVariable String withdrawalId) {
        user.requireScope("wallet:pay");
        return withdrawals.cancelWithdrawal(user.userId().value(), withdrawalId);
    }

    @GetMapping("/wallet/v1/withdrawals/{withdrawalId}")
    Mono<ExternalProvider.Withdrawal> get(TepPrincipal user, @PathVariable String withdrawalId) {
        user.requireScope("wallet:balance");
        return withdrawals.withdrawal(user.userId().value(), Inputs.id(withdrawalId, "No such withdrawal"));
    }
}
