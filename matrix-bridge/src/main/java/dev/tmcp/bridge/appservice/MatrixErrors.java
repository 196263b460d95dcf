package dev.tmcp.bridge.appservice;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The {@code M_*} errors the Application Service endpoints answer, with their HTTP statuses. */
enum MatrixErrors {
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "M_UNAUTHORIZED", "No homeserver token"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "M_FORBIDDEN", "Bad homeserver token"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "M_NOT_FOUND", "Not in this namespace"),
    NOT_JSON(HttpStatus.BAD_REQUEST, "M_NOT_JSON", "The body must be a JSON object with an events array");

    private final HttpStatus status;
    private final String errcode;
    private final String message;

    MatrixErrors(HttpStatus status, String errcode, String message) {
        this.status = status;
        this.errcode = errcode;
        this.message = message;
    }

    ResponseEntity<Map<String, Object>> response() {
        return ResponseEntity.status(status).body(Map.of("errcode", errcode, "error", message));
    }
}
