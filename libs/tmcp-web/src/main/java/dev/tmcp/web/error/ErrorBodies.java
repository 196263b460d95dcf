package dev.tmcp.web.error;

import dev.tmcp.core.error.ErrorCode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The error body of spec 12.1. */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    /** Fields the spec puts on the error itself rather than in {@code details} (7.7.5, 11.4.4). */
    private static final java.util.List<String> TOP_LEVEL = java.util.List.of("retry_after", "circuit_state");

    public static Map<String, Object> of(ErrorCode code, String message, Map<String, Object> details, String requestId) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("message", message);
        Map<String, Object> rest = new LinkedHashMap<>();
        if (details != null) {
            details.forEach((key, value) -> {
                if (TOP_LEVEL.contains(key)) {
                    error.put(key, value);
                } else {
                    rest.put(key, value);
                }
            });
        }
        if (!rest.isEmpty()) {
            error.put("details", rest);
        }
        error.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        error.put("request_id", requestId);
        return Map.of("error", error);
    }
}
