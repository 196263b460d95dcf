package dev.tmcp.web.ratelimit;

import java.time.Duration;
import java.util.List;

/**
 * One row of the rate table of spec 11.4.1, as a token bucket (11.4.2): {@code limit} tokens come
 * back per {@code window}; the bucket holds {@code limit + burst}.
 *
 * @param name stable bucket name
 * @param paths path patterns ({@code /wallet/v1/resolve/**}); empty means all
 * @param excludePaths path patterns the row does not count
 * @param methods HTTP methods; empty means all
 * @param authenticatedOnly count only requests with a verified TEP (the TEP validation row)
 */
public record RateRow(String name, List<String> paths, List<String> excludePaths, List<String> methods,
        int limit, Duration window, int burst, boolean authenticatedOnly) {

    public RateRow {
        paths = paths == null ? List.of() : List.copyOf(paths);
        excludePaths = excludePaths == null ? List.of() : List.copyOf(excludePaths);
        methods = methods == null ? List.of() : List.copyOf(methods);
        if (limit <= 0 || window == null || window.isZero() || burst < 0) {
            throw new IllegalArgumentException("rate row " + name + ": limit > 0, a window and burst >= 0 are required");
        }
    }

    /** A row that applies wherever it is asked to (services charging a known operation). */
    public static RateRow of(String name, int limit, Duration window, int burst) {
        return new RateRow(name, null, null, null, limit, window, burst, false);
    }

    /** Tokens the bucket holds when full (capacity + burst), times {@code scale}. */
    public double capacity(double scale) {
        return (limit + burst) * scale;
    }

    /** Tokens per second, times {@code scale}. */
    public double rate(double scale) {
        return limit * scale / (window.toMillis() / 1000.0);
    }

    /** Spec 11.4.5: {@code violations} refusals within {@code window} suspend the account for {@code duration}. */
    public record Suspension(int violations, Duration window, Duration duration) {
    }
}
