package dev.tmcp.bridge.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Parked events, their redelivery and a card's enriched parties as JSON. */
class OutgoingBodiesJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    @Test
    void parkedEventsAndARedelivery() {
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        var parked = new ParkedEvent(7, "evt_1", "!r:tween.example", "m.room.message", "pay", 5, "403", at, at);
        assertThat(JSON.writeValueAsString(new ParkedEventsController.ParkedList(List.of(parked))))
                .isEqualTo("{\"parked\":[{\"id\":7,\"source_event_id\":\"evt_1\",\"room\":\"!r:tween.example\","
                        + "\"event_type\":\"m.room.message\",\"sender\":\"pay\",\"attempts\":5,\"last_error\":\"403\","
                        + "\"created_at\":\"2026-01-02T03:04:05Z\",\"parked_at\":\"2026-01-02T03:04:05Z\"}]}");
        assertThat(JSON.writeValueAsString(new ParkedEventsController.Redelivery(7, "pending")))
                .isEqualTo("{\"id\":7,\"status\":\"pending\"}");
    }

    @Test
    void aPartyIsSnakeCaseEvenWithAPlainMapperAndLeavesOutWhatTheProfileLacks() {
        JsonMapper plain = JsonMapper.builder().build();
        assertThat(plain.writeValueAsString(new ProfileEnricher.Party("@a:tween.example", "Alice", "mxc://x/a")))
                .isEqualTo("{\"user_id\":\"@a:tween.example\",\"display_name\":\"Alice\",\"avatar_url\":\"mxc://x/a\"}");
        assertThat(JSON.writeValueAsString(new ProfileEnricher.Party("@a:tween.example", null, null)))
                .isEqualTo("{\"user_id\":\"@a:tween.example\"}");
    }
}
