package dev.tmcp.gateway.ratelimit;

import dev.tmcp.gateway.tep.TepGatewayFilter;
import dev.tmcp.web.tep.TepPrincipal;
import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

@Configuration(proxyBeanMethods = false)
class RateLimitKeys {

    /** Limits per user and mini-app when a TEP was verified, else per client address. */
    @Bean
    KeyResolver tepKeyResolver() {
        return exchange -> {
            TepPrincipal principal = exchange.getAttribute(TepGatewayFilter.PRINCIPAL);
            if (principal != null) {
                return Mono.just("tep:" + principal.userId() + ":" + principal.clientId());
            }
            InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
            return Mono.just("ip:" + (remote == null ? "unknown" : remote.getAddress().getHostAddress()));
        };
    }
}
