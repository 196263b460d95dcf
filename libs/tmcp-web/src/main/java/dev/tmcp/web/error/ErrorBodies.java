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

    public static Map<String, Object> of(ErrorCode code, String message, Map<String, Object> details, String requestId) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("message", message);
        if (details != null && !details.isEmpty()) {
            error.put("details", details);
        }
        error.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        error.put("request_id", requestId);
        return Map.of("error", error);
    }
}
