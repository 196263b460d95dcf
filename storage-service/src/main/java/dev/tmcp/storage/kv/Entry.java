package dev.tmcp.storage.kv;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A stored value, opened, in the response shape of spec 10.3.2. */
record Entry(String key, String value, String contentType, int sizeBytes, Instant createdAt, Instant updatedAt) {

    Map<String, Object> view() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("value", value);
        body.put("created_at", createdAt.toString());
        body.put("updated_at", updatedAt.toString());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("size_bytes", sizeBytes);
        if (contentType != null) {
            metadata.put("content_type", contentType);
        }
        body.put("metadata", metadata);
        return body;
    }
}
