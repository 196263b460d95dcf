package dev.tmcp.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The token responses as JSON, with the naming of tmcp-defaults.yml ({@code SNAKE_CASE}); absent fields are left out. */
class TokenResponseJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    @Test
    void aClientCredentialsAnswerHasNoRefreshTokenNorUserFields() {
        assertThat(JSON.writeValueAsString(TokenResponse.client("cli.x", 3600, "storage:write")))
                .isEqualTo("{\"access_token\":\"cli.x\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                        + "\"scope\":\"storage:write\"}");
    }

    @Test
    void aTokenExchangeAnswerForAKeycloakSubjectCarriesTheMatrixToken() {
        TokenResponse tep = TokenResponse.tep("tep.x", 86400, "rt_1", "user:read", "@alice:tween.example", "tw_a", false)
                .exchanged(TokenExchange.TEP_TOKEN_TYPE, "kc_fresh", 300L);
        assertThat(JSON.writeValueAsString(tep)).isEqualTo("{\"access_token\":\"tep.x\",\"token_type\":\"Bearer\","
                + "\"expires_in\":86400,\"refresh_token\":\"rt_1\",\"scope\":\"user:read\","
                + "\"user_id\":\"@alice:tween.example\",\"wallet_id\":\"tw_a\",\"delegated_session\":false,"
                + "\"issued_token_type\":\"urn:tmcp:params:oauth:token-type:tep\",\"matrix_access_token\":\"kc_fresh\","
                + "\"matrix_expires_in\":300}");
    }
}
