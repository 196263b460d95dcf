package dev.tmcp.bridge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The answer to a card, as JSON with the mapper settings of tmcp-defaults.yml. */
class CardQueuedJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    @Test
    void aQueuedCardAnswersItsEventAndRoom() {
        assertThat(JSON.writeValueAsString(new CardController.CardQueued("evt_1", "!r:tween.example", "queued")))
                .isEqualTo("{\"event_id\":\"evt_1\",\"room_id\":\"!r:tween.example\",\"status\":\"queued\"}");
    }
}
