package dev.tmcp.payment.p2p;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.id.Ids;
import dev.tmcp.core.id.RoomId;
import dev.tmcp.core.id.UserId;
import dev.tmcp.core.money.Money;
import dev.tmcp.payment.failures.PaymentFailures;
import dev.tmcp.payment.rooms.RoomMembership;
import dev.tmcp.payment.wallet.PayerProof;
import dev.tmcp.payment.wallet.WalletClient;
import dev.tmcp.web.idempotency.Idempotent;
import dev.tmcp.web.tep.TepPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * P2P transfers (spec 7.2). Initiation asks the wallet for the sender's authorization methods and
 * the acceptance policy and is idempotent per (sender, idempotency key). Confirmation verifies the
 * proof in the wallet and then either moves the money at once or, when the recipient must accept,
 * takes it into a hold; both run under the transfer id as ledger reference, so a confirmation
 * retried after any crash finds the movement already made and finishes. The status change and its
 * events are written in one transaction.
 */
@Service
class P2pService {

    private final P2pRepository transfers;
    private final WalletClient wallet;
    private final P2pEvents events;
    private final TransactionalOperator tx;
    private final PaymentFailures failures;
    private final RoomMembership rooms;
    private final Duration acceptanceWindow;
    private final Duration authorizationDeadline;

    P2pService(P2pRepository transfers, WalletClient wallet, P2pEvents events, TransactionalOperator tx,
            PaymentFailures failures, RoomMembership rooms,
            @Value("${tmcp.payment.p2p.acceptance-window:24h}") Duration acceptanceWindow,
            @Value("${tmcp.payment.p2p.authorization-deadline:10m}") Duration authorizationDeadline) {
        this.authorizationDeadline = authorizationDeadline;
        this.transfers = transfers;
        this.rooms = rooms;
        this.wallet = wallet;
        this.events = events;
        this.tx = tx;
        this.failures = failures;
        this.acceptanceWindow = acceptanceWindow;
    }

    record Initiated(P2pTransfer transfer, List<String> availableMethods) {
    }

