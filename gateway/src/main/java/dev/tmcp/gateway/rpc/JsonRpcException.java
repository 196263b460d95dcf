package dev.tmcp.gateway.rpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tmcp.core.error.TmcpException;
import java.util.Map;

/** A JSON-RPC error: a code of the spec's range or an application code, and optional data. */
class JsonRpcException extends RuntimeException {

    static final int INVALID_PARAMS = -32602;
    /** An error of a TMCP service; {@code data} carries its 12.1 body. */
    static final int SERVICE_ERROR = -32000;

    private final int code;
    private final transient Object data;

    JsonRpcException(int code, String message, Object data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    /** The spec 12.1 error of a service's refusal; {@code details} only when there are some. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ServiceError(String code, String message, Map<String, Object> details) {
    }

    /** A service's refusal: {@code data} is its spec 12.1 error. */
    static JsonRpcException of(TmcpException e) {
        return new JsonRpcException(SERVICE_ERROR, e.getMessage(),
                new ServiceError(e.code().name(), e.getMessage(), e.details().isEmpty() ? null : e.details()));
    }

    int code() {
        return code;
    }

    Object data() {
        return data;
    }
}
