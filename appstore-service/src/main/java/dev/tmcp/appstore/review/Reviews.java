package dev.tmcp.appstore.review;

import dev.tmcp.appstore.webhook.AppLifecycleWebhooks;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.app.MiniAppRegistered;
import dev.tmcp.core.event.app.MiniAppSuspended;
import dev.tmcp.core.id.Ids;
import dev.tmcp.web.outbox.OutboxWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves apps through the review lifecycle ({@link Transition}): one conditional update per
 * transition, so two concurrent calls cannot both succeed, with its history row in the same
 * transaction. Approval also writes {@code miniapp.registered}, from which auth-service creates
 * the app's Keycloak client: an app gets one only once approved.
 */
@Service
public class Reviews {

    private static final Logger log = LoggerFactory.getLogger(Reviews.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> REASONS = new TypeReference<>() {
    };

    /** The row a transition changed: its status before, and when. */
    private record Changed(String previous, Instant at) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final OutboxWriter outbox;
    private final AppLifecycleWebhooks webhooks;

    Reviews(DatabaseClient db, TransactionalOperator tx, OutboxWriter outbox, AppLifecycleWebhooks webhooks) {
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.webhooks = webhooks;
    }

    /** Applies {@code transition}; 404 for an unknown app, 409 {@code INVALID_STATE} from any other status. */
    Mono<ReviewAnswers.Transitioned> apply(String miniappId, Transition transition, String actor, List<String> reasons) {
        String reasonText = reasons == null || reasons.isEmpty() ? null : JSON.writeValueAsString(reasons);
        Mono<ReviewAnswers.Transitioned> change = db.sql("with old as (select client_id, status from mini_app where client_id = :id "
                        + "for update) update mini_app m set status = :to, "
                        + "approved_at = case when :action = 'approve' then now() else m.approved_at end, "
                        + "approved_by = case when :action = 'approve' then :actor else m.approved_by end "
                        + "from old where m.client_id = old.client_id and old.status = any(:from) "
                        + "returning old.status as previous, now() as at")
                .bind("id", miniappId).bind("to", transition.to()).bind("action", transition.action())
                .bind("actor", actor).bind("from", transition.from().toArray(String[]::new))
                .map((r, m) -> new Changed(r.get("previous", String.class), r.get("at", OffsetDateTime.class).toInstant()))
                .one()
                .flatMap(done -> db.sql("insert into review_event (miniapp_id, action, from_status, to_status, actor, reasons) "
                                + "values (:id, :action, :from, :to, :actor, :reasons)")
                        .bind("id", miniappId).bind("action", transition.action())
                        .bind("from", done.previous()).bind("to", transition.to()).bind("actor", actor)
                        .bind("reasons", Parameter.fromOrEmpty(reasonText, String.class))
                        .then()
                        .then(transition == Transition.APPROVE ? announce(miniappId) : Mono.empty())
                        .then(transition == Transition.SUSPEND ? suspended(miniappId, reasons) : Mono.empty())
                        .then(lifecycleWebhook(miniappId, transition, done.previous(), reasons))
                        .thenReturn(ReviewAnswers.Transitioned.of(miniappId, transition, done.previous(),
                                done.at().truncatedTo(ChronoUnit.SECONDS), reasons)));
        return tx.transactional(change)
                .doOnNext(done -> log.info("mini-app {}: {} by {} ({} → {})", miniappId, transition.action(), actor,
                        done.previousStatus(), transition.to()))
                .switchIfEmpty(Mono.defer(() -> refusal(miniappId, transition)));
    }

    /** An appeal of a rejection (9.3.4): recorded, and the app is under review again. */
    Mono<ReviewAnswers.Appealed> appeal(String miniappId, String developer, String reason, List<String> changesMade,
            List<String> evidence) {
        String appealId = Ids.next("appeal_");
        return tx.transactional(apply(miniappId, Transition.APPEAL, developer, List.of(reason))
                .flatMap(moved -> db.sql("insert into appeal (appeal_id, miniapp_id, reason, changes_made, evidence, created_by) "
                                + "values (:appeal, :id, :reason, :changes, :evidence, :by)")
                        .bind("appeal", appealId).bind("id", miniappId).bind("reason", reason)
                        .bind("changes", JSON.writeValueAsString(changesMade)).bind("evidence", JSON.writeValueAsString(evidence))
                        .bind("by", developer)
                        .then()
                        .thenReturn(moved)))
                .map(moved -> new ReviewAnswers.Appealed(appealId, miniappId, "under_review",
                        Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS)));
    }

