package dev.tmcp.gateway.rpc;

import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import dev.tmcp.web.tep.TepPrincipal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The methods of spec 10.2 the bridge carries out, each against its owning service. */
@Component
class JsonRpcMethods {

    private static final ParameterizedTypeReference<Map<String, Object>> BODY = new ParameterizedTypeReference<>() {
    };

    private final ServiceClient storage;
    private final ServiceClient messaging;
    private final ServiceMethods services;

    JsonRpcMethods(ServiceClients clients, ServiceMethods services,
            @Value("${STORAGE_SERVICE_URLS:${STORAGE_SERVICE_URL:http://127.0.0.1:8084}}") String storageUrl,
            @Value("${MATRIX_BRIDGE_URLS:${MATRIX_BRIDGE_URL:http://127.0.0.1:8086}}") String bridgeUrl) {
        this.storage = clients.create("storage-service", storageUrl, Duration.ofSeconds(10));
        this.messaging = clients.create("matrix-bridge", bridgeUrl, Duration.ofSeconds(10));
        this.services = services;
    }

    /**
     * The REST route a method stands for: the gateway checks its {@code scope} (null where only the
     * service checks one) and charges its rate row, as for the REST request.
     */
    record Route(String httpMethod, String path, String scope) {
    }

    /** A method answered here rather than as one REST call of a service. */
    private interface Own {
        Mono<Map<String, Object>> call(JsonNode params, TepPrincipal caller);
    }

    private final Map<String, Own> own = Map.of(
            "tween.auth.getUserInfo", (params, caller) -> Mono.just(userInfo(caller)),
            "tween.auth.getScopes", (params, caller) -> Mono.just(Map.<String, Object>of("scopes", caller.scopes().stream().sorted().toList())),
            "tween.storage.get", this::storageGet,
            "tween.storage.set", this::storageSet,
            "tween.messaging.sendCard", this::sendCard);

    /** Every method the bridge serves. */
    Set<String> names() {
        Set<String> names = new TreeSet<>(own.keySet());
        names.addAll(services.names());
        return names;
    }

    Route route(String method, JsonNode params) {
        if (services.carries(method)) {
            return services.route(method, params);
        }
        return switch (method) {
            case "tween.storage.get" -> new Route("GET", "/api/v1/storage/" + params.path("key").asString(""), null);
            case "tween.storage.set" -> new Route("PUT", "/api/v1/storage/" + params.path("key").asString(""), null);
            case "tween.messaging.sendCard" -> new Route("POST", "/api/v1/messaging/cards", "messaging:send");
            default -> null;
        };
    }

    Mono<Object> invoke(String method, JsonNode params, TepPrincipal caller) {
        if (caller == null) {
            return Mono.error(new JsonRpcException(JsonRpcGatewayFilterFactory.INVALID_REQUEST, "No verified caller", null));
        }
        if (services.carries(method)) {
            return Mono.defer(() -> services.invoke(method, params, caller)).cast(Object.class)
                    .onErrorMap(TmcpException.class, JsonRpcException::of);
        }
        Own handler = own.get(method);
        Mono<Map<String, Object>> call = handler == null
                ? Mono.error(new JsonRpcException(JsonRpcGatewayFilterFactory.METHOD_NOT_FOUND, "Method not found: " + method, null))
                : Mono.defer(() -> handler.call(params, caller));
        return call.cast(Object.class).onErrorMap(TmcpException.class, JsonRpcException::of);
    }

    /** What the verified TEP says about the user; {@code user:read} as for the profile it stands for. */
    private static Map<String, Object> userInfo(TepPrincipal caller) {
        caller.requireScope("user:read");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("user_id", caller.userId().value());
        info.put("wallet_id", caller.walletId());
        info.put("client_id", caller.clientId());
        return info;
    }

    private Mono<Map<String, Object>> storageGet(JsonNode params, TepPrincipal caller) {
        String key = requiredKey(params);
        return storage.call(web -> web.get().uri("/api/v1/storage/{key}", key)
                .header(HttpHeaders.AUTHORIZATION, caller.bearer())
                .retrieve().bodyToMono(BODY));
    }

    private Mono<Map<String, Object>> storageSet(JsonNode params, TepPrincipal caller) {
        String key = requiredKey(params);
        if (!params.path("value").isString()) {
            return Mono.error(new JsonRpcException(JsonRpcException.INVALID_PARAMS, "params.value must be a string", null));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("value", params.path("value").asString());
        if (params.has("ttl")) {
            body.put("ttl", integer(params, "ttl", true));
        }
        if (params.has("client_timestamp")) {
            body.put("client_timestamp", integer(params, "client_timestamp", false));
        }
        if (params.path("metadata").path("content_type").isString()) {
            body.put("metadata", Map.of("content_type", params.path("metadata").path("content_type").asString()));
        }
        return storage.call(web -> web.put().uri("/api/v1/storage/{key}", key)
                .header(HttpHeaders.AUTHORIZATION, caller.bearer())
                .bodyValue(body)
                .retrieve().bodyToMono(BODY));
    }

    /**
     * {@code params}: {@code card} (spec 8.1.3), optional {@code body}, and {@code room_id}, which
     * defaults to the room the mini-app was launched in ({@code miniapp_context.room_id} of the TEP).
     */
    private Mono<Map<String, Object>> sendCard(JsonNode params, TepPrincipal caller) {
        caller.requireScope("messaging:send");
        Object launchRoom = caller.miniappContext().get("room_id");
        String roomId = params.path("room_id").isString() ? params.path("room_id").asString()
                : launchRoom instanceof String room ? room : null;
        if (roomId == null || !params.path("card").isObject()) {
            return Mono.error(new JsonRpcException(JsonRpcException.INVALID_PARAMS,
                    "params.card must be an object, and params.room_id is needed outside a launch room", null));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("room_id", roomId);
        body.put("card", params.path("card"));
        if (params.path("body").isString()) {
            body.put("body", params.path("body").asString());
        }
        return messaging.call(web -> web.post().uri("/api/v1/messaging/cards")
                .header(HttpHeaders.AUTHORIZATION, caller.bearer())
                .bodyValue(body)
                .retrieve().bodyToMono(BODY));
    }

    /** An integer param (an int, or any long); anything else is invalid params, never a coercion error. */
    private static Number integer(JsonNode params, String name, boolean asInt) {
        JsonNode value = params.path(name);
        if (!value.isIntegralNumber() || (asInt ? !value.canConvertToInt() : !value.canConvertToLong())) {
            throw new JsonRpcException(JsonRpcException.INVALID_PARAMS, "params." + name + " must be an integer", null);
        }
        return asInt ? value.intValue() : value.longValue();
    }

    private static String requiredKey(JsonNode params) {
        if (params == null || !params.path("key").isString() || params.path("key").asString().isEmpty()) {
            throw new JsonRpcException(JsonRpcException.INVALID_PARAMS, "params.key must be a non-empty string", null);
        }
        return params.path("key").asString();
    }
}
