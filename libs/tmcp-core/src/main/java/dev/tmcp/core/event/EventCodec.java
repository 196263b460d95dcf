package dev.tmcp.core.event;

import dev.tmcp.core.id.Ids;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Builds, writes and reads event envelopes; event data uses the spec's snake_case names. */
public final class EventCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private EventCodec() {
    }

    public static EventEnvelope envelope(String type, String source, String subject, Object data) {
        return new EventEnvelope(EventEnvelope.SPEC_VERSION, Ids.next("evt_"), type, source,
                Instant.now(), subject, "application/json", MAPPER.valueToTree(data));
    }

    public static String write(EventEnvelope envelope) {
        return MAPPER.writeValueAsString(envelope);
    }

    public static EventEnvelope read(String json) {
        return MAPPER.readValue(json, EventEnvelope.class);
    }

    public static <T> T data(EventEnvelope envelope, Class<T> type) {
        return MAPPER.treeToValue(envelope.data(), type);
    }

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
