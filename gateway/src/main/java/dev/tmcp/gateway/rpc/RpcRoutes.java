package dev.tmcp.gateway.rpc;

import dev.tmcp.gateway.replicas.ReplicaLists;
import dev.tmcp.gateway.routes.GatewayRoute;
import dev.tmcp.gateway.routes.RouteTable;
import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Binds the bridge's methods to the gateway's routes (decision 0052): a method declares the REST
 * call it stands for, and the route that call takes gives the scope checked here and the service
 * that carries it out. One client per service, over its replicas when {@code ./tmcp up --replicas N}
 * listed them (decision 0041).
 */
@Component
class RpcRoutes {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final RouteTable routes;
    private final ServiceClients clients;
    private final ReplicaLists replicas;
    private final Map<String, ServiceClient> byService = new ConcurrentHashMap<>();

    RpcRoutes(RouteTable routes, ServiceClients clients, ReplicaLists replicas) {
        this.routes = routes;
        this.clients = clients;
        this.replicas = replicas;
    }

    /** Each call with its route; a call whose route checks no TEP, or names no service, stops the start. */
    Map<String, RestMethod> bind(Map<String, RestCall> calls) {
        Map<String, RestMethod> bound = new HashMap<>();
        List<String> problems = new ArrayList<>();
        calls.forEach((method, call) -> {
            GatewayRoute route = routes.serving(call.http(), call.sample()).orElse(null);
            if (route == null || !route.tep()) {
                problems.add(method + " stands for " + call + ", which "
                        + (route == null ? "no route serves" : "route " + route.id() + " serves without a Tep check"));
            } else if (route.service() == null) {
                problems.add(method + " stands for " + call + " on route " + route.id() + ", which names no service");
            } else {
                bound.put(method, new RestMethod(call, route.scope(), client(route)));
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("JSON-RPC methods without their route:\n  " + String.join("\n  ", problems));
        }
        return Map.copyOf(bound);
    }

    private ServiceClient client(GatewayRoute route) {
        return byService.computeIfAbsent(route.service(),
                name -> clients.create(name, replicas.baseUrl(route.uri()), TIMEOUT));
    }
}
