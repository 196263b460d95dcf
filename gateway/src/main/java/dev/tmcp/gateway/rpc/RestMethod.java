package dev.tmcp.gateway.rpc;

import dev.tmcp.web.client.ServiceClient;
import java.util.List;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC method that is one REST call of a TMCP service, with what the gateway's route for that
 * call says: the {@code scope} the route checks (null where only the service checks one) and the
 * client of the {@code service} that owns it. The other params become the JSON body (POST) or the
 * query (GET).
 */
record RestMethod(RestCall call, String scope, ServiceClient service) {

    HttpMethod http() {
        return call.http();
    }

    String path() {
        return call.path();
    }

    List<String> pathParams() {
        return call.pathParams();
    }

    /** The REST route the call stands for; a missing path param leaves its segment empty. */
    JsonRpcMethods.Route route(JsonNode params) {
        List<String> values = call.pathParams().stream().map(name -> params.path(name).asString("")).toList();
        return new JsonRpcMethods.Route(call.http().name(), call.expand(values), scope);
    }
}
