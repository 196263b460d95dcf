package dev.tmcp.payment.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.WalletId;
import dev.tmcp.core.money.Money;
import dev.tmcp.payment.p2p.P2pTransitions.Step;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Confirmation (7.2.4) and recipient acceptance (7.2.7) of a transfer, decided from the transfer as found. */
class P2pTransitionsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    @Test
    void anUnconfirmedTransferInTimeMovesTheMoney() {
        assertThat(P2pTransitions.confirm(transfer(P2pStatus.PENDING_AUTHORIZATION, true), NOW, DEADLINE))
                .isEqualTo(Step.PROCEED);
    }

    @Test
    void confirmingAgainAnswersTheTransferWithoutPayingTwice() {
        assertThat(P2pTransitions.confirm(transfer(P2pStatus.PENDING_RECIPIENT_ACCEPTANCE, true), NOW, DEADLINE))
                .isEqualTo(Step.ANSWER);
        assertThat(P2pTransitions.confirm(transfer(P2pStatus.COMPLETED, false), NOW, DEADLINE)).isEqualTo(Step.ANSWER);
    }

    @Test
    void confirmingPastTheAuthorizationDeadlineIsRefused() {
        P2pTransfer old = transfer(P2pStatus.PENDING_AUTHORIZATION, false, NOW.minus(DEADLINE).minusSeconds(1), null);

        assertRefused(() -> P2pTransitions.confirm(old, NOW, DEADLINE), ErrorCode.TRANSFER_EXPIRED);
    }

    @Test
    void acceptingAWaitingTransferRecordsTheDecision() {
        assertThat(P2pTransitions.decide(waiting(), P2pStatus.ACCEPTING, NOW)).isEqualTo(Step.PROCEED);
    }

    @Test
    void rejectingAWaitingTransferRecordsTheDecision() {
        assertThat(P2pTransitions.decide(waiting(), P2pStatus.REJECTING, NOW)).isEqualTo(Step.PROCEED);
    }

    @Test
    void acceptingAfterTheWindowIsRefusedAsExpired() {
        P2pTransfer late = transfer(P2pStatus.PENDING_RECIPIENT_ACCEPTANCE, true, NOW.minusSeconds(3600),
                NOW.minusSeconds(1));

        assertRefused(() -> P2pTransitions.decide(late, P2pStatus.ACCEPTING, NOW), ErrorCode.TRANSFER_EXPIRED);
    }

    @Test
    void acceptingTwiceAnswersTheCompletedTransfer() {
        assertThat(P2pTransitions.decide(transfer(P2pStatus.COMPLETED, true), P2pStatus.ACCEPTING, NOW))
                .isEqualTo(Step.ANSWER);
    }

    @Test
    void acceptingAgainWhileTheCaptureIsUnsettledFinishesIt() {
        assertThat(P2pTransitions.decide(transfer(P2pStatus.ACCEPTING, true), P2pStatus.ACCEPTING, NOW))
                .isEqualTo(Step.SETTLE);
    }

    @Test
    void rejectingTwiceAnswersTheRejectedTransfer() {
        assertThat(P2pTransitions.decide(transfer(P2pStatus.REJECTED, true), P2pStatus.REJECTING, NOW))
                .isEqualTo(Step.ANSWER);
    }

    @Test
    void rejectingAfterAcceptanceIsRefused() {
        assertRefused(() -> P2pTransitions.decide(transfer(P2pStatus.COMPLETED, true), P2pStatus.REJECTING, NOW),
                ErrorCode.INVALID_STATE);
    }

    @Test
    void rejectingWhileAnAcceptanceIsSettlingIsRefused() {
        assertRefused(() -> P2pTransitions.decide(transfer(P2pStatus.ACCEPTING, true), P2pStatus.REJECTING, NOW),
                ErrorCode.INVALID_STATE);
    }

    @Test
    void acceptingAfterRejectionIsRefused() {
        assertRefused(() -> P2pTransitions.decide(transfer(P2pStatus.REJECTED, true), P2pStatus.ACCEPTING, NOW),
                ErrorCode.INVALID_STATE);
    }

    @Test
    void acceptingAnExpiredOrExpiringTransferIsRefusedAsExpired() {
        assertRefused(() -> P2pTransitions.decide(transfer(P2pStatus.EXPIRED, true), P2pStatus.ACCEPTING, NOW),
                ErrorCode.TRANSFER_EXPIRED);
        assertRefused(() -> P2pTransitions.decide(transfer(P2pStatus.EXPIRING, true), P2pStatus.ACCEPTING, NOW),
                ErrorCode.TRANSFER_EXPIRED);
    }

    @Test
    void acceptingAnUnconfirmedTransferIsRefused() {
        assertRefused(() -> P2pTransitions.decide(transfer(P2pStatus.PENDING_AUTHORIZATION, true), P2pStatus.ACCEPTING,
                NOW), ErrorCode.INVALID_STATE);
    }

    @Test
    void rejectingATransferThatNeededNoAcceptanceIsRefused() {
        assertThatThrownBy(() -> P2pTransitions.decide(transfer(P2pStatus.COMPLETED, false), P2pStatus.REJECTING, NOW))
                .isInstanceOf(TmcpException.class)
                .hasMessage("This transfer needs no acceptance");
    }

    @Test
    void eachDecisionSettlesIntoItsFinalStateAndReadsAsIt() {
        assertThat(P2pStatus.ACCEPTING.settled()).isEqualTo(P2pStatus.COMPLETED);
        assertThat(P2pStatus.REJECTING.settled()).isEqualTo(P2pStatus.REJECTED);
        assertThat(P2pStatus.EXPIRING.settled()).isEqualTo(P2pStatus.EXPIRED);
        assertThat(transfer(P2pStatus.REJECTING, true).visibleStatus()).isEqualTo(P2pStatus.REJECTED);
        assertThatThrownBy(P2pStatus.COMPLETED::settled).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void statusesKeepTheirWireNames() {
        assertThat(P2pStatus.PENDING_RECIPIENT_ACCEPTANCE.wire()).isEqualTo("pending_recipient_acceptance");
        assertThat(P2pStatus.fromWire("pending_authorization")).isEqualTo(P2pStatus.PENDING_AUTHORIZATION);
        for (P2pStatus status : P2pStatus.values()) {
            assertThat(P2pStatus.fromWire(status.wire())).isEqualTo(status);
        }
        assertThatThrownBy(() -> P2pStatus.fromWire("PENDING")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefused(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static P2pTransfer waiting() {
        return transfer(P2pStatus.PENDING_RECIPIENT_ACCEPTANCE, true, NOW.minusSeconds(60), NOW.plusSeconds(3600));
    }

    private static P2pTransfer transfer(P2pStatus status, boolean acceptance) {
        return transfer(status, acceptance, NOW.minusSeconds(60), null);
    }

    static P2pTransfer transfer(P2pStatus status, boolean acceptance, Instant createdAt, Instant expiresAt) {
        return new P2pTransfer("p2p_1", "key", "hash", "@alice:test", "@bob:test", Money.ofMinor(700, "USD"), null,
                null, status, new WalletId("tw_alice"), new WalletId("tw_bob"), null, null, createdAt, acceptance,
                "active", acceptance ? "hold_1" : null, expiresAt, null, null, null);
    }
}