    Mono<Initiated> initiate(TepPrincipal sender, P2pRequests.Initiate request) {
        if (!UserId.isValid(request.recipient())) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "recipient must be a Matrix user id"));
        }
        if (sender.userId().value().equals(request.recipient())) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "Cannot transfer to yourself"));
        }
        Money amount = Money.parsePositive(request.amount(), request.currency());
        Object launchRoom = sender.miniappContext().get("room_id");
        String roomId = request.roomId() != null ? request.roomId() : launchRoom == null ? null : launchRoom.toString();
        if (roomId != null && !RoomId.isValid(roomId)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "room_id must be a Matrix room id"));
        }
        String hash = requestHash(request.recipient(), amount, roomId, request.note());
        // The card goes to this room: only a member may send one there (decision 0026).
        return rooms.requireMember(sender, roomId).then(
                wallet.policy(sender, amount, UserId.of(request.recipient()))).flatMap(policy -> {
            if ("suspended".equals(policy.recipientStatus())) {
                return Mono.error(new TmcpException(ErrorCode.USER_SUSPENDED, "Recipient account is suspended"));
            }
            P2pTransfer candidate = new P2pTransfer(Ids.next("p2p_"), request.idempotencyKey(), hash,
                    sender.userId().value(), request.recipient(), amount, roomId, request.note(),
                    P2pStatus.PENDING_AUTHORIZATION, null, policy.recipientWalletId(), null, null, Instant.now(),
                    policy.recipientAcceptanceRequired(), policy.recipientStatus(), null, null, null, null,
                    policy.activationUrl());
            return Idempotent.insertOrReplay(transfers.insert(candidate),
                            transfers.byKey(candidate.senderUserId(), candidate.idempotencyKey()),
                            stored -> stored.requestHash().equals(hash),
                            "This idempotency key was already used for a different transfer")
                    .map(stored -> new Initiated(stored, policy.availableMethods()));
        });
    }

    Mono<P2pTransfer> confirm(TepPrincipal sender, String transferId, PayerProof proof) {
        return own(sender, transferId).flatMap(transfer -> {
            if (P2pTransitions.confirm(transfer, Instant.now(), authorizationDeadline) == P2pTransitions.Step.ANSWER) {
                return Mono.just(transfer);
            }
            String payer = sender.userId().value();
            WalletClient.AuthProof walletProof = walletProof(transfer, proof);
            Mono<P2pTransfer> confirmed = transfer.acceptanceRequired()
                    ? wallet.verify(sender, walletProof)
                            .then(wallet.hold(sender, "p2p:" + transfer.transferId(), transfer.amount(), "p2p"))
                            .flatMap(hold -> tx.transactional(awaitAcceptance(transfer, hold))
                                    .flatMap(after -> releaseIfEnded(after, hold)))
                    : wallet.transfer(sender, transfer.transferId(), UserId.of(transfer.recipientUserId()),
                                    transfer.amount(), walletProof)
                            .flatMap(moved -> tx.transactional(complete(transfer, moved)));
            return failures.requireNotLocked(payer)
                    .then(confirmed.onErrorResume(e -> failures.recordAndRethrow(payer, e)));
        });
    }

    Mono<P2pTransfer> get(TepPrincipal caller, String transferId) {
        return transfers.find(transferId)
                .filter(t -> t.senderUserId().equals(caller.userId().value())
                        || t.recipientUserId().equals(caller.userId().value()))
                .switchIfEmpty(Mono.error(notFound()));
    }

    private Mono<P2pTransfer> own(TepPrincipal sender, String transferId) {
        return transfers.find(transferId)
                .filter(t -> t.senderUserId().equals(sender.userId().value()))
                .switchIfEmpty(Mono.error(notFound()));
    }

    static TmcpException notFound() {
        return new TmcpException(ErrorCode.TRANSFER_NOT_FOUND, "No such transfer");
    }

    /** Spec 7.2.4: a device signature covers {@code transfer_id:amount:currency:timestamp}. */
    private static WalletClient.AuthProof walletProof(P2pTransfer transfer, PayerProof proof) {
        return proof.signing(transfer.transferId(), transfer.amount().toDecimal().toPlainString(),
                transfer.amount().currencyCode());
    }

    /**
     * A hold that landed after the recovery job ended the transfer (it found no hold then) is not
     * the transfer's: it goes back to the sender at once.
     */
    Mono<P2pTransfer> releaseIfEnded(P2pTransfer after, WalletClient.HoldResult hold) {
        if (hold.holdId().equals(after.holdId()) || after.status() == P2pStatus.PENDING_AUTHORIZATION) {
            return Mono.just(after);
        }
        return wallet.releaseAll(hold.holdId(), "p2p:" + after.transferId() + ":return", after.amount().currency())
                .thenReturn(after);
    }

    Mono<P2pTransfer> complete(P2pTransfer transfer, WalletClient.TransferResult moved) {
        return transfers.findForUpdate(transfer.transferId()).flatMap(current -> {
            if (current.status() != P2pStatus.PENDING_AUTHORIZATION) {
                return Mono.just(current);
            }
            EventEnvelope card = events.card(transfer, P2pStatus.COMPLETED, moved.senderWalletId(),
                    moved.recipientWalletId(), Instant.now());
            return transfers.complete(transfer.transferId(), moved.senderWalletId(), moved.recipientWalletId(),
                            moved.ledgerTxnId(), card.id())
                    .then(events.append(card))
                    .then("pending".equals(moved.recipientStatus())
                            ? events.activationRequested(transfer, moved.recipientWalletId()) : Mono.empty())
                    .then(transfers.find(transfer.transferId()));
        });
    }

    Mono<P2pTransfer> awaitAcceptance(P2pTransfer transfer, WalletClient.HoldResult hold) {
        return transfers.findForUpdate(transfer.transferId()).flatMap(current -> {
            if (current.status() != P2pStatus.PENDING_AUTHORIZATION) {
                return Mono.just(current);
            }
            Instant now = Instant.now();
            EventEnvelope card = events.card(transfer, P2pStatus.PENDING_RECIPIENT_ACCEPTANCE, hold.walletId(),
                    transfer.recipientWalletId(), now);
            return transfers.awaitAcceptance(transfer.transferId(), hold.walletId(), hold.holdId(),
                            now.plus(acceptanceWindow), card.id())
                    .then(events.append(card))
                    .then("pending".equals(transfer.recipientStatus())
                            ? events.activationRequested(transfer, transfer.recipientWalletId()) : Mono.empty())
                    .then(transfers.find(transfer.transferId()));
        });
    }

    private static String requestHash(String recipient, Money amount, String roomId, String note) {
        return Digests.sha256Hex(recipient + "|" + amount.minorUnits() + "|" + amount.currencyCode() + "|" + roomId + "|" + note);
    }
}
