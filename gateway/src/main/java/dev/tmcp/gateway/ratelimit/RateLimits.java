package dev.tmcp.gateway.ratelimit;

import dev.tmcp.web.ratelimit.RateLimiter;
import dev.tmcp.web.ratelimit.RateRow;
import dev.tmcp.web.tep.TepPrincipal;
import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Spec 11.4 at the gateway: the rows that count a request, keyed by the verified user, or by the
 * client address when there is none.
 */
@Component
public class RateLimits {

    private final RateLimitProperties properties;
    private final RateRows rows;
    private final RateLimiter limiter;

    RateLimits(RateLimitProperties properties, ReactiveStringRedisTemplate redis, MeterRegistry meters) {
        this.properties = properties;
        this.rows = new RateRows(properties.rows());
        this.limiter = new RateLimiter(redis, properties.suspension(), properties.scale(), meters);
    }

    boolean enabled() {
        return properties.enabled();
    }

    /** Charges a request (or a JSON-RPC call standing for one) to its subject's buckets. */
    public Mono<RateLimiter.Decision> charge(ServerWebExchange exchange, TepPrincipal caller, String method,
            String path) {
        if (!properties.enabled()) {
            return Mono.just(RateLimiter.Decision.UNCOUNTED);
        }
        List<RateRow> matched = rows.matching(method, path, caller != null);
        dev.tmcp.web.tep.DeveloperPrincipal developer = exchange.getAttribute(
                dev.tmcp.gateway.tep.DeveloperGatewayFilterFactory.DEVELOPER);
        String subject = caller != null ? "u:" + caller.userId().value()
                : developer != null ? "u:" + developer.developerId().value() : "ip:" + address(exchange);
        return limiter.charge(subject, caller != null || developer != null, matched);
    }

    /** Charges a request whose token failed verification to its client address (never suspends). */
    Mono<RateLimiter.Decision> chargeUnverifiable(ServerWebExchange exchange) {
        if (!properties.enabled() || properties.unverifiable() == null) {
            return Mono.just(RateLimiter.Decision.UNCOUNTED);
        }
        return limiter.charge("ip:" + address(exchange), false, List.of(properties.unverifiable()));
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
