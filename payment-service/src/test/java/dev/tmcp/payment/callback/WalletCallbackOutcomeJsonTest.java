package dev.tmcp.payment.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The callback's answer (spec 4.11.8) as JSON, with the mapper settings of tmcp-defaults.yml. */
class WalletCallbackOutcomeJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    @Test
    void aRepeatedCallbackAnswersTheFirstEventAsIdempotent() {
        assertThat(JSON.writeValueAsString(new WalletCallbacks.Outcome("$event_id_abc123", true, "txn_wallet_123")))
                .isEqualTo("{\"event_id\":\"$event_id_abc123\",\"idempotent\":true,\"transaction_id\":\"txn_wallet_123\"}");
    }
}
