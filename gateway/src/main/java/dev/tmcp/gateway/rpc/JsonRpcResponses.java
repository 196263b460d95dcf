package dev.tmcp.gateway.rpc;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * JSON-RPC 2.0 response objects. {@code id} is the call's own (a string, a number, or null when the
 * call had none that could be read) and is written even when null, as is {@code result}: the
 * specification requires both members.
 */
final class JsonRpcResponses {

    static final String VERSION = "2.0";

    private JsonRpcResponses() {
    }

    /** A response to one call: a result or an error. */
    sealed interface Response permits Result, Failure {
    }

    record Result(String jsonrpc, @JsonInclude(JsonInclude.Include.ALWAYS) Object result,
            @JsonInclude(JsonInclude.Include.ALWAYS) Object id) implements Response {
    }

    record Failure(String jsonrpc, Error error, @JsonInclude(JsonInclude.Include.ALWAYS) Object id) implements Response {
    }

    /** {@code data} only when there is some: for a service's refusal, its spec 12.1 error. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(int code, String message, Object data) {
    }

    static Result result(Object id, Object result) {
        return new Result(VERSION, result, id);
    }

    static Failure error(Object id, int code, String message, Object data) {
        return new Failure(VERSION, new Error(code, message, data), id);
    }
}
