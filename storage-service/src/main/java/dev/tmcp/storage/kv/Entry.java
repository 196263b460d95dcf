package dev.tmcp.storage.kv;

import java.time.Instant;

/** A stored value, opened; {@link #view()} is its response shape (spec 10.3.2). */
record Entry(String key, String value, String contentType, int sizeBytes, Instant createdAt, Instant updatedAt) {

    EntryView view() {
        return new EntryView(key, value, createdAt, updatedAt, new EntryView.Metadata(sizeBytes, contentType));
    }
}
