package dev.tmcp.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The operator's allow-list for restricted route groups: closed unless listed. */
class ExposureFilterTest {

    @Test
    void aRestrictedRouteIsHiddenUnlessItsPrefixIsListed() {
        AtomicBoolean routed = new AtomicBoolean();
        StepVerifier.create(filter(List.of()).filter(exchange("/admin"), e -> Mono.fromRunnable(() -> routed.set(true))))
                .expectErrorSatisfies(e -> assertThat(((TmcpException) e).code()).isEqualTo(ErrorCode.NOT_FOUND))
                .verify();
        assertThat(routed).isFalse();
    }

    @Test
    void anOperatorListsThePrefixToRouteIt() {
        AtomicBoolean routed = new AtomicBoolean();
        StepVerifier.create(filter(List.of("/admin")).filter(exchange("/admin"), e -> Mono.fromRunnable(() -> routed.set(true))))
                .verifyComplete();
        assertThat(routed).isTrue();
    }

    @Test
    void listingOnePrefixDoesNotOpenTheOther() {
        StepVerifier.create(filter(List.of("/admin")).filter(exchange("/_matrix/app"), e -> Mono.empty()))
                .expectError(TmcpException.class)
                .verify();
    }

    private static ExposureFilter filter(List<String> exposed) {
        return new ExposureFilter(new EdgeProperties(Duration.ofDays(365), List.of(), null, exposed));
    }

    private static MockServerWebExchange exchange(String restricted) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post(restricted + "/x"));
        Route route = Route.async().id("r").uri("http://127.0.0.1:1").predicate(e -> true)
                .metadata("restricted", restricted).build();
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
        return exchange;
    }
}
