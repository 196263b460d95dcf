package dev.tmcp.auth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A refresh token is its client's: another client presenting it neither burns it nor ends its session. */
class RefreshIT extends AuthServiceIT {

    private static Answer refresh(String refreshToken, String clientId) {
        return form("/oauth2/token", null, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", clientId));
    }

    @Test
    void aRefreshTokenPresentedByAnotherClientStaysUsableByItsOwn() {
        String owner = "ma_itrefresh_" + run();
        String other = "ma_itthief_" + run();
        REGISTRY.publicApp(owner);
        REGISTRY.publicApp(other);
        Answer tep = exchange(matrixUser("refresh").accessToken(), owner, "user:read");
        assertThat(tep.status()).as("%s", tep.body()).isEqualTo(200);
        String refreshToken = tep.text("refresh_token");

        Answer stolen = refresh(refreshToken, other);
        Answer own = refresh(refreshToken, owner);

        assertThat(stolen.status()).as("%s", stolen.body()).isEqualTo(401);
        assertThat(stolen.text("error")).isEqualTo("invalid_grant");
        assertThat(own.status()).as("%s", own.body()).isEqualTo(200);
        assertThat(own.text("access_token")).startsWith("tep.");
    }
}
