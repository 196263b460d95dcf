package dev.tmcp.payment.p2p;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.time.Duration;
import java.time.Instant;

/**
 * The rules of a transfer's state machine (spec 7.2.4, 7.2.7), apart from the database and the
 * wallet: what a confirmation, an acceptance or a rejection does with the transfer as found, or why
 * it is refused.
 */
final class P2pTransitions {

    /** What the caller does next. */
    enum Step {
        /** Move the money (confirm) or record the decision under the row lock (accept, reject). */
        PROCEED,
        /** The same decision was recorded before and its money is not settled yet: settle it. */
        SETTLE,
        /** Nothing to do: answer the transfer as it stands. */
        ANSWER
    }

    private P2pTransitions() {
    }

    /** The sender confirms: only an unconfirmed transfer moves money, and only before its deadline. */
    static Step confirm(P2pTransfer t, Instant now, Duration authorizationDeadline) {
        if (t.status() != P2pStatus.PENDING_AUTHORIZATION) {
            // Confirmed already (this is a retry), or decided since: report, never pay again.
            return Step.ANSWER;
        }
        if (t.createdAt().plus(authorizationDeadline).isBefore(now)) {
            // Past this point the recovery job may decide the transfer: no new movement may start.
            throw new TmcpException(ErrorCode.TRANSFER_EXPIRED, "This transfer was not confirmed in time; initiate a new one");
        }
        return Step.PROCEED;
    }

    /** The recipient accepts ({@code ACCEPTING}) or rejects ({@code REJECTING}) the transfer as found. */
    static Step decide(P2pTransfer t, P2pStatus deciding, Instant now) {
        if (t.status() == P2pStatus.PENDING_RECIPIENT_ACCEPTANCE) {
            if (t.expiresAt() != null && t.expiresAt().isBefore(now)) {
                throw windowPassed();
            }
            return Step.PROCEED;
        }
        return decided(t, deciding);
    }

    /**
     * The transfer no longer waits for a decision: a retry of the same decision finishes it or
     * answers it; another decision is refused.
     */
    static Step decided(P2pTransfer t, P2pStatus deciding) {
        if (t.status() == deciding) {
            return Step.SETTLE;
        }
        if (t.status() == deciding.settled()) {
            return Step.ANSWER;
        }
        if (t.visibleStatus() == P2pStatus.EXPIRED) {
            throw windowPassed();
        }
        throw new TmcpException(ErrorCode.INVALID_STATE,
                t.acceptanceRequired() ? "Transfer is " + t.visibleStatus().wire() : "This transfer needs no acceptance");
    }

    private static TmcpException windowPassed() {
        return new TmcpException(ErrorCode.TRANSFER_EXPIRED, "The acceptance window has passed");
    }
}
