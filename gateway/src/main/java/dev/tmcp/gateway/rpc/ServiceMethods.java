package dev.tmcp.gateway.rpc;

import static java.util.Map.entry;

import dev.tmcp.web.tep.TepPrincipal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The methods of the bridge that are each one REST call of a service (spec 10.2, and names of our
 * own where 10.2 has none: decisions 0011, 0051): the wallet's, storage's beyond get and set, and
 * capabilities. Each names only its REST call; the scope and the service come from the route that
 * call takes ({@link RpcRoutes}). Params pass through unchanged and so do answers, amounts included.
 */
@Component
class ServiceMethods {

    /** A path segment: no separators (a param can never reach another route) and no control characters. */
    private static final Pattern SEGMENT = Pattern.compile("[^/?#%\\s\\p{Cntrl}]{1,255}");
    private static final Pattern QUERY_NAME = Pattern.compile("[a-z_]{1,64}");
    /** Encoded query bytes a GET method may carry: the request line stays well under a server's 4 KiB. */
    private static final int MAX_QUERY = 2048;

    private final Map<String, RestMethod> methods;

    ServiceMethods(RpcRoutes routes) {
        HttpMethod get = HttpMethod.GET;
        HttpMethod post = HttpMethod.POST;
        this.methods = routes.bind(Map.ofEntries(
                entry("tween.storage.list", new RestCall(get, "/api/v1/storage")),
                entry("tween.storage.delete", new RestCall(HttpMethod.DELETE, "/api/v1/storage/{key}")),
                entry("tween.storage.batchGet", new RestCall(post, "/api/v1/storage/batch/get")),
                entry("tween.storage.batchSet", new RestCall(post, "/api/v1/storage/batch/set")),
                entry("tween.capabilities.get", new RestCall(get, "/api/v1/capabilities")),
                entry("tween.wallet.getBalance", new RestCall(get, "/wallet/v1/balance")),
                entry("tween.wallet.getTransactions", new RestCall(get, "/wallet/v1/transactions")),
                entry("tween.wallet.resolveUser", new RestCall(get, "/wallet/v1/resolve/{user_id}")),
                entry("tween.wallet.initiateTransfer", new RestCall(post, "/wallet/v1/p2p/initiate")),
                entry("tween.wallet.confirmTransfer", new RestCall(post, "/wallet/v1/p2p/{transfer_id}/confirm")),
                entry("tween.wallet.acceptTransfer", new RestCall(post, "/wallet/v1/p2p/{transfer_id}/accept")),
                entry("tween.wallet.rejectTransfer", new RestCall(post, "/wallet/v1/p2p/{transfer_id}/reject")),
                entry("tween.wallet.getTransfer", new RestCall(get, "/wallet/v1/p2p/{transfer_id}")),
                entry("tween.wallet.pay", new RestCall(post, "/api/v1/payments/request")),
                entry("tween.wallet.authorizePayment", new RestCall(post, "/api/v1/payments/{payment_id}/authorize")),
                entry("tween.wallet.sendGift", new RestCall(post, "/wallet/v1/gift/create")),
                entry("tween.wallet.openGift", new RestCall(post, "/wallet/v1/gift/{gift_id}/open"))));
    }

    Set<String> names() {
        return methods.keySet();
    }

    /** The REST call a method stands for, or null. */
    RestMethod rest(String method) {
        return methods.get(method);
    }

    boolean carries(String method) {
        return methods.containsKey(method);
    }

    /** The REST route the call stands for; a missing path param leaves its segment empty. */
    JsonRpcMethods.Route route(String method, JsonNode params) {
        RestMethod rest = methods.get(method);
        return rest == null ? null : rest.route(params);
    }

    Mono<JsonNode> invoke(String method, JsonNode params, TepPrincipal caller) {
        RestMethod target = methods.get(method);
        if (params.isMissingNode() || params.isNull()) {
            params = RpcJson.MAPPER.createObjectNode();
        }
        if (!params.isObject()) {
            return Mono.error(invalid("params must be an object"));
        }
        Map<String, Object> variables = new HashMap<>();
        ObjectNode others = ((ObjectNode) params).deepCopy();
        for (String name : target.pathParams()) {
            JsonNode value = others.remove(name);
            if (value == null || !value.isString() || !SEGMENT.matcher(value.asString()).matches()) {
                return Mono.error(invalid("params." + name + " must be a non-empty identifier"));
            }
            variables.put(name, value.asString());
        }
        if (target.http() == HttpMethod.DELETE) {
            return others.isEmpty() ? delete(target, variables, caller)
                    : Mono.error(invalid("params of " + method + " are its path's only"));
        }
        return target.http() == HttpMethod.GET ? get(target, variables, others, caller)
                : post(target, variables, others, caller);
    }

    private static Mono<JsonNode> get(RestMethod rest, Map<String, Object> variables, ObjectNode query,
            TepPrincipal caller) {
        List<String> names = new ArrayList<>();
        int queryBytes = 0;
        for (var field : query.properties()) {
            if (!QUERY_NAME.matcher(field.getKey()).matches() || !field.getValue().isValueNode()
                    || field.getValue().isNull()) {
                return Mono.error(invalid("params." + field.getKey() + " must be a string, number or boolean"));
            }
            queryBytes += field.getKey().length() + 2 + java.net.URLEncoder.encode(field.getValue().asString(),
                    java.nio.charset.StandardCharsets.UTF_8).length();
            if (queryBytes > MAX_QUERY) {
                return Mono.error(invalid("params are too long for a query (" + MAX_QUERY + " bytes encoded at most)"));
            }
            names.add(field.getKey());
            variables.put("q_" + field.getKey(), field.getValue().asString());
        }
        return answer(rest.service().call(web -> web.get()
                .uri(uri -> {
                    uri.path(rest.path());
                    names.forEach(name -> uri.queryParam(name, "{q_" + name + "}"));
                    return uri.build(variables);
                })
                .header(HttpHeaders.AUTHORIZATION, caller.bearer())
                .retrieve().bodyToMono(byte[].class)));
    }

    private static Mono<JsonNode> post(RestMethod rest, Map<String, Object> variables, ObjectNode body,
            TepPrincipal caller) {
        byte[] json = RpcJson.MAPPER.writeValueAsBytes(body);
        return answer(rest.service().call(web -> web.post()
                .uri(uri -> uri.path(rest.path()).build(variables))
                .header(HttpHeaders.AUTHORIZATION, caller.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .retrieve().bodyToMono(byte[].class)));
    }

    private static Mono<JsonNode> delete(RestMethod rest, Map<String, Object> variables, TepPrincipal caller) {
        return answer(rest.service().call(web -> web.delete()
                .uri(uri -> uri.path(rest.path()).build(variables))
                .header(HttpHeaders.AUTHORIZATION, caller.bearer())
                .retrieve().bodyToMono(byte[].class)));
    }

    private static Mono<JsonNode> answer(Mono<byte[]> body) {
        return body.map(bytes -> (JsonNode) RpcJson.MAPPER.readTree(bytes)).defaultIfEmpty(NullNode.getInstance());
    }

    private static JsonRpcException invalid(String message) {
        return new JsonRpcException(JsonRpcException.INVALID_PARAMS, message, null);
    }
}
