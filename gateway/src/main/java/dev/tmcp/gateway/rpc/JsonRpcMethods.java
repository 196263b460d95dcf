package dev.tmcp.gateway.rpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.tep.TepPrincipal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The methods of spec 10.2 the bridge carries out, each against its owning service. */
@Component
class JsonRpcMethods {

    private static final ParameterizedTypeReference<Map<String, Object>> BODY = new ParameterizedTypeReference<>() {
    };

    private static final String STORAGE_GET = "tween.storage.get";
    private static final String STORAGE_SET = "tween.storage.set";
    private static final String SEND_CARD = "tween.messaging.sendCard";

    private final ServiceMethods services;
    /** The own methods that stand for a REST route: its scope is checked and its rate row charged. */
    private final Map<String, RestMethod> routed;

    JsonRpcMethods(ServiceMethods services, RpcRoutes routes) {
        this.services = services;
        this.routed = routes.bind(Map.of(
                STORAGE_GET, new RestCall(HttpMethod.GET, "/api/v1/storage/{key}"),
                STORAGE_SET, new RestCall(HttpMethod.PUT, "/api/v1/storage/{key}"),
                SEND_CARD, new RestCall(HttpMethod.POST, "/api/v1/messaging/cards")));
    }

    /**
     * The REST route a method stands for: the gateway checks its {@code scope} (null where only the
     * service checks one) and charges its rate row, as for the REST request.
     */
    record Route(String httpMethod, String path, String scope) {
    }

    /**
     * What the verified TEP says about the user. Written by the bridge's own mapper, which has no
     * naming strategy and keeps nulls: a token without a wallet answers {@code "wallet_id": null}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UserInfo(String userId, String walletId, String clientId) {
    }

    record Scopes(List<String> scopes) {
    }

    /** The REST bodies of the storage and card methods, in the services' snake_case whatever the mapper. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StorageSet(String value, Integer ttl, Long clientTimestamp, Metadata metadata) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Metadata(String contentType) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SendCard(String roomId, JsonNode card, String body) {
    }

    /** A method answered here rather than as one REST call of a service. */
    private interface Own {
        Mono<?> call(JsonNode params, TepPrincipal caller);
    }

    private final Map<String, Own> own = Map.of(
            "tween.auth.getUserInfo", (params, caller) -> Mono.just(userInfo(caller)),
            "tween.auth.getScopes", (params, caller) -> Mono.just(new Scopes(caller.scopes().stream().sorted().toList())),
            STORAGE_GET, this::storageGet,
            STORAGE_SET, this::storageSet,
            SEND_CARD, this::sendCard);

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
        RestMethod rest = routed.get(method);
        return rest == null ? null : rest.route(params);
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
        Mono<?> call = handler == null
                ? Mono.error(new JsonRpcException(JsonRpcGatewayFilterFactory.METHOD_NOT_FOUND, "Method not found: " + method, null))
                : Mono.defer(() -> handler.call(params, caller));
        return call.cast(Object.class).onErrorMap(TmcpException.class, JsonRpcException::of);
    }

    /** {@code user:read}, as for the profile it stands for. */
    private static UserInfo userInfo(TepPrincipal caller) {
        caller.requireScope("user:read");
        return new UserInfo(caller.userId().value(), caller.walletId(), caller.clientId());
    }

    private Mono<Map<String, Object>> storageGet(JsonNode params, TepPrincipal caller) {
        String key = requiredKey(params);
        RestMethod get = routed.get(STORAGE_GET);
        return get.service().call(web -> web.get().uri(get.path(), key)
                .header(HttpHeaders.AUTHORIZATION, caller.bearer())
                .retrieve().bodyToMono(BODY));
    }

    private Mono<Map<String, Object>> storageSet(JsonNode params, TepPrincipal caller) {
        String key = requiredKey(params);
        if (!params.path("value").isString()) {
            return Mono.error(new JsonRpcException(JsonRpcException.INVALID_PARAMS, "params.value must be a string", null));
        }
        StorageSet body = new StorageSet(params.path("value").asString(),
                params.has("ttl") ? integer(params, "ttl", true).intValue() : null,
                params.has("client_timestamp") ? integer(params, "client_timestamp", false).longValue() : null,
                params.path("metadata").path("content_type").isString()
                        ? new Metadata(params.path("metadata").path("content_type").asString()) : null);
        RestMethod set = routed.get(STORAGE_SET);
        return set.service().call(web -> web.put().uri(set.path(), key)
                .header(HttpHeaders.AUTHORIZATION, caller.bearer())
                .bodyValue(body)
                .retrieve().bodyToMono(BODY));
    }

    /**
     * {@code params}: {@code card} (spec 8.1.3), optional {@code body}, and {@code room_id}, which
     * defaults to the room the mini-app was launched in ({@code miniapp_context.room_id} of the TEP).
     * Its route's scope ({@code messaging:send}) was checked before, as for every routed method.
     */
    private Mono<Map<String, Object>> sendCard(JsonNode params, TepPrincipal caller) {
        Object launchRoom = caller.miniappContext().get("room_id");
        String roomId = params.path("room_id").isString() ? params.path("room_id").asString()
                : launchRoom instanceof String room ? room : null;
        if (roomId == null || !params.path("card").isObject()) {
            return Mono.error(new JsonRpcException(JsonRpcException.INVALID_PARAMS,
                    "params.card must be an object, and params.room_id is needed outside a launch room", null));
        }
        SendCard body = new SendCard(roomId, params.path("card"),
                params.path("body").isString() ? params.path("body").asString() : null);
        RestMethod send = routed.get(SEND_CARD);
        return send.service().call(web -> web.post().uri(send.path())
                .header(HttpHeaders.AUTHORIZATION, caller.bearer())
                .bodyValue(body)
                .retrieve().bodyToMono(BODY));
    }

    /** An integer param (an int, or any long); anything else is invalid params, never a coercion error. */
    private static JsonNode integer(JsonNode params, String name, boolean asInt) {
        JsonNode value = params.path(name);
        if (!value.isIntegralNumber() || (asInt ? !value.canConvertToInt() : !value.canConvertToLong())) {
            throw new JsonRpcException(JsonRpcException.INVALID_PARAMS, "params." + name + " must be an integer", null);
        }
        return value;
    }

    private static String requiredKey(JsonNode params) {
        if (params == null || !params.path("key").isString() || params.path("key").asString().isEmpty()) {
            throw new JsonRpcException(JsonRpcException.INVALID_PARAMS, "params.key must be a non-empty string", null);
        }
        return params.path("key").asString();
    }
}
