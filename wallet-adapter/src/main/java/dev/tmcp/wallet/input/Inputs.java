package dev.tmcp.wallet.input;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;

/**
 * Client text the wallet stores or looks up: PostgreSQL refuses a NUL character (the request would
 * fail with a 500), so such text is refused first as a client error.
 */
public final class Inputs {

    /** For {@code @Pattern}: no control characters (NUL included). */
    public static final String PRINTABLE = "[^\\p{Cntrl}]*";
    /** The longest id the wallet issues ({@code varchar(40)} columns). */
    public static final int MAX_ID = 40;

    private Inputs() {
    }

    /** An id taken from a path: one the wallet could have issued, or {@code notFound}. */
    public static String id(String value, String notFound) {
        if (value == null || value.isEmpty() || value.length() > MAX_ID || !value.matches(PRINTABLE)) {
            throw new TmcpException(ErrorCode.NOT_FOUND, notFound);
        }
        return value;
    }
}
