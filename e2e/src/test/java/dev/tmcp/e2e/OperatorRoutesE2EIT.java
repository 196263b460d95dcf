package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.StackEnv;
import org.junit.jupiter.api.Test;

/**
 * Decision 0028: the platform's {@code /admin/**} and the homeserver's {@code /_matrix/app/**} are
 * not routes of the public gateway unless an operator lists them; valid credentials change nothing.
 */
class OperatorRoutesE2EIT {

    @Test
    void adminIsNotFoundThroughTheGatewayEvenWithPlatformCredentials() {
        Http.Response rotate = Http.send("POST", Tmcp.GATEWAY + "/admin/keys/rotate", Developers.PLATFORM, null, null);

        assertThat(rotate.status()).as("%s", rotate.body()).isEqualTo(404);
        assertThat(rotate.body().path("error").path("code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void theApplicationServiceApiIsNotFoundThroughTheGateway() {
        Http.Response transaction = Http.send("PUT", Tmcp.GATEWAY + "/_matrix/app/v1/transactions/e2e-1",
                "Bearer " + StackEnv.get("TMCP_HS_TOKEN"), "application/json", "{\"events\":[]}");

        assertThat(transaction.status()).as("%s", transaction.body()).isEqualTo(404);
        assertThat(transaction.body().path("error").path("code").asString()).isEqualTo("NOT_FOUND");
    }
}
