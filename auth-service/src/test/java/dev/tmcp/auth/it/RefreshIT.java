package dev.tmcp.auth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A refresh token is its client's: another client presenting it neither burns it nor ends its session.
 * The answers keep the exact fields of spec 4.3.1, in order.
 */
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

    @Test
    void theExchangeAndTheRefreshAnswerTheOAuthTokenResponseFields() {
        String client = "ma_itshape_" + run();
        REGISTRY.publicApp(client);
        Answer tep = exchange(matrixUser("shape").accessToken(), client, "user:read");
        assertThat(tep.status()).as("%s", tep.body()).isEqualTo(200);
        Answer refreshed = refresh(tep.text("refresh_token"), client);
        assertThat(refreshed.status()).as("%s", refreshed.body()).isEqualTo(200);

        assertThat(fields(tep)).containsExactly("access_token", "token_type", "expires_in", "refresh_token", "scope",
                "user_id", "wallet_id", "delegated_session", "issued_token_type");
        assertThat(tep.raw().body()).contains("\"token_type\":\"Bearer\"", "\"expires_in\":86400,",
                "\"delegated_session\":true");
        assertThat(fields(refreshed)).containsExactly("access_token", "token_type", "expires_in", "refresh_token", "scope",
                "user_id", "wallet_id", "delegated_session");
    }

    private static java.util.List<String> fields(Answer answer) {
        return answer.body().properties().stream().map(Map.Entry::getKey).toList();
    }
}
