package dev.tmcp.appstore.review;

import dev.tmcp.appstore.access.DeveloperAccess;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.platform.PlatformCredentials;
import dev.tmcp.web.tep.DeveloperRole;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The review lifecycle over HTTP (spec 9.2, 9.3.4; decision 0043). Developers of the owning
 * organization ({@code miniapp:manage}) submit, withdraw and appeal; the platform (its HTTP Basic
 * credentials, spec 4.4.9) takes apps into review, approves, rejects with reasons, suspends and
 * reinstates.
 */
@RestController
class ReviewController {

    /** Reasons shown to the developer: at least one for reject and suspend. */
    record Decision(List<String> reasons) {
    }

    /** Spec 9.3.4, as JSON: {@code evidence} holds https links to the files. */
    record Appeal(String reason, List<String> changesMade, List<String> evidence) {
    }

    private final Reviews reviews;
    private final DeveloperAccess access;
    private final PlatformCredentials platform;

    ReviewController(Reviews reviews, DeveloperAccess access, PlatformCredentials platform) {
        this.reviews = reviews;
        this.access = access;
        this.platform = platform;
    }

    @GetMapping("/mini-apps/v1/{miniappId}/review")
    Mono<ReviewAnswers.History> history(ServerWebExchange http, @PathVariable String miniappId) {
        return access.require(http, miniappId, DeveloperRole.Permissions.READ).then(reviews.history(miniappId));
    }

    @PostMapping("/mini-apps/v1/{miniappId}/submit")
    Mono<ReviewAnswers.Transitioned> submit(ServerWebExchange http, @PathVariable String miniappId) {
        return developer(http, miniappId, Transition.SUBMIT);
    }

    @PostMapping("/mini-apps/v1/{miniappId}/withdraw")
    Mono<ReviewAnswers.Transitioned> withdraw(ServerWebExchange http, @PathVariable String miniappId) {
        return developer(http, miniappId, Transition.WITHDRAW);
    }

    @PostMapping("/mini-apps/v1/{miniappId}/appeal")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ReviewAnswers.Appealed> appeal(ServerWebExchange http, @PathVariable String miniappId, @RequestBody Appeal appeal) {
        String reason = appeal == null ? null : appeal.reason();
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            return Mono.error(invalid("reason is required, at most 2000 characters"));
        }
        List<String> changes = appeal.changesMade() == null ? List.of() : appeal.changesMade();
        List<String> evidence = appeal.evidence() == null ? List.of() : appeal.evidence();
        if (changes.size() > 20 || changes.stream().anyMatch(c -> c == null || c.isBlank() || c.length() > 500)) {
            return Mono.error(invalid("changes_made has at most 20 entries of at most 500 characters"));
        }
        if (evidence.size() > 10 || evidence.stream().anyMatch(e -> e == null || !e.startsWith("https://") || e.length() > 2000)) {
            return Mono.error(invalid("evidence has at most 10 https links"));
        }
        return access.require(http, miniappId, DeveloperRole.Permissions.MANAGE)
                .flatMap(granted -> reviews.appeal(miniappId, granted.developer().developerId().value(), reason, changes, evidence));
    }

    @PostMapping("/admin/mini-apps/{miniappId}/review")
    Mono<ReviewAnswers.Transitioned> startReview(ServerWebExchange http, @PathVariable String miniappId) {
        return platform(http, miniappId, Transition.START_REVIEW, null);
    }

    @PostMapping("/admin/mini-apps/{miniappId}/approve")
    Mono<ReviewAnswers.Transitioned> approve(ServerWebExchange http, @PathVariable String miniappId) {
        return platform(http, miniappId, Transition.APPROVE, null);
    }

    @PostMapping("/admin/mini-apps/{miniappId}/reject")
    Mono<ReviewAnswers.Transitioned> reject(ServerWebExchange http, @PathVariable String miniappId, @RequestBody Decision decision) {
        return platform(http, miniappId, Transition.REJECT, decision);
    }

    @PostMapping("/admin/mini-apps/{miniappId}/suspend")
    Mono<ReviewAnswers.Transitioned> suspend(ServerWebExchange http, @PathVariable String miniappId, @RequestBody Decision decision) {
        return platform(http, miniappId, Transition.SUSPEND, decision);
    }

    @PostMapping("/admin/mini-apps/{miniappId}/reinstate")
    Mono<ReviewAnswers.Transitioned> reinstate(ServerWebExchange http, @PathVariable String miniappId) {
        return platform(http, miniappId, Transition.REINSTATE, null);
    }

    private Mono<ReviewAnswers.Transitioned> developer(ServerWebExchange http, String miniappId, Transition transition) {
        return access.require(http, miniappId, DeveloperRole.Permissions.MANAGE)
                .flatMap(granted -> reviews.apply(miniappId, transition, granted.developer().developerId().value(), null));
    }

    private Mono<ReviewAnswers.Transitioned> platform(ServerWebExchange http, String miniappId, Transition transition, Decision decision) {
        platform.require(http.getRequest().getHeaders(), null);
        List<String> reasons = decision == null || decision.reasons() == null ? List.of() : decision.reasons();
        if (transition.needsReasons() && (reasons.isEmpty() || reasons.size() > 20
                || reasons.stream().anyMatch(r -> r == null || r.isBlank() || r.length() > 500))) {
            return Mono.error(invalid("reasons: 1 to 20 non-empty entries of at most 500 characters"));
        }
        return reviews.apply(miniappId, transition, platform.clientId(), reasons);
    }

    private static TmcpException invalid(String message) {
        return new TmcpException(ErrorCode.INVALID_REQUEST, message);
    }
}
