package dev.tmcp.payment.p2p;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.p2p.P2pTransferCompleted;
import dev.tmcp.core.id.Ids;
import dev.tmcp.core.id.RoomId;
import dev.tmcp.core.id.UserId;
import dev.tmcp.core.money.Money;
import dev.tmcp.payment.failures.PaymentFailures;
import dev.tmcp.payment.wallet.WalletClient;
import dev.tmcp.web.outbox.OutboxWriter;
import dev.tmcp.web.tep.TepPrincipal;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * P2P transfers. Initiation is idempotent per (sender, idempotency key): the same key with the
 * same request replays the stored transfer, with a different request is refused. Confirmation
 * moves the money through wallet-adapter under the transfer id as ledger reference, then marks
 * the transfer completed and writes {@code p2p.completed} to the outbox in one transaction; a
 * confirmation retried after a crash finds the ledger movement already made and finishes.
 */
@Service
class P2pService {

    static final List<String> METHODS = List.of("biometric", "pin", "otp");

    private final P2pRepository transfers;
    private final WalletClient wallet;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;

    private final PaymentFailures failures;

    P2pService(P2pRepository transfers, WalletClient wallet, OutboxWriter outbox, TransactionalOperator tx,
            PaymentFailures failures) {
        this.failures = failures;
        this.transfers = transfers;
        this.wallet = wallet;
        this.outbox = outbox;
        this.tx = tx;
    }

    Mono<P2pTransfer> initiate(TepPrincipal sender, P2pRequests.Initiate request) {
        if (!UserId.isValid(request.recipient())) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "recipient must be a Matrix user id"));
        }
        if (sender.userId().value().equals(request.recipient())) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "Cannot transfer to yourself"));
        }
        Money amount = Money.parsePositive(request.amount(), request.currency());
        String roomId = request.roomId() != null ? request.roomId() : (String) sender.miniappContext().get("room_id");
        if (roomId != null && !RoomId.isValid(roomId)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "room_id must be a Matrix room id"));
        }
        String hash = requestHash(request.recipient(), amount, roomId, request.note());
        P2pTransfer candidate = new P2pTransfer(Ids.next("p2p_"), request.idempotencyKey(), hash,
                sender.userId().value(), request.recipient(), amount, roomId, request.note(),
                P2pTransfer.PENDING_AUTHORIZATION, null, null, null, null, Instant.now());
        return transfers.insertOrGet(candidate)
                .flatMap(stored -> stored.requestHash().equals(hash)
                        ? Mono.just(stored)
                        : Mono.error(new TmcpException(ErrorCode.DUPLICATE_TRANSACTION,
                                "This idempotency key was already used for a different transfer")));
    }

    Mono<P2pTransfer> confirm(TepPrincipal sender, String transferId, P2pRequests.AuthProof proof) {
        return own(sender, transferId).flatMap(transfer -> {
            if (P2pTransfer.COMPLETED.equals(transfer.status())) {
                return Mono.just(transfer);
            }
            if (!P2pTransfer.PENDING_AUTHORIZATION.equals(transfer.status())) {
                return Mono.error(new TmcpException(ErrorCode.INVALID_STATE, "Transfer is " + transfer.status()));
            }
            String payer = sender.userId().value();
            return failures.requireNotLocked(payer)
                    .then(Mono.fromSupplier(() -> walletProof(transfer, proof)))
                    .flatMap(walletProof -> wallet.transfer(sender, transfer.transferId(), transfer.recipientUserId(),
                                    transfer.amount().toDecimal(), transfer.amount().currencyCode(), walletProof)
                            .onErrorResume(e -> failures.recordAndRethrow(payer, e)))
                    .flatMap(moved -> tx.transactional(complete(transfer, moved)));
        });
    }

    Mono<P2pTransfer> get(TepPrincipal caller, String transferId) {
        return transfers.find(transferId)
                .filter(t -> t.senderUserId().equals(caller.userId().value())
                        || t.recipientUserId().equals(caller.userId().value()))
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.TRANSFER_NOT_FOUND, "No such transfer")));
    }

    private Mono<P2pTransfer> own(TepPrincipal sender, String transferId) {
        return transfers.find(transferId)
                .filter(t -> t.senderUserId().equals(sender.userId().value()))
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.TRANSFER_NOT_FOUND, "No such transfer")));
    }

    /** Spec 7.2.4: a device signature covers {@code transfer_id:amount:currency:timestamp}. */
    private static WalletClient.AuthProof walletProof(P2pTransfer transfer, P2pRequests.AuthProof proof) {
        Object timestamp = proof.proof().get("timestamp");
        String message = transfer.transferId() + ":" + transfer.amount().toDecimal().toPlainString() + ":"
                + transfer.amount().currencyCode() + ":" + timestamp;
        return new WalletClient.AuthProof(proof.method(), proof.proof(), message);
    }

    private Mono<P2pTransfer> complete(P2pTransfer transfer, WalletClient.TransferResult moved) {
        return transfers.findForUpdate(transfer.transferId()).flatMap(current -> {
            if (P2pTransfer.COMPLETED.equals(current.status())) {
                return Mono.just(current);
            }
            EventEnvelope event = EventCodec.envelope(P2pTransferCompleted.TYPE, "payment-service",
                    transfer.transferId(), completedEvent(transfer, moved));
            return transfers.complete(transfer.transferId(), moved.senderWalletId(), moved.recipientWalletId(),
                            moved.ledgerTxnId(), event.id())
                    .then(outbox.append(Topics.P2P, event))
                    .then(transfers.find(transfer.transferId()));
        });
    }

    private static P2pTransferCompleted completedEvent(P2pTransfer t, WalletClient.TransferResult moved) {
        return new P2pTransferCompleted(t.transferId(), t.amount().toDecimal(), t.amount().currencyCode(),
                new P2pTransferCompleted.Party(t.senderUserId(), moved.senderWalletId()),
                new P2pTransferCompleted.Party(t.recipientUserId(), moved.recipientWalletId()),
                t.roomId(), P2pTransfer.COMPLETED, false, t.note(), Instant.now().toString());
    }

    private static String requestHash(String recipient, Money amount, String roomId, String note) {
        return Digests.sha256Hex(recipient + "|" + amount.minorUnits() + "|" + amount.currencyCode() + "|" + roomId + "|" + note);
    }
}
