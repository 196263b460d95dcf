package dev.tmcp.gateway.rpc;

import dev.tmcp.gateway.tep.TepGatewayFilter;
import dev.tmcp.web.tep.TepPrincipal;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON-RPC 2.0 bridge of spec 10.1 on the gateway: a route with this filter answers the call
 * itself instead of proxying. The route's TEP check and rate limit run first; each method is then
 * carried out against the owning service with the caller's own TEP, which that service verifies
 * again. Errors are JSON-RPC error objects whose {@code data} is the spec 12.1 error.
 */
@Component
public class JsonRpcGatewayFilterFactory extends AbstractGatewayFilterFactory<JsonRpcGatewayFilterFactory.Config> {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    private static final int MAX_BODY = 2 * 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonRpcMethods methods;

    JsonRpcGatewayFilterFactory(JsonRpcMethods methods) {
        super(Config.class);
        this.methods = methods;
    }

    /** No settings yet: the methods are fixed by the spec. */
    public static class Config {
    }

    @Override
    public GatewayFilter apply(Config config) {
        return (exchange, chain) -> DataBufferUtils.join(exchange.getRequest().getBody(), MAX_BODY)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> answer(exchange, bytes))
                .flatMap(response -> write(exchange, response));
    }

    private Mono<Map<String, Object>> answer(ServerWebExchange exchange, byte[] body) {
        JsonNode call;
        try {
            call = JSON.readTree(body);
        } catch (JacksonException e) {
            return Mono.just(JsonRpcResponses.error(null, PARSE_ERROR, "Parse error", null));
        }
        if (call == null || !call.isObject() || !"2.0".equals(call.path("jsonrpc").asString())
                || !call.path("method").isString()) {
            return Mono.just(JsonRpcResponses.error(idOf(call), INVALID_REQUEST,
                    "Invalid request: one JSON-RPC 2.0 call object is expected", null));
        }
        TepPrincipal caller = exchange.getAttribute(TepGatewayFilter.PRINCIPAL);
        Object id = idOf(call);
        return methods.invoke(call.path("method").asString(), call.path("params"), caller)
                .map(result -> JsonRpcResponses.result(id, result))
                .onErrorResume(JsonRpcException.class, e -> Mono.just(JsonRpcResponses.error(id, e.code(), e.getMessage(), e.data())));
    }

    private static Object idOf(JsonNode call) {
        if (call == null || !call.has("id")) {
            return null;
        }
        JsonNode id = call.get("id");
        return id.isNumber() ? id.numberValue() : id.isString() ? id.asString() : null;
    }

    private static Mono<Void> write(ServerWebExchange exchange, Map<String, Object> response) {
        var http = exchange.getResponse();
        http.setStatusCode(HttpStatus.OK);
        http.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return http.writeWith(Mono.just(http.bufferFactory().wrap(JSON.writeValueAsBytes(response))));
    }

}
