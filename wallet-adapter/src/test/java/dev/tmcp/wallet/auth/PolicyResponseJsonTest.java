package dev.tmcp.wallet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.tmcp.wallet.provider.AccountProvider;
import dev.tmcp.wallet.provider.ProofProvider;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The auth policy answer as JSON, with the mapper settings of tmcp-defaults.yml (snake_case, nulls left out). */
class PolicyResponseJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    private static final AuthController.PolicyResponse POLICY = AuthController.PolicyResponse.of(
            new ProofProvider.AuthPolicy(List.of("pin", "otp"), "pin", false, false));

    @Test
    void withoutRecipientOnlyThePolicy() {
        assertThat(JSON.writeValueAsString(POLICY)).isEqualTo("{\"available_methods\":[\"pin\",\"otp\"],"
                + "\"recommended_method\":\"pin\",\"recipient_acceptance_required\":false,\"auth_upgrade_required\":false}");
    }

    @Test
    void aPendingRecipientComesWithItsActivationAndIncentive() {
        var carol = new AccountProvider.Account("tw_c", "@carol:t.example", "pending", "active", "USD", 0, false, null,
                "2026-01-01T00:00:00Z");
        assertThat(JSON.writeValueAsString(POLICY.withRecipient(carol, "https://w/activate?wallet=tw_c",
                new AuthController.Incentive("activation_bonus", new BigDecimal("5.00"), "USD"))))
                .endsWith("\"auth_upgrade_required\":false,\"recipient_status\":\"pending\",\"recipient_wallet_id\":\"tw_c\","
                        + "\"activation_url\":\"https://w/activate?wallet=tw_c\","
                        + "\"activation_incentive\":{\"type\":\"activation_bonus\",\"amount\":5.00,\"currency\":\"USD\"}}");
    }
}
