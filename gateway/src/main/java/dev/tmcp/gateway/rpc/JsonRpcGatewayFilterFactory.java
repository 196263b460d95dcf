package dev.tmcp.gateway.rpc;

import dev.tmcp.core.error.TmcpException;
import dev.tmcp.gateway.ratelimit.RateLimits;
import dev.tmcp.gateway.tep.TepGatewayFilterFactory;
import dev.tmcp.web.error.TmcpErrorWebExceptionHandler;
import dev.tmcp.web.tep.TepPrincipal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON-RPC 2.0 bridge of spec 10.1 on the gateway: a route with this filter answers the call
 * itself instead of proxying. The route's TEP check runs first; each call (alone or in a batch) is
 * charged to the rate row of the REST route it stands for, then carried out against the owning
 * service with the caller's own TEP, which that service verifies again. Errors are JSON-RPC error
 * objects whose {@code data} is the spec 12.1 error.
 */
@Component
public class JsonRpcGatewayFilterFactory extends AbstractGatewayFilterFactory<JsonRpcGatewayFilterFactory.Config> {

    private static final Logger log = LoggerFactory.getLogger(JsonRpcGatewayFilterFactory.class);

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    private static final int MAX_BODY = 2 * 1024 * 1024;
    private static final JsonMapper JSON = RpcJson.MAPPER;

    private static final int MAX_BATCH = 20;

    private final JsonRpcMethods methods;
    private final RateLimits limits;

    JsonRpcGatewayFilterFactory(JsonRpcMethods methods, RateLimits limits) {
        super(Config.class);
        this.methods = methods;
        this.limits = limits;
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
                .flatMap(bytes -> answer(exchange, bytes).defaultIfEmpty(List.of()))
                .flatMap(response -> write(exchange, response));
    }

    /**
     * One call object, or a batch array (JSON-RPC 2.0 section 6): answers in order, notifications
     * omitted; empty for a lone notification.
     */
    private Mono<Object> answer(ServerWebExchange exchange, byte[] body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (JacksonException e) {
            return Mono.just(JsonRpcResponses.error(null, PARSE_ERROR, "Parse error", null));
        }
        if (request != null && request.isArray()) {
            if (request.isEmpty() || request.size() > MAX_BATCH) {
                return Mono.just(JsonRpcResponses.error(null, INVALID_REQUEST,
                        "A batch holds 1 to " + MAX_BATCH + " calls", null));
            }
            return Flux.fromIterable(request::iterator)
                    .concatMap(call -> one(exchange, call))
                    .collectList().cast(Object.class);
        }
        return one(exchange, request).cast(Object.class);
    }

    private Mono<JsonRpcResponses.Response> one(ServerWebExchange exchange, JsonNode call) {
        if (call == null || !call.isObject() || !"2.0".equals(call.path("jsonrpc").asString())
                || !call.path("method").isString()) {
            return Mono.just(JsonRpcResponses.error(idOf(call), INVALID_REQUEST,
                    "Invalid request: a JSON-RPC 2.0 call object is expected", null));
        }
        TepPrincipal caller = exchange.getAttribute(TepGatewayFilterFactory.PRINCIPAL);
        Object id = idOf(call);
        boolean notification = !call.has("id");
        String method = call.path("method").asString();
        JsonNode params = call.path("params");
        Mono<JsonRpcResponses.Response> response = charge(exchange, caller, method, params)
                .then(methods.invoke(method, params, caller))
                .<JsonRpcResponses.Response>map(result -> JsonRpcResponses.result(id, result))
                .onErrorMap(e -> !(e instanceof JsonRpcException), JsonRpcGatewayFilterFactory::serviceError)
                .onErrorResume(JsonRpcException.class, e -> Mono.just(JsonRpcResponses.error(id, e.code(), e.getMessage(), e.data())));
        return notification ? response.then(Mono.empty()) : response;
    }

    /**
     * What the gateway does for the REST route a call stands for, in the same order: its scope,
     * then its rate row.
     */
    private Mono<Void> charge(ServerWebExchange exchange, TepPrincipal caller, String method, JsonNode params) {
        JsonRpcMethods.Route route = methods.route(method, params);
        if (route == null) {
            return Mono.empty();
        }
        Mono<Void> scope = route.scope() == null || caller == null ? Mono.empty()
                : Mono.<Void>fromRunnable(() -> caller.requireScope(route.scope()))
                        .onErrorMap(TmcpException.class, JsonRpcException::of);
        return scope.then(Mono.defer(() -> limits.charge(exchange, caller, route.httpMethod(), route.path())))
                .flatMap(decision -> decision.allowed() ? Mono.<Void>empty()
                        : Mono.error(new JsonRpcException(JsonRpcException.SERVICE_ERROR,
                                decision.error().message(), decision.error())));
    }

    /**
     * A call cut by its service (down, hung, breaker open) is that call's error, in the 12.1 shape
     * like any other refusal, so the other calls of a batch keep their answers.
     */
    private static JsonRpcException serviceError(Throwable error) {
        TmcpException translated = TmcpErrorWebExceptionHandler.translate(error);
        if (translated.code() == dev.tmcp.core.error.ErrorCode.INTERNAL_ERROR) {
            log.error("JSON-RPC call failed", error);
        }
        return JsonRpcException.of(translated);
    }

    private static Object idOf(JsonNode call) {
        if (call == null || !call.has("id")) {
            return null;
        }
        JsonNode id = call.get("id");
        return id.isNumber() ? id.numberValue() : id.isString() ? id.asString() : null;
    }

    private static Mono<Void> write(ServerWebExchange exchange, Object response) {
        var http = exchange.getResponse();
        if (response instanceof List<?> l && l.isEmpty()) {
            // Only notifications: JSON-RPC answers nothing.
            http.setStatusCode(HttpStatus.NO_CONTENT);
            return http.setComplete();
        }
        http.setStatusCode(HttpStatus.OK);
        http.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return http.writeWith(Mono.just(http.bufferFactory().wrap(JSON.writeValueAsBytes(response))));
    }

}
