package dev.tmcp.core.event;

import dev.tmcp.core.id.Ids;
import java.time.Instant;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Builds, writes and reads event envelopes; event data uses the spec's snake_case names. */
public final class EventCodec {

    // Amounts must survive as exact decimals: no doubles, no stripped scale.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
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
