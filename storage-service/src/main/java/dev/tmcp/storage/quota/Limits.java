package dev.tmcp.storage.quota;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The limits of spec 10.3.3 and 10.3.4; every breach is a 413 STORAGE_QUOTA_EXCEEDED. */
public final class Limits {

    public static final int MAX_CONTENT_TYPE_CHARS = 100;

    public static final long QUOTA_BYTES = 10L * 1024 * 1024;
    public static final int QUOTA_KEYS = 1000;
    public static final int MAX_KEY_BYTES = 256;
    public static final int MAX_VALUE_BYTES = 1024 * 1024;
    public static final int MIN_TTL = 60;
    public static final int MAX_TTL = 2_592_000;

    private Limits() {
    }

    public static int keyBytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8).length;
    }

    public static int valueBytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Checks one item on its own: key and value size, TTL range. */
    public static void checkItem(String key, String value, Integer ttl, Usage usage) {
        if (key == null || key.isEmpty()) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "key must not be empty");
        }
        if (value == null) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "value is required");
        }
        checkText("key", key);
        if (keyBytes(key) > MAX_KEY_BYTES) {
            throw exceeded("Key longer than 256 bytes", usage, Map.of("key_bytes", keyBytes(key), "max_key_bytes", MAX_KEY_BYTES));
        }
        if (valueBytes(value) > MAX_VALUE_BYTES) {
            throw exceeded("Value larger than 1 MB", usage,
                    Map.of("value_bytes", valueBytes(value), "max_value_bytes", MAX_VALUE_BYTES));
        }
        if (ttl != null && (ttl < MIN_TTL || ttl > MAX_TTL)) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "ttl must be between 60 and 2592000 seconds");
        }
    }

    /** {@code metadata.content_type}: no NUL, at most 100 characters (its column's width). */
    public static void checkContentType(String contentType) {
        checkText("metadata.content_type", contentType);
        if (contentType != null && contentType.length() > MAX_CONTENT_TYPE_CHARS) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "metadata.content_type is at most 100 characters");
        }
    }

    /**
     * Refuses a NUL character in text the database stores or searches as {@code text} (a key, a
     * prefix, a content type): PostgreSQL cannot hold one, so it would fail as a 500.
     */
    public static void checkText(String field, String text) {
        if (text != null && text.indexOf('\0') >= 0) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, field + " must not contain a NUL character");
        }
    }

    /** Checks a namespace's totals after a write. */
    public static void checkTotals(Usage before, Usage after) {
        if (after.bytes() > QUOTA_BYTES) {
            throw exceeded("Storage quota exceeded", before, Map.of());
        }
        if (after.keys() > QUOTA_KEYS) {
            throw exceeded("Too many keys", before, Map.of("current_keys", before.keys(), "max_keys", QUOTA_KEYS));
        }
    }

    private static TmcpException exceeded(String message, Usage usage, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("current_usage_bytes", usage == null ? 0 : usage.bytes());
        details.put("quota_bytes", QUOTA_BYTES);
        details.putAll(extra);
        return new TmcpException(ErrorCode.STORAGE_QUOTA_EXCEEDED, message, details);
    }
}
