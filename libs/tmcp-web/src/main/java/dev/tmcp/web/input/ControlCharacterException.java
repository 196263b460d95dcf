package dev.tmcp.web.input;

import dev.tmcp.web.error.ClientInputError;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A JSON string in a request body holds a forbidden control character. */
public class ControlCharacterException extends MismatchedInputException implements ClientInputError {

    public static final String MESSAGE = "Text fields must not contain control characters (U+0000 to U+001F, "
            + "except tab, line feed and carriage return)";

    ControlCharacterException(JsonParser parser) {
        super(parser, MESSAGE, String.class);
    }

    @Override
    public String clientMessage() {
        return MESSAGE;
    }
}
