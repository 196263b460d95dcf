package dev.tmcp.bridge.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.bridge.homeserver.MatrixApi;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class FailurePolicyTest {

    private final FailurePolicy policy = new FailurePolicy(3, 5);

    @Test
    void aSenderThatCannotEnterTheRoomWaitsForAnInviteThenIsParked() {
        RoomBotAccess.Unreachable e = new RoomBotAccess.Unreachable("nobody can invite it");
        assertThat(policy.decide(e, 2)).isEqualTo(FailurePolicy.Outcome.WAIT_FOR_INVITE);
        assertThat(policy.decide(e, 3)).isEqualTo(FailurePolicy.Outcome.PARK);
    }

    @Test
    void aHomeserverErrorAnswerIsRetriedThenParked() {
        MatrixApi.MatrixError e = error(500);
        assertThat(policy.decide(e, 4)).isEqualTo(FailurePolicy.Outcome.RETRY);
        assertThat(policy.decide(e, 5)).isEqualTo(FailurePolicy.Outcome.PARK);
    }

    @Test
    void anUnansweringHomeserverIsRetriedWithoutEnd() {
        assertThat(policy.decide(new IOException("connection refused"), 1000)).isEqualTo(FailurePolicy.Outcome.RETRY);
    }

    @Test
    void rateLimitsAndRefusalsKeepTheirOwnHandling() {
        assertThat(policy.decide(error(429), 100)).isEqualTo(FailurePolicy.Outcome.RATE_LIMITED);
        assertThat(policy.decide(error(413), 1)).isEqualTo(FailurePolicy.Outcome.REJECT);
    }

    private static MatrixApi.MatrixError error(int status) {
        return new MatrixApi.MatrixError(HttpStatus.valueOf(status), "M_UNKNOWN", 0);
    }
}
