package dev.tmcp.web.input;

/**
 * The rule for client text (decision 0026): no C0 control character except tab, line feed and
 * carriage return. U+0000 cannot be stored by PostgreSQL at all; the others have no place in a
 * note, a name or an id and only serve to break logs and room cards.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    public static boolean forbidden(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
        }
        return false;
    }
}
