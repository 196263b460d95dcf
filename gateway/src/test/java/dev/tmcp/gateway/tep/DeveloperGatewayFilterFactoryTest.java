package dev.tmcp.gateway.tep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.core.Ordered;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Developer routes: the platform's HTTP Basic credentials go through to the service, which checks them. */
class DeveloperGatewayFilterFactoryTest {

    @Test
    void platformCredentialsOnADeveloperRouteReachTheService() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("http://localhost/mini-apps/v1/register")
                .header("Authorization", "Basic Y29uc29sZTpzZWNyZXQ="));
        AtomicBoolean forwarded = new AtomicBoolean();

        // No verifier: a developer-token check here would fail the test.
        StepVerifier.create(new DeveloperGatewayFilterFactory(null).apply(new DeveloperGatewayFilterFactory.Config())
                .filter(exchange, e -> {
                    forwarded.set(true);
                    return Mono.empty();
                })).verifyComplete();

        assertThat(forwarded).isTrue();
    }

    @Test
    void itRunsWhereTheTepCheckRuns() {
        var filter = new DeveloperGatewayFilterFactory(null).apply(new DeveloperGatewayFilterFactory.Config());

        assertThat(((Ordered) filter).getOrder()).isEqualTo(TepGatewayFilterFactory.ORDER);
    }

    @Test
    void itTakesNoArgs() {
        assertThatThrownBy(() -> DeveloperGatewayFilterFactory.Config.of(Map.of("_genkey_0", "wallet:pay")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
