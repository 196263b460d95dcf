package dev.tmcp.appstore.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The review answers as JSON, with the mapper settings of tmcp-defaults.yml (snake_case, nulls left out). */
class ReviewAnswersJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void anApprovalSaysWhenItWasApprovedAndARejectionWhenAndWhy() {
        assertThat(JSON.writeValueAsString(ReviewAnswers.Transitioned.of("ma_1", Transition.APPROVE, "under_review", AT, List.of())))
                .isEqualTo("{\"miniapp_id\":\"ma_1\",\"status\":\"" + Transition.APPROVE.to() + "\","
                        + "\"previous_status\":\"under_review\",\"approved_at\":\"2026-01-02T03:04:05Z\"}");
        assertThat(JSON.writeValueAsString(ReviewAnswers.Transitioned.of("ma_1", Transition.REJECT, "under_review", AT,
                List.of("broken"))))
                .isEqualTo("{\"miniapp_id\":\"ma_1\",\"status\":\"" + Transition.REJECT.to() + "\","
                        + "\"previous_status\":\"under_review\",\"changed_at\":\"2026-01-02T03:04:05Z\",\"reasons\":[\"broken\"]}");
    }

    @Test
    void theHistoryListsEachTransitionWithItsReasonsWhenGiven() {
        var history = new ReviewAnswers.History("ma_1", "rejected", List.of(
                new ReviewAnswers.Event("submit", "draft", "pending_review", AT, null),
                new ReviewAnswers.Event("reject", "under_review", "rejected", AT, List.of("broken"))));
        assertThat(JSON.writeValueAsString(history)).isEqualTo("{\"miniapp_id\":\"ma_1\",\"status\":\"rejected\",\"history\":["
                + "{\"action\":\"submit\",\"from\":\"draft\",\"to\":\"pending_review\",\"at\":\"2026-01-02T03:04:05Z\"},"
                + "{\"action\":\"reject\",\"from\":\"under_review\",\"to\":\"rejected\",\"at\":\"2026-01-02T03:04:05Z\","
                + "\"reasons\":[\"broken\"]}]}");
    }
}
