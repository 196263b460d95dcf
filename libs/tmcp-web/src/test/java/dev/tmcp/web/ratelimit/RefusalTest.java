package dev.tmcp.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The refusal bodies of spec 11.4.4 and 11.4.5, written by a mapper with no naming settings of its own. */
class RefusalTest {

    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    @Test
    void aRateLimitedAnswerCarriesRetryAfterLimitAndWindowInSnakeCase() {
        Refusal refusal = Refusal.limited(12, 60, "1 minute").answered("2026-12-07T15:00:00Z", "req_1");

        assertThat(PLAIN.writeValueAsString(new Refusal.Body(refusal))).isEqualTo("{\"error\":{"
                + "\"code\":\"RATE_LIMIT_EXCEEDED\",\"message\":\"Too many requests\",\"retry_after\":12,\"limit\":60,"
                + "\"window\":\"1 minute\",\"timestamp\":\"2026-12-07T15:00:00Z\",\"request_id\":\"req_1\"}}");
    }

    @Test
    void aSuspensionSaysUntilWhenAndNothingOfTheBuckets() {
        Refusal refusal = Refusal.suspended("2026-12-07T16:00:00Z");

        assertThat(PLAIN.writeValueAsString(new Refusal.Body(refusal))).isEqualTo("{\"error\":{"
                + "\"code\":\"ACCOUNT_SUSPENDED\",\"message\":\"Account temporarily suspended due to abuse\","
                + "\"suspended_until\":\"2026-12-07T16:00:00Z\"}}");
    }
}
