package dev.tmcp.appstore.webhook;

import dev.tmcp.core.id.Ids;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.app.MiniAppWebhookDisabled;
import dev.tmcp.web.outbox.OutboxWriter;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code webhook_delivery} queue and its {@code webhook_attempt} log. */
@Repository
class WebhookDeliveries {

    /** A delivery the dispatcher claimed, with what it needs to send it. */
    record Due(String deliveryId, String eventId, String miniappId, String eventType, String body, int attempts,
            Instant createdAt, String webhookUrl, boolean callback, String sealedSecret, String sealedPreviousSecret) {
    }

    /** An app's webhook settings. */
    record Endpoint(String miniappId, String clientType, String webhookUrl, Instant disabledAt) {
    }

    record DeliveryRow(String deliveryId, String eventId, String eventType, String status, Instant createdAt,
            Instant nextAttemptAt, Instant finishedAt) {
    }

    record AttemptRow(String deliveryId, int attempt, Instant attemptedAt, Integer statusCode, int latencyMs,
            String error) {
    }

    private final DatabaseClient db;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;

    WebhookDeliveries(DatabaseClient db, OutboxWriter outbox, TransactionalOperator tx) {
        this.db = db;
        this.outbox = outbox;
        this.tx = tx;
    }

    /**
     * Queues the webhook when the app is hybrid or confidential and has a webhook URL, or when the
     * event names its own {@code targetUrl} (a payment's callback URL, any client type); only for an
     * app with a webhook secret to sign with (seeded apps have none); once per event and app. Emits
     * whether a delivery was queued.
     */
    Mono<Boolean> enqueue(String eventId, String miniappId, String eventType, String body) {
        return enqueue(eventId, miniappId, eventType, body, null);
    }

