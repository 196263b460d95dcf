package dev.tmcp.gateway.ratelimit;

import java.util.ArrayList;
import java.util.List;
import dev.tmcp.web.ratelimit.RateRow;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** Finds the rows of the rate table that count a request. */
final class RateRows {

    private record Compiled(RateRow row, List<PathPattern> patterns, List<PathPattern> excluded) {
    }

    private final List<Compiled> rows;

    RateRows(List<RateRow> rows) {
        this.rows = rows.stream().map(r -> new Compiled(r, parse(r.paths()), parse(r.excludePaths()))).toList();
    }

    /** Rows for this request. */
    List<RateRow> matching(String method, String path, boolean authenticated) {
        PathContainer container = PathContainer.parsePath(path);
        List<RateRow> matched = new ArrayList<>();
        for (Compiled c : rows) {
            RateRow row = c.row();
            if (row.authenticatedOnly() && !authenticated) {
                continue;
            }
            if (!row.methods().isEmpty() && !row.methods().contains(method)) {
                continue;
            }
            if ((c.patterns().isEmpty() || c.patterns().stream().anyMatch(p -> p.matches(container)))
                    && c.excluded().stream().noneMatch(p -> p.matches(container))) {
                matched.add(row);
            }
        }
        return matched;
    }

    private static List<PathPattern> parse(List<String> patterns) {
        return patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }
}
