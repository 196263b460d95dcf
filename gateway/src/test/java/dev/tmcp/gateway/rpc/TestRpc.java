package dev.tmcp.gateway.rpc;

import dev.tmcp.gateway.replicas.ReplicaLists;
import dev.tmcp.gateway.routes.RouteTable;
import dev.tmcp.gateway.routes.TestRoutes;
import dev.tmcp.web.client.ServiceClients;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.web.reactive.function.client.WebClient;

/** The bridge over the routes of {@code application.yml}, every service where nothing listens. */
final class TestRpc {

    private TestRpc() {
    }

    static RpcRoutes routes() {
        return routes(TestRoutes.table());
    }

    static RpcRoutes routes(RouteTable table) {
        return new RpcRoutes(table, new ServiceClients(WebClient.builder(), CircuitBreakerRegistry.ofDefaults()),
                ReplicaLists.parse(""));
    }

    static JsonRpcMethods methods() {
        RpcRoutes routes = routes();
        return new JsonRpcMethods(new ServiceMethods(routes), routes);
    }
}
