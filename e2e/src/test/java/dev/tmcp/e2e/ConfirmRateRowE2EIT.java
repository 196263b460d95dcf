package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Decision 0028: P2P confirmations are budgeted per user at the gateway (20 an hour, burst 5),
 * across transfers, on top of each transfer's own PIN lockout.
 */
class ConfirmRateRowE2EIT {

    @Test
    void theTwentySixthConfirmationOfAUserWithinTheHourIsRefusedAtTheGateway() {
        Homeserver.User erin = Homeserver.register("erin_" + UUID.randomUUID().toString().substring(0, 8));
        String tep = Tmcp.tep(erin.accessToken(), "wallet:pay", null);
        for (int i = 1; i <= 25; i++) {
            Http.Response guess = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/p2p_" + UUID.randomUUID().toString().replace("-", "")
                    + "/confirm", tep, Wallets.pinProof());
            assertThat(guess.status()).as("attempt %d: %s", i, guess.body()).isLessThan(500);
        }

        Http.Response refused = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/p2p_" + UUID.randomUUID().toString().replace("-", "")
                + "/confirm", tep, Wallets.pinProof());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().path("error").path("code").asString()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(refused.body().path("error").path("limit").asInt()).isEqualTo(20);
        assertThat(refused.body().path("error").path("window").asString()).isEqualTo("1 hour");
    }
}
