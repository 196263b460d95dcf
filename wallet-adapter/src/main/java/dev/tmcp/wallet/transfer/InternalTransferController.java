package dev.tmcp.wallet.transfer;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.provider.HoldProvider;
import dev.tmcp.wallet.provider.PresentedProof;
import dev.tmcp.wallet.provider.ProofProvider;
import dev.tmcp.wallet.roomcontext.RoomContextClient;
import dev.tmcp.web.internal.ServiceCredentials;
import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Money movement for payment-service. A transfer comes with the paying user's TEP and their
 * authorization proof, so the payer is always the token's subject and has authorized this
 * movement: a service cannot move someone else's money by naming them, nor a token holder
 * without the proof. Refunds come from a mini-app's merchant wallet with service credentials.
 */
@RestController
class InternalTransferController {

    private final HoldProvider transfers;
    private final ProofProvider proofs;
    private final RoomContextClient rooms;
    private final ServiceCredentials paymentService;

    InternalTransferController(HoldProvider transfers, ProofProvider proofs, RoomContextClient rooms, ServiceCredentials paymentService) {
        this.transfers = transfers;
        this.proofs = proofs;
        this.rooms = rooms;
        this.paymentService = paymentService;
    }

    record TransferRequest(@NotBlank String reference, @NotBlank String recipientUserId, @NotNull BigDecimal amount,
            @NotBlank String currency, @NotNull @Valid PresentedProof authProof) {
    }

    record RefundRequest(@NotBlank String reference, @NotBlank String merchant, @NotBlank String recipient,
            @NotNull BigDecimal amount, @NotBlank String currency) {
    }

    record Transferred(String ledgerTxnId, String senderWalletId, String recipientWalletId, String recipientStatus) {

        static Transferred from(HoldProvider.Movement m) {
            return new Transferred(m.ledgerTxnId(), m.fromWalletId(), m.toWalletId(), m.toStatus());
        }
    }

    record Refunded(String ledgerTxnId, String recipientWalletId, BigDecimal availableAfter) {
    }

    @PostMapping("/internal/v1/transfers")
    Mono<Transferred> transfer(TepPrincipal payer, @Valid @RequestBody TransferRequest request) {
        payer.requireScope("wallet:pay");
        Money amount = Money.parsePositive(request.amount(), request.currency());
        PresentedProof proof = request.authProof();
        if (!UserId.isValid(request.recipientUserId())) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "recipient must be a Matrix user id"));
        }
        // Money only goes to people the homeserver knows: a typo must not create a wallet nobody owns.
        return proofs.verifyProof(payer.userId().value(), proof.method(), proof.proof(), proof.message())
                .then(rooms.user(payer, request.recipientUserId()))
                .then(transfers.transfer(payer.userId().value(), request.reference(), request.recipientUserId(), amount))
                .map(Transferred::from);
    }

    /** For a caller whose transfer request lost its answer (a crash, a timeout): did the money move? */
    @GetMapping("/internal/v1/transfers")
    Mono<Transferred> transferByReference(@RequestHeader HttpHeaders headers, @RequestParam String reference) {
        paymentService.require(headers);
        return transfers.transferByReference(reference)
                .map(Transferred::from)
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.NOT_FOUND, "No transfer under this reference")));
    }

    @PostMapping("/internal/v1/refunds")
    Mono<Refunded> refund(@RequestHeader HttpHeaders headers, @Valid @RequestBody RefundRequest request) {
        paymentService.require(headers);
        return transfers.refund(request.reference(), request.merchant(), request.recipient(),
                Money.parsePositive(request.amount(), request.currency()))
                .map(m -> new Refunded(m.ledgerTxnId(), m.toWalletId(), m.toAvailableAfter()));
    }
}
