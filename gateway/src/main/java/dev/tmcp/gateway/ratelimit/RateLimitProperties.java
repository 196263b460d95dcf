package dev.tmcp.gateway.ratelimit;

import dev.tmcp.web.ratelimit.RateRow;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's rate table (spec 11.4.1) and abuse suspension (11.4.5).
 *
 * @param rows in order: the first row that matches a request names the headers of the answer
 * @param scale multiplies every limit and burst: for benchmarks that measure capacity, not policy
 * @param unverifiable the per-address bucket charged by requests whose token fails verification
 */
@ConfigurationProperties("tmcp.gateway.rate-limits")
public record RateLimitProperties(boolean enabled, double scale, List<RateRow> rows, RateRow.Suspension suspension,
        RateRow unverifiable) {

    public RateLimitProperties {
        rows = rows == null ? List.of() : List.copyOf(rows);
        if (scale <= 0) {
            scale = 1;
        }
    }
}
