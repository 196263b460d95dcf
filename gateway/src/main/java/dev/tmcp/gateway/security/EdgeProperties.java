package dev.tmcp.gateway.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What the gateway enforces at the edge (spec 11.1, 10.4).
 *
 * @param hstsMaxAge {@code Strict-Transport-Security} max-age (at least a year)
 * @param corsAllowedOrigins origins allowed to call the API from a browser; empty allows none
 * @param maxRequestSize largest request body accepted
 * @param exposedPrefixes operator-only route groups ({@code /admin}, {@code /_matrix/app}) this
 *     gateway routes anyway; empty (the default) hides them all behind 404
 */
@ConfigurationProperties("tmcp.gateway.edge")
public record EdgeProperties(Duration hstsMaxAge, List<String> corsAllowedOrigins, DataSize maxRequestSize,
        List<String> exposedPrefixes) {

    public EdgeProperties {
        if (hstsMaxAge == null || hstsMaxAge.toSeconds() < 31_536_000) {
            throw new IllegalStateException("tmcp.gateway.edge.hsts-max-age must be at least one year");
        }
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of()
                : corsAllowedOrigins.stream().filter(o -> !o.isBlank()).toList();
        if (corsAllowedOrigins.contains("*")) {
            throw new IllegalStateException("tmcp.gateway.edge.cors-allowed-origins must list origins, not *");
        }
        exposedPrefixes = exposedPrefixes == null ? List.of()
                : exposedPrefixes.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
        if (maxRequestSize == null) {
            maxRequestSize = DataSize.ofMegabytes(5);
        }
    }
}
