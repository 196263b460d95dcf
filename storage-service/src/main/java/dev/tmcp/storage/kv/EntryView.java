package dev.tmcp.storage.kv;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A stored value in the response shape of spec 10.3.2. */
record EntryView(String key, String value, Instant createdAt, Instant updatedAt, Metadata metadata) {

    /** {@code content_type} only when the value was stored with one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Metadata(int sizeBytes, String contentType) {
    }
}
