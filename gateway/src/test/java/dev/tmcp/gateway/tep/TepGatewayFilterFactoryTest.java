package dev.tmcp.gateway.tep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.web.tep.TepPrincipal;
import dev.tmcp.web.tep.TepVerifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.validation.Validator;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The {@code Tep} filter: its one arg is a scope the spec names, and it checks the TEP before the rate limiter. */
class TepGatewayFilterFactoryTest {

    private static final String TOKEN = "Bearer tep.x";

    private final TepVerifier verifier = mock(TepVerifier.class);
    private final TepGatewayFilterFactory factory = new TepGatewayFilterFactory(verifier);

    @Test
    void theGatewayBindsTheScopeFromTheShortcut() {
        assertThat(bind("Tep=wallet:pay").scope()).isEqualTo("wallet:pay");
        assertThat(bind("Tep").scope()).isNull();
        assertThat(TepGatewayFilterFactory.Config.of(new FilterDefinition("Tep=wallet:pay").getArgs()))
                .isEqualTo(bind("Tep=wallet:pay"));
    }

    @Test
    void aScopeTheSpecDoesNotNameIsRefused() {
        assertThatThrownBy(() -> new TepGatewayFilterFactory.Config("wallet:pya"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wallet:pya");
        assertThatThrownBy(() -> bind("Tep=wallet:pya")).hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void argsBesidesTheScopeAreRefused() {
        for (Map<String, String> args : List.of(new FilterDefinition("Tep=wallet:pay,wallet:balance").getArgs(),
                Map.of("scop", "wallet:pay"), Map.of("_genkey_0", " "))) {
            assertThatThrownBy(() -> TepGatewayFilterFactory.Config.of(args)).as(args.toString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aTokenWithTheScopeGoesOnWithItsPrincipal() {
        TepPrincipal principal = principal("wallet:pay");
        when(verifier.verifyTep(TOKEN)).thenReturn(Mono.just(principal));
        MockServerWebExchange exchange = exchange();
        AtomicBoolean forwarded = new AtomicBoolean();

        StepVerifier.create(filter("wallet:pay").filter(exchange, e -> Mono.fromRunnable(() -> forwarded.set(true))))
                .verifyComplete();

        assertThat(forwarded).isTrue();
        assertThat((Object) exchange.getAttribute(TepGatewayFilterFactory.PRINCIPAL)).isEqualTo(principal);
    }

    @Test
    void aTokenWithoutTheScopeIsRefusedBeforeTheService() {
        when(verifier.verifyTep(TOKEN)).thenReturn(Mono.just(principal("wallet:balance")));
        AtomicBoolean forwarded = new AtomicBoolean();

        StepVerifier.create(filter("wallet:pay").filter(exchange(), e -> Mono.fromRunnable(() -> forwarded.set(true))))
                .expectErrorSatisfies(e -> assertThat(((TmcpException) e).code()).isEqualTo(ErrorCode.INSUFFICIENT_PERMISSIONS))
                .verify();
        assertThat(forwarded).isFalse();
    }

    @Test
    void itRunsAfterRouteMatchingAndBeforeTheRateLimiter() {
        assertThat(((Ordered) filter(null)).getOrder()).isEqualTo(-100);
    }

    private GatewayFilter filter(String scope) {
        return factory.apply(new TepGatewayFilterFactory.Config(scope));
    }

    /** As Spring Cloud Gateway binds a route's filter args. */
    private TepGatewayFilterFactory.Config bind(String filter) {
        FilterDefinition definition = new FilterDefinition(filter);
        Supplier<ConversionService> conversions = DefaultConversionService::getSharedInstance;
        Supplier<Validator> noValidator = () -> null;
        return new ConfigurationService(new DefaultListableBeanFactory(), conversions, noValidator)
                .with(factory).name(definition.getName()).properties(definition.getArgs()).bind();
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.post("http://localhost/wallet/v1/p2p/initiate")
                .header("Authorization", TOKEN));
    }

    private static TepPrincipal principal(String scope) {
        return new TepPrincipal(UserId.of("@alice:test"), "ma_demo", Set.of(scope), "tw_1", "ses_1", Map.of(), "tep.x");
    }
}
