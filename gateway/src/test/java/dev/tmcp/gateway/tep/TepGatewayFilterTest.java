package dev.tmcp.gateway.tep;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Developer routes: the platform's HTTP Basic credentials go through to the service, which checks them. */
class TepGatewayFilterTest {

    private static final Route REGISTRY = Route.async().id("registry").uri(URI.create("http://127.0.0.1:8085"))
            .predicate(e -> true).metadata(Map.of("developer", true)).build();

    @Test
    void platformCredentialsOnADeveloperRouteReachTheService() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("http://localhost/mini-apps/v1/register")
                .header("Authorization", "Basic Y29uc29sZTpzZWNyZXQ="));
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, REGISTRY);
        AtomicBoolean forwarded = new AtomicBoolean();

        // No verifier: a developer-token check here would fail the test.
        StepVerifier.create(new TepGatewayFilter(null).filter(exchange, e -> {
            forwarded.set(true);
            return Mono.empty();
        })).verifyComplete();

        assertThat(forwarded).isTrue();
    }
}
