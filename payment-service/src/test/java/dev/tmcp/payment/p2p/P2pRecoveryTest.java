package dev.tmcp.payment.p2p;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tmcp.core.money.Money;
import dev.tmcp.payment.wallet.WalletClient;
import dev.tmcp.core.id.WalletId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The recovery's decision for an unconfirmed transfer, from the wallet's answer by reference (ADR 0037). */
class P2pRecoveryTest {

    private final P2pRepository transfers = mock(P2pRepository.class);
    private final P2pService service = mock(P2pService.class);
    private final WalletClient wallet = mock(WalletClient.class);
    private final P2pEvents events = mock(P2pEvents.class);
    private final TransactionalOperator tx = mock(TransactionalOperator.class);
    private final P2pRecovery recovery = new P2pRecovery(transfers, service, wallet, events, tx, Duration.ofMinutes(10),
            Duration.ofMinutes(1));

    @BeforeEach
    @SuppressWarnings("unchecked")
    void transactionsPassThrough() {
        when(tx.transactional(any(Mono.class))).thenAnswer(call -> call.getArgument(0));
    }

    @Test
    void aDirectTransferTheWalletMadeCompletes() {
        P2pTransfer t = transfer(false, P2pStatus.PENDING_AUTHORIZATION);
        WalletClient.TransferResult moved = new WalletClient.TransferResult("txn_1", new WalletId("tw_a"),
                new WalletId("tw_b"), "active");
        when(wallet.transferByReference(t.transferId())).thenReturn(Mono.just(moved));
        when(service.complete(t, moved)).thenReturn(Mono.just(transfer(false, P2pStatus.COMPLETED)));

        StepVerifier.create(recovery.resolve(t))
                .expectNextMatches(done -> done.status().equals(P2pStatus.COMPLETED))
                .verifyComplete();
        verify(transfers, never()).expireUnconfirmed(anyString());
    }

    @Test
    void aDirectTransferTheWalletNeverMadeExpiresWithItsStatusEvent() {
        P2pTransfer t = transfer(false, P2pStatus.PENDING_AUTHORIZATION);
        when(wallet.transferByReference(t.transferId())).thenReturn(Mono.empty());
        expiryWrites(t, t);

        StepVerifier.create(recovery.resolve(t))
                .expectNextMatches(done -> done.status().equals(P2pStatus.EXPIRED))
                .verifyComplete();
        verify(events).statusChanged(t, P2pStatus.EXPIRED, "authorization_timeout");
    }

    @Test
    void aHeldTransferAwaitsAcceptance() {
        P2pTransfer t = transfer(true, P2pStatus.PENDING_AUTHORIZATION);
        WalletClient.HoldResult hold = new WalletClient.HoldResult("hold_1", new WalletId("tw_a"),
                Money.ofMinor(700, "USD"), "held", null);
        when(wallet.holdByReference("p2p:" + t.transferId(), t.amount().currency())).thenReturn(Mono.just(hold));
        when(service.awaitAcceptance(t, hold)).thenReturn(Mono.just(transfer(true, P2pStatus.PENDING_RECIPIENT_ACCEPTANCE)));

        StepVerifier.create(recovery.resolve(t))
                .expectNextMatches(done -> done.status().equals(P2pStatus.PENDING_RECIPIENT_ACCEPTANCE))
                .verifyComplete();
        verify(transfers, never()).expireUnconfirmed(anyString());
    }

    @Test
    void aHoldWithNothingLeftIsNoMovementAndTheTransferExpires() {
        P2pTransfer t = transfer(true, P2pStatus.PENDING_AUTHORIZATION);
        when(wallet.holdByReference("p2p:" + t.transferId(), t.amount().currency())).thenReturn(
                Mono.just(new WalletClient.HoldResult("hold_1", new WalletId("tw_a"), Money.zero("USD"), "settled", null)));
        expiryWrites(t, t);

        StepVerifier.create(recovery.resolve(t))
                .expectNextMatches(done -> done.status().equals(P2pStatus.EXPIRED))
                .verifyComplete();
        verify(service, never()).awaitAcceptance(any(), any());
    }

    @Test
    void aTransferAConfirmationFinishedMeanwhileIsLeftAsItIs() {
        P2pTransfer t = transfer(false, P2pStatus.PENDING_AUTHORIZATION);
        when(wallet.transferByReference(t.transferId())).thenReturn(Mono.empty());
        expiryWrites(t, transfer(false, P2pStatus.COMPLETED));

        StepVerifier.create(recovery.resolve(t))
                .expectNextMatches(done -> done.status().equals(P2pStatus.COMPLETED))
                .verifyComplete();
        verify(transfers, never()).expireUnconfirmed(anyString());
        verify(events, never()).statusChanged(any(), any(), anyString());
    }

    private void expiryWrites(P2pTransfer t, P2pTransfer locked) {
        when(transfers.findForUpdate(t.transferId())).thenReturn(Mono.just(locked));
        when(transfers.expireUnconfirmed(t.transferId())).thenReturn(Mono.just(1L));
        when(events.statusChanged(eq(t), any(), anyString())).thenReturn(Mono.empty());
        when(transfers.find(t.transferId())).thenReturn(Mono.just(transfer(t.acceptanceRequired(), P2pStatus.EXPIRED)));
    }

    private static P2pTransfer transfer(boolean acceptance, P2pStatus status) {
        return new P2pTransfer("p2p_1", "key", "hash", "@a:test", "@b:test", Money.ofMinor(700, "USD"), null, null,
                status, null, new WalletId("tw_b"), null, null, Instant.now().minus(Duration.ofMinutes(20)), acceptance, "active", null,
                null, null, null, null);
    }
}
