package dev.tmcp.payment.p2p;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.core.id.WalletId;
import dev.tmcp.core.money.Money;
import dev.tmcp.payment.failures.PaymentFailures;
import dev.tmcp.payment.rooms.RoomMembership;
import dev.tmcp.payment.wallet.PayerProof;
import dev.tmcp.payment.wallet.WalletClient;
import dev.tmcp.web.tep.TepPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Who may act on a transfer, and what the wallet and the outbox see when a decision is settled. */
class P2pAcceptanceTest {

    private static final TepPrincipal ALICE = principal("@alice:test");
    private static final TepPrincipal BOB = principal("@bob:test");
    private static final TepPrincipal MALLORY = principal("@mallory:test");

    private final P2pRepository transfers = mock(P2pRepository.class);
    private final WalletClient wallet = mock(WalletClient.class);
    private final P2pEvents events = mock(P2pEvents.class);
    private final TransactionalOperator tx = mock(TransactionalOperator.class);
    private final P2pAcceptance acceptance = new P2pAcceptance(transfers, wallet, events, tx, 5);

    @BeforeEach
    @SuppressWarnings("unchecked")
    void transactionsPassThrough() {
        when(tx.transactional(any(Mono.class))).thenAnswer(call -> call.getArgument(0));
        when(events.statusChanged(any(), any(), any())).thenReturn(Mono.empty());
    }

    @Test
    void onlyTheRecipientMayAccept() {
        when(transfers.find("p2p_1")).thenReturn(Mono.just(waiting()));

        StepVerifier.create(acceptance.accept(MALLORY, "p2p_1"))
                .expectErrorMatches(e -> e instanceof TmcpException t && t.code() == ErrorCode.TRANSFER_NOT_FOUND)
                .verify();
        verify(transfers, never()).decide(anyString(), any(), any(), any());
    }

    @Test
    void theSenderCannotAcceptTheirOwnTransfer() {
        when(transfers.find("p2p_1")).thenReturn(Mono.just(waiting()));

        StepVerifier.create(acceptance.accept(ALICE, "p2p_1"))
                .expectErrorMatches(e -> e instanceof TmcpException t && t.code() == ErrorCode.TRANSFER_NOT_FOUND)
                .verify();
        verifyNoInteractions(wallet);
    }

    @Test
    void anAcceptanceCapturesTheHoldToTheRecipientAndCompletes() {
        P2pTransfer accepting = with(P2pStatus.ACCEPTING);
        when(transfers.find("p2p_1")).thenReturn(Mono.just(waiting()), Mono.just(accepting), Mono.just(with(P2pStatus.COMPLETED)));
        when(transfers.decide("p2p_1", P2pStatus.ACCEPTING, null, null)).thenReturn(Mono.just(1L));
        when(wallet.capture("hold_1", "p2p:p2p_1:accept", UserId.of("@bob:test"), Money.ofMinor(700, "USD")))
                .thenReturn(Mono.just(new WalletClient.CaptureResult("txn_9", new WalletId("tw_bob"), "active", null)));
        when(transfers.findForUpdate("p2p_1")).thenReturn(Mono.just(accepting));
        when(transfers.settle("p2p_1", P2pStatus.ACCEPTING, "txn_9", new WalletId("tw_bob"))).thenReturn(Mono.just(1L));

        StepVerifier.create(acceptance.accept(BOB, "p2p_1"))
                .expectNextMatches(t -> t.status() == P2pStatus.COMPLETED)
                .verifyComplete();
        verify(events).statusChanged(accepting, P2pStatus.COMPLETED, null);
    }

    @Test
    void aRejectionReleasesTheHoldToTheSender() {
        P2pTransfer rejecting = with(P2pStatus.REJECTING);
        when(transfers.find("p2p_1")).thenReturn(Mono.just(waiting()), Mono.just(rejecting), Mono.just(with(P2pStatus.REJECTED)));
        when(transfers.decide("p2p_1", P2pStatus.REJECTING, "user_declined", null)).thenReturn(Mono.just(1L));
        when(wallet.releaseAll("hold_1", "p2p:p2p_1:return", Money.zero("USD").currency()))
                .thenReturn(Mono.just(new WalletClient.ReleaseResult("txn_r", Money.ofMinor(700, "USD"), Money.zero("USD"))));
        when(transfers.findForUpdate("p2p_1")).thenReturn(Mono.just(rejecting));
        when(transfers.settle("p2p_1", P2pStatus.REJECTING, "txn_r", null)).thenReturn(Mono.just(1L));

        StepVerifier.create(acceptance.reject(BOB, "p2p_1", null, null))
                .expectNextMatches(t -> t.status() == P2pStatus.REJECTED)
                .verifyComplete();
        verify(wallet, never()).capture(anyString(), anyString(), any(UserId.class), any());
    }

