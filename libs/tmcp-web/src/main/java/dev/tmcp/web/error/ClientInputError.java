package dev.tmcp.web.error;

/**
 * A refusal of malformed client input whose message is safe to show the client as it is (the
 * error handler answers it as {@code 400 INVALID_REQUEST} with this message).
 */
public interface ClientInputError {

    String clientMessage();
}
