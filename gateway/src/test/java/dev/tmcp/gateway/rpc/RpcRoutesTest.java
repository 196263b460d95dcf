package dev.tmcp.gateway.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.gateway.routes.TestRoutes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import tools.jackson.databind.JsonNode;

/** The bridge's methods take their scope and service from the route their REST call takes, and a call without one stops the start. */
class RpcRoutesTest {

    @Test
    void theBridgesOwnMethodsAreChargedAsTheirRestRoute() {
        JsonRpcMethods methods = TestRpc.methods();
        JsonNode params = RpcJson.MAPPER.readTree("{\"key\":\"cart\"}");
        Map.of("tween.storage.get", "GET /api/v1/storage/cart null",
                "tween.storage.set", "PUT /api/v1/storage/cart null",
                "tween.messaging.sendCard", "POST /api/v1/messaging/cards messaging:send").forEach((method, route) -> {
                    JsonRpcMethods.Route r = methods.route(method, params);
                    assertThat(r.httpMethod() + " " + r.path() + " " + r.scope()).as(method).isEqualTo(route);
                });
        assertThat(methods.route("tween.auth.getUserInfo", params)).isNull();
    }

    @Test
    void aMethodsScopeIsWhatItsRouteChecks() {
        GatewayProperties properties = TestRoutes.properties();
        route(properties, "p2p").setFilters(new ArrayList<>(List.of(new FilterDefinition("Tep=wallet:request"))));

        ServiceMethods methods = new ServiceMethods(TestRpc.routes(TestRoutes.table(properties)));

        assertThat(methods.rest("tween.wallet.confirmTransfer").scope()).isEqualTo("wallet:request");
        assertThat(methods.rest("tween.wallet.pay").scope()).isEqualTo("wallet:pay");
    }

    @Test
    void aMethodWhoseRouteChecksNoTepStopsTheStart() {
        GatewayProperties properties = TestRoutes.properties();
        route(properties, "storage").getFilters().clear();

        assertThatThrownBy(() -> new ServiceMethods(TestRpc.routes(TestRoutes.table(properties))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tween.storage.list stands for GET /api/v1/storage, which route storage serves without a Tep check");
    }

    @Test
    void aMethodNoRouteServesStopsTheStart() {
        GatewayProperties properties = TestRoutes.properties();
        properties.getRoutes().removeIf(route -> route.getId().equals("storage"));

        assertThatThrownBy(() -> new ServiceMethods(TestRpc.routes(TestRoutes.table(properties))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tween.storage.batchGet stands for POST /api/v1/storage/batch/get, which no route serves");
    }

    private static RouteDefinition route(GatewayProperties properties, String id) {
        return properties.getRoutes().stream().filter(route -> route.getId().equals(id)).findFirst().orElseThrow();
    }
}
