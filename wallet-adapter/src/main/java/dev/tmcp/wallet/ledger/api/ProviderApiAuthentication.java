package dev.tmcp.wallet.ledger.api;

import dev.tmcp.web.internal.ServiceCredentials;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Every /provider/v1 call presents the provider key (HTTP Basic {@code tmcp:<key>}, constant-time compare). */
@Component
@ConditionalOnProperty(name = "tmcp.wallet.provider-api.enabled", havingValue = "true")
class ProviderApiAuthentication implements WebFilter {

    static final String PREFIX = "/provider/v1/";

    private final ServiceCredentials callers;

    ProviderApiAuthentication(@Value("${tmcp.wallet.provider-api.key:}") String key) {
        this.callers = new ServiceCredentials("tmcp", key);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith(PREFIX)) {
            return chain.filter(exchange);
        }
        return Mono.fromRunnable(() -> callers.require(exchange.getRequest().getHeaders())).then(chain.filter(exchange));
    }
}
