package dev.tmcp.payment.p2p;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.p2p.P2pTransferCompleted;
import dev.tmcp.core.event.p2p.P2pTransferStatusChanged;
import dev.tmcp.core.event.wallet.AccountActivationRequested;
import dev.tmcp.core.id.WalletId;
import dev.tmcp.web.outbox.OutboxWriter;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The domain events of a transfer, written to the outbox inside the caller's transaction. */
@Component
class P2pEvents {

    private static final String SOURCE = "payment-service";

    private final OutboxWriter outbox;

    P2pEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** The transfer's one card: completed, or waiting for the recipient (decision 0006). */
    EventEnvelope card(P2pTransfer t, P2pStatus status, WalletId senderWalletId, WalletId recipientWalletId, Instant at) {
        return EventCodec.envelope(P2pTransferCompleted.TYPE, SOURCE, t.transferId(),
                new P2pTransferCompleted(t.transferId(), t.amount().toDecimal(), t.amount().currencyCode(),
                        new P2pTransferCompleted.Party(t.senderUserId(), value(senderWalletId)),
                        new P2pTransferCompleted.Party(t.recipientUserId(), value(recipientWalletId)),
                        t.roomId(), status.wire(), t.acceptanceRequired(), t.note(), at.toString()));
    }

    Mono<Void> append(EventEnvelope card) {
        return outbox.append(Topics.P2P, card).then();
    }

    Mono<Void> statusChanged(P2pTransfer t, P2pStatus status, String reason) {
        return outbox.append(Topics.P2P, EventCodec.envelope(P2pTransferStatusChanged.TYPE, SOURCE, t.transferId(),
                new P2pTransferStatusChanged(t.transferId(), status.wire(), t.roomId(), t.senderUserId(), t.recipientUserId(),
                        reason, Instant.now().toString()))).then();
    }

    /** Spec 6.3.10: money went to a pending account; its owner is asked to activate it. */
    Mono<Void> activationRequested(P2pTransfer t, WalletId recipientWalletId) {
        return outbox.append(Topics.WALLET, EventCodec.envelope(AccountActivationRequested.TYPE, SOURCE,
                t.recipientUserId(), new AccountActivationRequested(t.senderUserId(), t.recipientUserId(),
                        value(recipientWalletId), t.amount().toDecimal(), t.amount().currencyCode(), t.roomId(),
                        t.activationUrl(), null))).then();
    }

    private static String value(WalletId id) {
        return id == null ? null : id.value();
    }
}
