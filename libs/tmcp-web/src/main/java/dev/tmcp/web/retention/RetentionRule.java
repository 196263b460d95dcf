package dev.tmcp.web.retention;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Rows of {@code table} whose {@code timeColumn} is older than {@code keep} and that match
 * {@code condition} are deleted by {@link Retention}. A service declares its rules as beans; the
 * table, column and condition are the service's own constants, never input.
 */
public record RetentionRule(String table, String timeColumn, String condition, Duration keep) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public RetentionRule {
        if (!IDENTIFIER.matcher(table).matches() || !IDENTIFIER.matcher(timeColumn).matches()) {
            throw new IllegalArgumentException("retention rule needs plain identifiers: " + table + "." + timeColumn);
        }
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("retention of " + table + " must be positive, was " + keep);
        }
        condition = condition == null || condition.isBlank() ? "true" : condition;
    }

    public static RetentionRule olderThan(String table, String timeColumn, Duration keep) {
        return new RetentionRule(table, timeColumn, "true", keep);
    }

    /** The rule's name in metrics and logs. */
    public String name() {
        return condition.equals("true") ? table : table + "[" + condition + "]";
    }

    /** Deletes at most {@code :batch} expired rows; binds {@code :keep} in seconds. */
    String deleteBatchSql() {
        return "delete from " + table + " where ctid = any(array(select ctid from " + table + " where " + timeColumn
                + " < now() - make_interval(secs => :keep) and (" + condition + ") limit :batch))";
    }
}
