package dev.tmcp.web.tep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.web.tep.SessionRevocations.State;
import org.junit.jupiter.api.Test;

class SessionRevocationsTest {

    @Test
    void aRevocationKeyMeansRevokedWhateverTheSentinelSays() {
        assertThat(SessionRevocations.state(true, true)).isEqualTo(State.REVOKED);
        assertThat(SessionRevocations.state(false, true)).isEqualTo(State.REVOKED);
    }

    @Test
    void noKeyInASeededRedisMeansLive() {
        assertThat(SessionRevocations.state(true, false)).isEqualTo(State.LIVE);
    }

    @Test
    void noKeyInARedisThatLostItsRevocationsIsUnknownNotLive() {
        assertThat(SessionRevocations.state(false, false)).isEqualTo(State.UNKNOWN);
    }
}
