package dev.tmcp.core.error;

import java.util.Map;

/** An error with a stable code and a user-safe message, rendered in the format of spec 12.1. */
public class TmcpException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> details;

    public TmcpException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public TmcpException(ErrorCode code, String message, Map<String, Object> details) {
        super(message);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
