package dev.tmcp.storage.kv;

import java.time.Instant;

/** A row as stored: the value still sealed. */
record StoredEntry(String key, byte[] ciphertext, String legacyPlaintext, int keyVersion, String contentType,
        int sizeBytes, long clientTimestamp, Instant createdAt, Instant updatedAt) {
}