    /** The app's status, last reasons and every transition so far, oldest first. */
    Mono<ReviewAnswers.History> history(String miniappId) {
        return db.sql("select status from mini_app where client_id = :id").bind("id", miniappId)
                .map((r, m) -> r.get("status", String.class)).one()
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.APP_NOT_FOUND, "No such mini-app")))
                .flatMap(status -> db.sql("select action, from_status, to_status, actor, reasons, at from review_event "
                                + "where miniapp_id = :id order by event_id")
                        .bind("id", miniappId)
                        .map((r, m) -> {
                            String reasons = r.get("reasons", String.class);
                            return new ReviewAnswers.Event(r.get("action", String.class), r.get("from_status", String.class),
                                    r.get("to_status", String.class), r.get("at", OffsetDateTime.class).toInstant(),
                                    reasons == null ? null : JSON.readValue(reasons, REASONS));
                        })
                        .all().collectList()
                        .map(events -> new ReviewAnswers.History(miniappId, status, events)));
    }

    private Mono<Void> announce(String miniappId) {
        return db.sql("select name, client_type, redirect_uris, backend_client_id, "
                        + "(select coalesce(string_agg(scope, ' ' order by scope), '') from mini_app_scope s where s.client_id = m.client_id) as scopes "
                        + "from mini_app m where client_id = :id")
                .bind("id", miniappId)
                .map((r, m) -> new MiniAppRegistered(miniappId, r.get("name", String.class), r.get("client_type", String.class),
                        words(r.get("redirect_uris", String.class)), words(r.get("scopes", String.class)),
                        r.get("backend_client_id", String.class)))
                .one()
                .flatMap(event -> outbox.append(Topics.APP, EventCodec.envelope(MiniAppRegistered.TYPE, "appstore-service",
                        miniappId, event)))
                .then();
    }

    /** auth-service ends the app's live sessions: its TEPs stop working, not only new ones (decision 0050). */
    private Mono<Void> suspended(String miniappId, List<String> reasons) {
        return outbox.append(Topics.APP, EventCodec.envelope(MiniAppSuspended.TYPE, "appstore-service", miniappId,
                new MiniAppSuspended(miniappId, reasons == null ? List.of() : reasons))).then();
    }

    /** The platform's decisions reach the app's backend; the developer's own steps do not. */
    private Mono<Void> lifecycleWebhook(String miniappId, Transition transition, String previous, List<String> reasons) {
        String event = switch (transition) {
            case START_REVIEW -> "app.review_started";
            case APPROVE -> "app.approved";
            case REJECT -> "app.rejected";
            case SUSPEND -> "app.suspended";
            case REINSTATE -> "app.reinstated";
            case SUBMIT, WITHDRAW, APPEAL -> null;
        };
        if (event == null) {
            return Mono.empty();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("miniapp_id", miniappId);
        data.put("status", transition.to());
        data.put("previous_status", previous);
        if (reasons != null && !reasons.isEmpty()) {
            data.put("reasons", reasons);
        }
        return webhooks.queue(miniappId, event, data);
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
    }

    private Mono<ReviewAnswers.Transitioned> refusal(String miniappId, Transition transition) {
        return db.sql("select status from mini_app where client_id = :id").bind("id", miniappId)
                .map((r, m) -> r.get("status", String.class)).one()
                .flatMap(status -> Mono.<ReviewAnswers.Transitioned>error(new TmcpException(ErrorCode.INVALID_STATE,
                        "A mini-app in " + status + " cannot be " + past(transition), Map.of("status", status))))
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.MINIAPP_NOT_FOUND, "Mini-app not registered")));
    }

    private static String past(Transition t) {
        return switch (t) {
            case SUBMIT -> "submitted";
            case WITHDRAW -> "withdrawn";
            case APPEAL -> "appealed";
            case START_REVIEW -> "taken into review";
            case APPROVE -> "approved";
            case REJECT -> "rejected";
            case SUSPEND -> "suspended";
            case REINSTATE -> "reinstated";
        };
    }
}
