package dev.tmcp.gateway.routes;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;

/** The route table of {@code application.yml}, and the routes that stop the start. */
class RouteTableTest {

    private static final String ROUTE = "spring.cloud.gateway.server.webflux.routes[0].";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GatewayProperties.class)
    @Import(RouteTable.class)
    static class Routes {
    }

    @Test
    void eachRouteChecksWhatItsMetadataSaidBeforeTheFilters() {
        Map<String, String> expected = Map.ofEntries(entry("registry", "developer"), entry("registry-admin", "-"),
                entry("auth-admin", "-"), entry("auth", "-"), entry("auth-revoke", "tep"), entry("appservice", "-"),
                entry("wallet-callback", "-"), entry("p2p", "tep wallet:pay"), entry("gift", "tep wallet:pay"),
                entry("payments-backend", "-"), entry("payments", "tep wallet:pay"),
                entry("wallet-balance", "tep wallet:balance"), entry("wallet", "tep"),
                entry("messaging", "tep messaging:send"), entry("store", "tep"), entry("client-releases", "tep"),
                entry("signing-keys", "-"), entry("json-rpc", "tep"), entry("storage", "tep"));
        Map<String, String> checks = new TreeMap<>();
        for (GatewayRoute route : TestRoutes.table().routes()) {
            checks.put(route.id(), route.developer() ? "developer"
                    : route.tep() ? "tep" + (route.scope() == null ? "" : " " + route.scope()) : "-");
        }
        assertThat(checks).isEqualTo(expected);
    }

    @Test
    void aCallWithATepTakesTheFirstRouteThatServesIt() {
        RouteTable table = TestRoutes.table();

        assertThat(table.serving(HttpMethod.GET, "/wallet/v1/balance")).map(GatewayRoute::id).contains("wallet-balance");
        assertThat(table.serving(HttpMethod.GET, "/wallet/v1/transactions")).map(GatewayRoute::id).contains("wallet");
        // The merchant backend's route also needs HTTP Basic: a call with a TEP goes on to the next one.
        assertThat(table.serving(HttpMethod.GET, "/api/v1/payments/pay_1")).map(GatewayRoute::id).contains("payments");
        assertThat(table.serving(HttpMethod.GET, "/api/v1/messaging/cards")).isEmpty();
        assertThat(table.serving(HttpMethod.GET, "/internal/anything")).isEmpty();
    }

    @Test
    void anUnknownScopeStopsTheStart() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Routes.class)
                .withPropertyValues(ROUTE + "id=r", ROUTE + "uri=" + TestRoutes.NOWHERE, ROUTE + "predicates[0]=Path=/x/**");

        runner.withPropertyValues(ROUTE + "filters[0]=Tep=wallet:pya").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("route r: Tep: 'wallet:pya' is not a scope of the spec");
        });
        runner.withPropertyValues(ROUTE + "filters[0]=Tep=wallet:pay").run(context -> assertThat(
                context.getBean(RouteTable.class).routes()).singleElement().extracting(GatewayRoute::scope)
                .isEqualTo("wallet:pay"));
    }

    @Test
    void argsAFilterDoesNotTakeStopTheStart() {
        for (List<String> filters : List.of(List.of("Tep=wallet:pay,wallet:balance"), List.of("Developer=yes"),
                List.of("Tep", "Developer"), List.of("Tep", "Tep=wallet:pay"))) {
            assertThatThrownBy(() -> new RouteTable(properties(Map.of(), filters))).as(filters.toString())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("route r: ");
        }
    }

    @Test
    void theMetadataTheFiltersReplaceStopsTheStart() {
        // Left in place it would read as a TEP check while the route checks nothing.
        assertThatThrownBy(() -> new RouteTable(properties(Map.of("tep", "true", "scope", "wallet:pay"), List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("route r: metadata 'tep' is no longer read")
                .hasMessageContaining("route r: metadata 'scope' is no longer read");
    }

    @Test
    void theRoutesOfAServiceShareItsUri() {
        GatewayProperties properties = TestRoutes.properties();
        properties.getRoutes().stream().filter(route -> route.getId().equals("gift")).findFirst().orElseThrow()
                .setUri(URI.create("http://127.0.0.1:2"));

        assertThatThrownBy(() -> new RouteTable(properties)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("route gift: service payment-service is at " + TestRoutes.NOWHERE);
    }

    private static GatewayProperties properties(Map<String, Object> metadata, List<String> filters) {
        RouteDefinition route = new RouteDefinition();
        route.setId("r");
        route.setUri(URI.create(TestRoutes.NOWHERE));
        route.setPredicates(List.of(new PredicateDefinition("Path=/x/**")));
        route.setFilters(filters.stream().map(FilterDefinition::new).toList());
        route.setMetadata(metadata);
        GatewayProperties properties = new GatewayProperties();
        properties.setRoutes(Arrays.asList(route));
        return properties;
    }
}
