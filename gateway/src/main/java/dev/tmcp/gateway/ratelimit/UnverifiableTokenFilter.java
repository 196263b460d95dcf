package dev.tmcp.gateway.ratelimit;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.error.OAuthError;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A request whose token fails verification (missing, forged, expired, unknown key) is charged to
 * its client address's {@code unverifiable-tokens} bucket; once that is empty the address gets 429
 * instead of 401 (decision 0028). Requests with a valid token are never charged to it, so users
 * behind the same address as an attacker are not locked out.
 */
@Component
class UnverifiableTokenFilter implements GlobalFilter, Ordered {

    private final RateLimits limits;

    UnverifiableTokenFilter(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorResume(UnverifiableTokenFilter::unverifiable,
                error -> limits.chargeUnverifiable(exchange).flatMap(decision -> {
                    if (decision.allowed()) {
                        return Mono.error(error);
                    }
                    exchange.getResponse().getHeaders().setAll(decision.headers());
                    return RateLimitFilter.refuse(exchange, decision);
                }));
    }

    private static boolean unverifiable(Throwable error) {
        if (error instanceof OAuthError oauth) {
            return oauth.status() == 401;
        }
        return error instanceof TmcpException tmcp && tmcp.code() == ErrorCode.INVALID_TOKEN;
    }

    @Override
    public int getOrder() {
        // Around the TEP check (-100), which raises the verification errors.
        return -110;
    }
}