    Mono<Boolean> enqueue(String eventId, String miniappId, String eventType, String body, String targetUrl) {
        return db.sql("insert into webhook_delivery (delivery_id, event_id, miniapp_id, event_type, body, target_url) "
                        + "select :id, :event, client_id, :type, :body, :target from mini_app where client_id = :app "
                        + "and webhook_secret_enc is not null and (cast(:target as varchar) is not null "
                        + "or client_type in ('hybrid', 'confidential') and webhook_url is not null) "
                        + "on conflict (miniapp_id, event_id) do nothing")
                .bind("id", Ids.next("whd_")).bind("event", eventId).bind("app", miniappId).bind("type", eventType)
                .bind("body", body).bind("target", Parameter.fromOrEmpty(targetUrl, String.class))
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /**
     * Claims up to {@code limit} due deliveries of enabled endpoints: their next attempt moves
     * {@code lease} ahead, so a dispatcher that dies mid-send leaves them to be tried again then.
     */
    Flux<Due> claim(int limit, Duration lease) {
        return db.sql("with due as (select d.delivery_id from webhook_delivery d join mini_app a on a.client_id = d.miniapp_id "
                        + "where d.status = 'pending' and d.next_attempt_at <= now() "
                        + "and (d.target_url is not null or a.webhook_disabled_at is null and a.webhook_url is not null) "
                        + "order by d.next_attempt_at limit :limit for update of d skip locked) "
                        + "update webhook_delivery w set next_attempt_at = now() + make_interval(secs => :lease) "
                        + "from due, mini_app a where w.delivery_id = due.delivery_id and a.client_id = w.miniapp_id "
                        + "returning w.delivery_id, w.event_id, w.miniapp_id, w.event_type, w.body, w.attempts, w.created_at, "
                        + "coalesce(w.target_url, a.webhook_url) as webhook_url, w.target_url is not null as callback, "
                        + "a.webhook_secret_enc, case when a.previous_webhook_secret_until > now() "
                        + "then a.previous_webhook_secret_enc end as previous_secret_enc")
                .bind("limit", limit).bind("lease", (double) lease.toSeconds())
                .map((r, m) -> new Due(r.get("delivery_id", String.class), r.get("event_id", String.class),
                        r.get("miniapp_id", String.class), r.get("event_type", String.class), r.get("body", String.class),
                        r.get("attempts", Integer.class), r.get("created_at", OffsetDateTime.class).toInstant(),
                        r.get("webhook_url", String.class), Boolean.TRUE.equals(r.get("callback", Boolean.class)),
                        r.get("webhook_secret_enc", String.class),
                        r.get("previous_secret_enc", String.class)))
                .all();
    }

    /** Logs attempt number {@code attempt} and moves the delivery to {@code status}. */
    Mono<Void> record(String deliveryId, int attempt, int statusCode, long latencyMillis, String error, String status,
            Instant nextAttempt) {
        String shortError = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
        return db.sql("insert into webhook_attempt (delivery_id, attempt, status_code, latency_ms, error) "
                        + "values (:id, :attempt, :code, :latency, :error) on conflict do nothing")
                .bind("id", deliveryId).bind("attempt", attempt)
                .bind("code", Parameter.fromOrEmpty(statusCode == 0 ? null : statusCode, Integer.class))
                .bind("latency", (int) latencyMillis)
                .bind("error", Parameter.fromOrEmpty(shortError, String.class))
                .then()
                .then(db.sql("update webhook_delivery set attempts = :attempt, status = :status, last_status_code = :code, "
                                + "last_error = :error, next_attempt_at = :next, "
                                + "finished_at = case when :status = 'pending' then null else now() end where delivery_id = :id")
                        .bind("id", deliveryId).bind("attempt", attempt).bind("status", status)
                        .bind("code", Parameter.fromOrEmpty(statusCode == 0 ? null : statusCode, Integer.class))
                        .bind("error", Parameter.fromOrEmpty(shortError, String.class))
                        .bind("next", OffsetDateTime.ofInstant(nextAttempt, ZoneOffset.UTC))
                        .then());
    }

    /** The endpoint kept failing: no more attempts until the developer configures it again. */
    /**
     * Disables the app's endpoint; the first time, {@code miniapp.webhook_disabled} commits with it,
     * so the developer who registered the app is told (matrix-bridge).
     */
    Mono<Void> disableEndpoint(String miniappId, String lastError) {
        return tx.transactional(db.sql("update mini_app set webhook_disabled_at = now() where client_id = :id "
                        + "and webhook_disabled_at is null returning name, owner_developer_id, webhook_url, webhook_disabled_at")
                .bind("id", miniappId)
                .map((r, m) -> new MiniAppWebhookDisabled(miniappId, r.get("name", String.class),
                        r.get("owner_developer_id", String.class), r.get("webhook_url", String.class), lastError,
                        r.get("webhook_disabled_at", OffsetDateTime.class).toInstant().toString()))
                .one()
                .filter(disabled -> disabled.developerId() != null)
                .flatMap(disabled -> outbox.append(Topics.APP, EventCodec.envelope(MiniAppWebhookDisabled.TYPE,
                        "appstore-service", miniappId, disabled)))
                .then());
    }

    /** Apps whose endpoint was disabled after failing too long, and deliveries still waiting. */
    record Health(long disabledEndpoints, long pendingDeliveries) {
    }

    Mono<Health> health() {
        return db.sql("select (select count(*) from mini_app where webhook_disabled_at is not null) as disabled, "
                        + "(select count(*) from webhook_delivery where status = 'pending') as pending")
                .map(r -> new Health(r.get("disabled", Long.class), r.get("pending", Long.class))).one();
    }

    Flux<DeliveryRow> recent(String miniappId, int limit) {
        return db.sql("select delivery_id, event_id, event_type, status, created_at, next_attempt_at, finished_at "
                        + "from webhook_delivery where miniapp_id = :app order by created_at desc, delivery_id limit :limit")
                .bind("app", miniappId).bind("limit", limit)
                .map(r -> new DeliveryRow(r.get("delivery_id", String.class), r.get("event_id", String.class),
                        r.get("event_type", String.class), r.get("status", String.class), instant(r.get("created_at", OffsetDateTime.class)),
                        instant(r.get("next_attempt_at", OffsetDateTime.class)), instant(r.get("finished_at", OffsetDateTime.class))))
                .all();
    }

    Flux<AttemptRow> attempts(List<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select delivery_id, attempt, attempted_at, status_code, latency_ms, error from webhook_attempt "
                        + "where delivery_id = any(:ids) order by delivery_id, attempt")
                .bind("ids", deliveryIds.toArray(String[]::new))
                .map(r -> new AttemptRow(r.get("delivery_id", String.class), r.get("attempt", Integer.class),
                        instant(r.get("attempted_at", OffsetDateTime.class)), r.get("status_code", Integer.class),
                        r.get("latency_ms", Integer.class), r.get("error", String.class)))
                .all();
    }

    /** Manual redelivery: the delivery is due now again, whatever its state; emits false when unknown. */
    Mono<Boolean> redeliver(String miniappId, String deliveryId) {
        return db.sql("update webhook_delivery set status = 'pending', next_attempt_at = now(), finished_at = null "
                        + "where delivery_id = :id and miniapp_id = :app")
                .bind("id", deliveryId).bind("app", miniappId)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    Mono<Endpoint> endpoint(String miniappId) {
        return db.sql("select client_id, client_type, webhook_url, webhook_disabled_at from mini_app where client_id = :id")
                .bind("id", miniappId)
                .map(r -> new Endpoint(r.get("client_id", String.class), r.get("client_type", String.class),
                        r.get("webhook_url", String.class), instant(r.get("webhook_disabled_at", OffsetDateTime.class))))
                .one();
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    /** Sets the webhook URL and enables the endpoint again. */
    Mono<Void> configure(String miniappId, String url) {
        return db.sql("update mini_app set webhook_url = :url, webhook_disabled_at = null where client_id = :id")
                .bind("id", miniappId).bind("url", url).then();
    }
}
