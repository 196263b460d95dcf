package dev.tmcp.web.error;

import dev.tmcp.core.error.TmcpException;

/** Test access to the handler's translation of exceptions into TMCP errors. */
public final class TmcpErrorWebExceptionHandlerAccess {

    private TmcpErrorWebExceptionHandlerAccess() {
    }

    public static TmcpException translate(Throwable error) {
        return TmcpErrorWebExceptionHandler.translate(error);
    }
}
