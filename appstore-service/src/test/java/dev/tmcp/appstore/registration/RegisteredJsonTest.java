package dev.tmcp.appstore.registration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** A registration's answer as JSON, with the mapper settings of tmcp-defaults.yml (snake_case, nulls left out). */
class RegisteredJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void aHybridAppGetsAPublicAndAConfidentialClient() {
        var credentials = new Registered.Credentials(new Registered.Client("ma_1", null, "Frontend WebView mini-app"),
                new Registered.Client("ma_1_backend", "secret_b", "Backend"), null, null, "whsec_w");
        assertThat(JSON.writeValueAsString(new Registered("ma_1", "pending_review", credentials, AT)))
                .isEqualTo("{\"miniapp_id\":\"ma_1\",\"status\":\"pending_review\",\"credentials\":{"
                        + "\"public_client\":{\"client_id\":\"ma_1\",\"description\":\"Frontend WebView mini-app\"},"
                        + "\"confidential_client\":{\"client_id\":\"ma_1_backend\",\"client_secret\":\"secret_b\","
                        + "\"description\":\"Backend\"},\"webhook_secret\":\"whsec_w\"},\"created_at\":\"2026-01-02T03:04:05Z\"}");
    }

    @Test
    void aPublicAppHasNoSecretButItsWebhookSecretAndTheSecretsStayOutOfLogs() {
        var credentials = new Registered.Credentials(null, null, "ma_2", null, "whsec_w");
        assertThat(JSON.writeValueAsString(credentials)).isEqualTo("{\"client_id\":\"ma_2\",\"webhook_secret\":\"whsec_w\"}");
        assertThat(credentials.toString()).doesNotContain("whsec_w");
    }
}
