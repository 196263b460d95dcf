package dev.tmcp.gateway.security;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Security headers on every answer of the gateway, errors included: HSTS (spec 11.1), no sniffing,
 * no framing, no referrer, and a deny-all CSP unless the service set its own (the consent page).
 */
@Component
class SecurityHeadersFilter implements WebFilter, Ordered {

    private final String hsts;

    SecurityHeadersFilter(EdgeProperties properties) {
        this.hsts = "max-age=" + properties.hstsMaxAge().toSeconds() + "; includeSubDomains";
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("Strict-Transport-Security", hsts);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            if (!headers.containsHeader("Content-Security-Policy")) {
                headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            }
            if (!headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
                headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
