package dev.tmcp.appstore.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** What the review endpoints answer (spec 9.2, 9.3.4). */
final class ReviewAnswers {

    private ReviewAnswers() {
    }

    /** A transition: {@code approved_at} for an approval, {@code changed_at} otherwise; reasons when given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Transitioned(String miniappId, String status, String previousStatus, Instant approvedAt, Instant changedAt,
            List<String> reasons) {

        static Transitioned of(String miniappId, Transition transition, String previous, Instant at, List<String> reasons) {
            boolean approval = transition == Transition.APPROVE;
            return new Transitioned(miniappId, transition.to(), previous, approval ? at : null, approval ? null : at,
                    reasons == null || reasons.isEmpty() ? null : reasons);
        }
    }

    record Appealed(String appealId, String miniappId, String status, Instant estimatedResolution) {
    }

    record History(String miniappId, String status, List<Event> history) {
    }

    /** One transition so far; {@code reasons} only when some were given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(String action, String from, String to, Instant at, List<String> reasons) {
    }
}
