package dev.tmcp.bridge.outgoing;

import dev.tmcp.bridge.homeserver.MatrixApi;

/**
 * What a failed send does to its room's queue. Failures of this one event (its sender cannot
 * enter the room, the homeserver keeps answering an error) are bounded: after their attempts the
 * event is parked and the room goes on. A homeserver that does not answer at all (connection
 * refused, timeout, open breaker) fails every room alike, so the room keeps waiting in order.
 */
final class FailurePolicy {

    enum Outcome { WAIT_FOR_INVITE, RATE_LIMITED, REJECT, RETRY, PARK }

    private final int parkAfterAttempts;
    private final int parkAfterErrors;

    FailurePolicy(int parkAfterAttempts, int parkAfterErrors) {
        this.parkAfterAttempts = parkAfterAttempts;
        this.parkAfterErrors = parkAfterErrors;
    }

    /** {@code attempts} counts this one. */
    Outcome decide(Throwable e, int attempts) {
        if (e instanceof RoomBotAccess.Unreachable) {
            return attempts >= parkAfterAttempts ? Outcome.PARK : Outcome.WAIT_FOR_INVITE;
        }
        if (e instanceof RoomDelivery.NotPermitted) {
            return Outcome.REJECT;
        }
        if (e instanceof MatrixApi.MatrixError m) {
            int status = m.status().value();
            if (status == 429) {
                return Outcome.RATE_LIMITED;
            }
            if (status == 400 || status == 413) {
                return Outcome.REJECT;
            }
            return attempts >= parkAfterErrors ? Outcome.PARK : Outcome.RETRY;
        }
        return Outcome.RETRY;
    }
}