    @Test
    void aDecisionAnotherRequestWonFirstIsNotSettledTwice() {
        // The conditional update found the transfer already completed by a concurrent acceptance.
        when(transfers.find("p2p_1")).thenReturn(Mono.just(waiting()), Mono.just(with(P2pStatus.COMPLETED)));
        when(transfers.decide("p2p_1", P2pStatus.ACCEPTING, null, null)).thenReturn(Mono.just(0L));

        StepVerifier.create(acceptance.accept(BOB, "p2p_1"))
                .expectNextMatches(t -> t.status() == P2pStatus.COMPLETED)
                .verifyComplete();
        verifyNoInteractions(wallet);
    }

    @Test
    void aCaptureRefusedForTheLastAllowedTimeReturnsTheMoneyToTheSender() {
        P2pTransfer accepting = with(P2pStatus.ACCEPTING);
        P2pTransfer returning = with(P2pStatus.REJECTING);
        when(wallet.capture(anyString(), anyString(), any(UserId.class), any()))
                .thenReturn(Mono.error(new TmcpException(ErrorCode.USER_SUSPENDED, "suspended")));
        when(transfers.settleFailed("p2p_1")).thenReturn(Mono.just(5));
        when(transfers.giveUpCapture("p2p_1")).thenReturn(Mono.just(1L));
        when(transfers.find("p2p_1")).thenReturn(Mono.just(returning), Mono.just(with(P2pStatus.REJECTED)));
        when(wallet.releaseAll(eq("hold_1"), eq("p2p:p2p_1:return"), any()))
                .thenReturn(Mono.just(new WalletClient.ReleaseResult("txn_r", Money.ofMinor(700, "USD"), Money.zero("USD"))));
        when(transfers.findForUpdate("p2p_1")).thenReturn(Mono.just(returning));
        when(transfers.settle("p2p_1", P2pStatus.REJECTING, "txn_r", null)).thenReturn(Mono.just(1L));

        StepVerifier.create(acceptance.settleOrReturn(accepting))
                .expectNextMatches(t -> t.status() == P2pStatus.REJECTED)
                .verifyComplete();
    }

    @Test
    void aCaptureRefusedBeforeTheLastAttemptIsRetriedLater() {
        when(wallet.capture(anyString(), anyString(), any(UserId.class), any()))
                .thenReturn(Mono.error(new TmcpException(ErrorCode.USER_SUSPENDED, "suspended")));
        when(transfers.settleFailed("p2p_1")).thenReturn(Mono.just(2));

        StepVerifier.create(acceptance.settleOrReturn(with(P2pStatus.ACCEPTING)))
                .expectErrorMatches(e -> e instanceof TmcpException t && t.code() == ErrorCode.USER_SUSPENDED)
                .verify();
        verify(transfers, never()).giveUpCapture(anyString());
    }

    @Test
    void onlyTheSenderMayConfirm() {
        PaymentFailures failures = mock(PaymentFailures.class);
        P2pService service = new P2pService(transfers, wallet, events, tx, failures, mock(RoomMembership.class),
                Duration.ofHours(24), Duration.ofMinutes(10));
        when(transfers.find("p2p_1")).thenReturn(Mono.just(with(P2pStatus.PENDING_AUTHORIZATION)));

        StepVerifier.create(service.confirm(BOB, "p2p_1", new PayerProof("pin", Map.of("hashed_pin", "x"))))
                .expectErrorMatches(e -> e instanceof TmcpException t && t.code() == ErrorCode.TRANSFER_NOT_FOUND)
                .verify();
        verifyNoInteractions(wallet, failures);
    }

    private static P2pTransfer waiting() {
        return with(P2pStatus.PENDING_RECIPIENT_ACCEPTANCE);
    }

    private static P2pTransfer with(P2pStatus status) {
        return P2pTransitionsTest.transfer(status, true, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
    }

    private static TepPrincipal principal(String user) {
        return new TepPrincipal(UserId.of(user), "ma_wallet", Set.of("wallet:pay"), null, "s_1", Map.of(), "tep");
    }
}
