package dev.tmcp.gateway.tep;

import dev.tmcp.web.tep.TepPrincipal;
import dev.tmcp.web.tep.TepVerifier;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.NameUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code filters: [Tep]} or {@code [Tep=wallet:pay]}: the route verifies the TEP (signature, issuer,
 * expiry, type, revocation) and, when one is given, checks its scope. The token itself goes on
 * unchanged: each service verifies it again.
 */
@Component
public class TepGatewayFilterFactory extends AbstractGatewayFilterFactory<TepGatewayFilterFactory.Config> {

    /** Exchange attribute holding the verified {@link TepPrincipal} (read by the rate limiter and the bridge). */
    public static final String PRINCIPAL = "tmcp.tep_principal";
    /** After route matching has set the route, before the rate limiter (-90) and routing. */
    public static final int ORDER = -100;
    private static final String SCOPE = "scope";

    private final TepVerifier verifier;

    TepGatewayFilterFactory(TepVerifier verifier) {
        super(Config.class);
        this.verifier = verifier;
    }

    /** The scope the route requires, or null where only the service checks one. */
    public record Config(String scope) {

        public Config {
            if (scope != null && !Scopes.known(scope)) {
                throw new IllegalArgumentException("Tep: '" + scope + "' is not a scope of the spec " + Scopes.all());
            }
        }

        /**
         * A route definition's args, read strictly: none, or the scope alone ({@code Tep=wallet:pay}
         * or {@code args: {scope: wallet:pay}}). The gateway's own binding passes over args it has no
         * field for; the start check holds every route to this.
         */
        public static Config of(Map<String, String> args) {
            if (args.isEmpty()) {
                return new Config(null);
            }
            var arg = args.entrySet().iterator().next();
            if (args.size() > 1 || !(arg.getKey().equals(SCOPE) || arg.getKey().equals(NameUtils.generateName(0)))) {
                throw new IllegalArgumentException(
                        "Tep takes one optional argument, the scope (Tep or Tep=wallet:pay), not " + args.values());
            }
            return new Config(arg.getValue());
        }
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of(SCOPE);
    }

    @Override
    public GatewayFilter apply(Config config) {
        String scope = config.scope();
        return new OrderedGatewayFilter((exchange, chain) -> {
            String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            return Mono.defer(() -> verifier.verifyTep(authorization))
                    .flatMap(principal -> {
                        if (scope != null) {
                            principal.requireScope(scope);
                        }
                        exchange.getAttributes().put(PRINCIPAL, principal);
                        return chain.filter(exchange);
                    });
        }, ORDER);
    }
}
