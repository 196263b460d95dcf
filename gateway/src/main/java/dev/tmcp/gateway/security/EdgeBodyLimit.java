package dev.tmcp.gateway.security;

import dev.tmcp.web.input.BodyLimitWebFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Request bodies over the edge limit ({@code tmcp.gateway.edge.max-request-size}) get 413
 * {@code PAYLOAD_TOO_LARGE}: at once when {@code Content-Length} says so (and the connection is
 * closed rather than read to the end), and while streaming when a chunked body grows past it.
 */
@Configuration(proxyBeanMethods = false)
class EdgeBodyLimit {

    @Bean
    BodyLimitWebFilter edgeBodyLimitWebFilter(EdgeProperties properties) {
        return new BodyLimitWebFilter(properties.maxRequestSize().toBytes(), true);
    }
}
