package dev.tmcp.appstore.store;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.util.Set;

/**
 * The browse parameters of spec 16.6.1, checked: {@code category} an id or {@code all},
 * {@code sort} one of {@code popular}, {@code recent}, {@code rating}, {@code name},
 * {@code classification} one of the registry's, {@code limit} 1–100, {@code offset} ≥ 0.
 */
record StoreQuery(String category, String sort, String classification, String search, int limit, int offset) {

    static final Set<String> SORTS = Set.of("popular", "recent", "rating", "name");
    static final Set<String> CLASSIFICATIONS = Set.of("official", "verified", "community", "beta", "third_party");

    static StoreQuery of(String category, String sort, String classification, String search, String limit, String offset) {
        String c = category == null || category.isBlank() ? "all" : category;
        if (c.length() > 60) {
            throw invalid("category is at most 60 characters");
        }
        String s = sort == null ? "popular" : sort;
        if (!SORTS.contains(s)) {
            throw invalid("sort must be popular, recent, rating or name");
        }
        if (classification != null && !CLASSIFICATIONS.contains(classification)) {
            throw invalid("classification must be official, verified, community, beta or third_party");
        }
        int l = number("limit", limit, 20);
        int o = number("offset", offset, 0);
        if (l < 1 || l > 100) {
            throw invalid("limit must be between 1 and 100");
        }
        if (o < 0 || o > 100_000) {
            throw invalid("offset must be between 0 and 100000");
        }
        String q = search == null || search.isBlank() ? null : search.strip();
        if (q != null && (q.length() > 100 || q.chars().anyMatch(Character::isISOControl))) {
            throw invalid("q is at most 100 characters without control characters");
        }
        return new StoreQuery(c, s, classification, q, l, o);
    }

    /** The ILIKE pattern of the name search: the words in order, {@code %}, {@code _} and {@code \} taken literally. */
    String searchPattern() {
        if (search == null) {
            return null;
        }
        String literal = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + String.join("%", literal.split("\\s+")) + "%";
    }

    /**
     * The ORDER BY of the sort, from a fixed list (never from the request text): {@code popular} by
     * the 16.6.3 score, {@code rating} by the Bayesian average of {@link Ranking} (decision 0049).
     */
    String orderBy() {
        return switch (sort) {
            case "recent" -> "coalesce(m.released_at, m.approved_at, m.created_at) desc, m.client_id";
            case "name" -> "lower(m.name), m.client_id";
            case "rating" -> "(" + Ranking.PRIOR_RATINGS + " * " + Ranking.PRIOR_AVERAGE + " + m.rating_sum) / ("
                    + Ranking.PRIOR_RATINGS + " + m.rating_count) desc, m.rating_count desc, m.client_id";
            default -> "coalesce(s.score, 0) desc, m.install_count desc, lower(m.name), m.client_id";
        };
    }

    private static int number(String name, String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(name + " must be an integer");
        }
    }

    private static TmcpException invalid(String message) {
        return new TmcpException(ErrorCode.INVALID_REQUEST, message);
    }
}
