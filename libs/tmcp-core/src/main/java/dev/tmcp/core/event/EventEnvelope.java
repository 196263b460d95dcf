package dev.tmcp.core.event;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The envelope of every event on Kafka, in the CloudEvents 1.0 JSON shape: {@code id} is unique
 * and is what consumers remember to stay idempotent; {@code subject} is the aggregate id and the
 * Kafka key, so events of one transfer or app stay ordered.
 */
public record EventEnvelope(
        String specversion,
        String id,
        String type,
        String source,
        Instant time,
        String subject,
        String datacontenttype,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
    }
}
