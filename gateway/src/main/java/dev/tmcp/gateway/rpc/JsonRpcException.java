package dev.tmcp.gateway.rpc;

import dev.tmcp.core.error.TmcpException;
import java.util.LinkedHashMap;
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

    /** A service's refusal: {@code data} is its spec 12.1 error. */
    static JsonRpcException of(TmcpException e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("code", e.code().name());
        data.put("message", e.getMessage());
        if (!e.details().isEmpty()) {
            data.put("details", e.details());
        }
        return new JsonRpcException(SERVICE_ERROR, e.getMessage(), data);
    }

    int code() {
        return code;
    }

    Object data() {
        return data;
    }
}
