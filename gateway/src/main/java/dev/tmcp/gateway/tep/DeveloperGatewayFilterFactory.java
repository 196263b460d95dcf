package dev.tmcp.gateway.tep;

import dev.tmcp.web.tep.DeveloperPrincipal;
import dev.tmcp.web.tep.TepVerifier;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code filters: [Developer]}: the route verifies the developer token (spec 4.4) so that rate rows
 * count per developer. The platform's own client sends HTTP Basic instead (spec 4.4.9, official
 * registration): that goes through to the service, which holds the credentials' hash.
 */
@Component
public class DeveloperGatewayFilterFactory extends AbstractGatewayFilterFactory<DeveloperGatewayFilterFactory.Config> {

    /** Exchange attribute holding the verified {@link DeveloperPrincipal} (read by the rate limiter). */
    public static final String DEVELOPER = "tmcp.developer_principal";

    private final TepVerifier verifier;

    DeveloperGatewayFilterFactory(TepVerifier verifier) {
        super(Config.class);
        this.verifier = verifier;
    }

    /** No settings. */
    public static class Config {

        /** A route definition's args, read strictly: there are none. */
        public static Config of(Map<String, String> args) {
            if (!args.isEmpty()) {
                throw new IllegalArgumentException("Developer takes no arguments, not " + args.values());
            }
            return new Config();
        }
    }

    @Override
    public GatewayFilter apply(Config config) {
        return new OrderedGatewayFilter((exchange, chain) -> {
            if (platformCredentials(exchange)) {
                return chain.filter(exchange);
            }
            return Mono.defer(() -> verifier.verifyDeveloper(
                            exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)))
                    .flatMap(developer -> {
                        exchange.getAttributes().put(DEVELOPER, developer);
                        return chain.filter(exchange);
                    });
        }, TepGatewayFilterFactory.ORDER);
    }

    private static boolean platformCredentials(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }
}
