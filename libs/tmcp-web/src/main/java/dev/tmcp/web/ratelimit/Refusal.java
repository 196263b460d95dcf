package dev.tmcp.web.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The error of a refused request, spec 11.4.4 ({@code RATE_LIMIT_EXCEEDED}: {@code retry_after},
 * {@code limit}, {@code window}) or 11.4.5 ({@code ACCOUNT_SUSPENDED}: {@code suspended_until}), in
 * snake_case whatever mapper writes it; the gateway adds {@code timestamp} and {@code request_id}
 * (spec 12.1).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Refusal(String code, String message, Long retryAfter, Long limit, String window, String suspendedUntil,
        String timestamp, String requestId) {

    static Refusal limited(long retryAfter, long limit, String window) {
        return new Refusal("RATE_LIMIT_EXCEEDED", "Too many requests", retryAfter, limit, window, null, null, null);
    }

    static Refusal suspended(String until) {
        return new Refusal("ACCOUNT_SUSPENDED", "Account temporarily suspended due to abuse", null, null, null, until,
                null, null);
    }

    /** This refusal as answered at {@code timestamp} to the request {@code requestId}. */
    public Refusal answered(String timestamp, String requestId) {
        return new Refusal(code, message, retryAfter, limit, window, suspendedUntil, timestamp, requestId);
    }

    /** The answer's body: {@code {"error": …}}. */
    public record Body(Refusal error) {
    }
}
